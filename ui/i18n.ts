// Chinese first, English on a switch. Each screen keeps its strings in one `strings.ts`
// ({zh, en} with the same keys, checked by the compiler); words every screen needs are here.
import { useEffect, useState } from 'preact/hooks';
import { errorWordsIn } from './errors.ts';

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
    unknownWait: '暂无窗口办理',
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
    unknownWait: 'no counter open for it now',
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

/** Words for an error code; unknown codes fall back to a general sentence (see ui/errors.ts). */
export function errorWords(code: string, serverMessage?: string, lang: Lang = current): string {
  return errorWordsIn(code, serverMessage, lang);
}
