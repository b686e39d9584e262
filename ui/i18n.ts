// Chinese first, English on a switch. Each screen keeps its strings in one `strings.ts`
// ({zh, en} with the same keys, checked by the compiler); words every screen needs are here.
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'zh' | 'en';
export type Strings<K extends string> = { zh: Record<K, string>; en: Record<K, string> };
export type Params = Record<string, string | number>;

const STORAGE_KEY = 'hallq.lang';
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = initialLang();
applyToDocument(current);

function applyToDocument(lang: Lang): void {
  // zh-CN makes the browser pick Simplified Chinese glyphs from the CJK fonts.
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const getLang = (): Lang => current;

export function setLang(lang: Lang, remember = true): void {
  if (lang === current) return;
  current = lang;
  applyToDocument(lang);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The current language; the component re-renders when it changes. */
export function useLang(): Lang {
  const [lang, set] = useState(current);
  useEffect(() => onLangChange(set), []);
  return lang;
}

/** `{name}` placeholders are filled from params. */
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export type Translate<K extends string> = (key: K, params?: Params) => string;

export function translator<K extends string>(strings: Strings<K>, lang: Lang = current): Translate<K> {
  return (key, params) => fill(strings[lang][key], params);
}

/** The translate function for the current language; re-renders on a switch. */
export function useT<K extends string>(strings: Strings<K>): Translate<K> {
  return translator(strings, useLang());
}

/** A matter's name in the current language. */
export const matterName = (m: { name: string; nameEn: string }, lang: Lang = current): string =>
  lang === 'en' && m.nameEn ? m.nameEn : m.name;

export const common: Strings<
  | 'switchLang'
  | 'reconnecting'
  | 'reconnectingHint'
  | 'minutes'
  | 'aboutMinutes'
  | 'noWait'
  | 'unknownWait'
  | 'people'
  | 'counterNo'
  | 'loading'
  | 'hallMissing'
> = {
  zh: {
    switchLang: 'English',
    reconnecting: '正在重新连接…',
    reconnectingHint: '网络暂时中断，恢复后自动继续，无需操作',
    minutes: '{n} 分钟',
    aboutMinutes: '约 {n} 分钟',
    noWait: '无需等候',
    unknownWait: '待定',
    people: '{n} 人',
    counterNo: '{n}号窗口',
    loading: '正在加载…',
    hallMissing: '找不到该服务大厅，请检查网址中的 hall 参数',
  },
  en: {
    switchLang: '中文',
    reconnecting: 'Reconnecting…',
    reconnectingHint: 'The network is down for a moment; this screen carries on by itself',
    minutes: '{n} min',
    aboutMinutes: 'about {n} min',
    noWait: 'no wait',
    unknownWait: 'not known yet',
    people: '{n}',
    counterNo: 'Counter {n}',
    loading: 'Loading…',
    hallMissing: 'No such service hall: check the hall parameter in the address',
  },
};

/** "about 12 min" / "无需等候"; null when the server cannot estimate (no counter open). */
export function waitText(minutes: number | null, lang: Lang = current): string {
  const t = translator(common, lang);
  if (minutes === null) return t('unknownWait');
  if (minutes < 1) return t('noWait');
  return t('aboutMinutes', { n: Math.round(minutes) });
}

// What went wrong, in words, per error code of API.md / server/src/errors.ts.
const ERRORS: Record<string, { zh: string; en: string }> = {
  NETWORK: { zh: '无法连接服务器，请稍后再试', en: 'Cannot reach the server; please try again' },
  TIMEOUT: { zh: '服务器响应超时，请稍后再试', en: 'The server took too long to answer; please try again' },
  VALIDATION_FAILED: {
    zh: '填写的内容有误，请检查后重试',
    en: 'Something entered is not valid; please check it',
  },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { zh: '您没有权限进行此操作', en: 'You may not do this' },
  NOT_FOUND: { zh: '找不到要操作的内容，可能已被更改', en: 'Not found; it may have changed meanwhile' },
  RATE_LIMITED: { zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; please wait a moment' },
  CONFLICT: { zh: '该请求正在处理中，请稍候', en: 'This request is still being processed; please wait' },
  INVALID_TRANSITION: {
    zh: '该号码当前的状态不允许此操作',
    en: 'The ticket is not in a state that allows this',
  },
  CURRENT_TICKET_CALLED: {
    zh: '当前号码已呼叫：请先开始办理、重呼或标记过号',
    en: 'The current ticket is called: start it, recall it or mark it a no-show first',
  },
  COUNTER_NOT_OPEN: { zh: '窗口未开放（已暂停或关闭）', en: 'The counter is not open (paused or closed)' },
  COUNTER_TAKEN: { zh: '该窗口已有其他工作人员在岗', en: 'Another clerk is at this counter' },
  CLERK_AT_OTHER_COUNTER: {
    zh: '您已在其他窗口在岗，请先关闭那个窗口',
    en: 'You are at another counter; close it first',
  },
  NOT_ELIGIBLE: { zh: '该号码已转给其他窗口', en: 'This ticket was transferred to another counter' },
  ISSUING_CLOSED: { zh: '该事项现在不能现场取号', en: 'This matter issues no walk-in tickets now' },
  NOT_ENOUGH_HISTORY: {
    zh: '历史数据不足：至少需要一个工作日的取号和办结记录',
    en: 'Not enough history: at least one working day of issued and finished tickets is needed',
  },
  QUOTA_REACHED: { zh: '该事项今日的号已发完', en: 'Today’s tickets for this matter are all taken' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大', en: 'What was sent is too large' },
  INTERNAL: {
    zh: '系统出错，请稍后再试或联系工作人员',
    en: 'Something went wrong; please try again or ask staff',
  },
  UNAVAILABLE: { zh: '系统暂时不可用，请稍后再试', en: 'The system is unavailable for a moment' },
};

/** Words for an error code; unknown codes fall back to a general sentence. */
export function errorWords(code: string, serverMessage?: string, lang: Lang = current): string {
  const known = ERRORS[code];
  if (known) return known[lang];
  if (lang === 'en' && serverMessage) return serverMessage;
  return lang === 'zh'
    ? '操作未成功，请重试或联系工作人员'
    : 'That did not work; please try again or ask staff';
}
