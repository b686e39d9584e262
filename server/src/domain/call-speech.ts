// What a wall display says for a call. Speech engines read `A101` in different ways (A 一零一,
// A 一百零一, "A one hundred one"), so the text handed to the engine spells the ticket number
// itself: each letter on its own, each digit as its Chinese character (零 一 零 一), which
// every Mandarin engine reads the same way. The counter is said as a number (十二号窗口), as
// halls say it. Pure: the display and the server's validation share it.

/** How a hall words and plays its calls (hall settings `voice`). */
export interface VoiceSettings {
  /** The call; `{number}` and `{counter}` are filled in. */
  phrase: string;
  /** A recall (重呼) of a ticket already called. */
  recallPhrase: string;
  /** Times each call is spoken (1–5). */
  repeat: number;
  /** Speech rate, 0.5–2 (1 is the engine's normal speed). */
  rate: number;
  /** Volume, 0–1. */
  volume: number;
  /** An English sentence after the Chinese one (halls that serve foreigners). */
  english: boolean;
}

export const DEFAULT_VOICE: VoiceSettings = {
  phrase: '请 {number} 号到 {counter} 号窗口办理',
  recallPhrase: '请 {number} 号再次到 {counter} 号窗口办理',
  repeat: 2,
  rate: 0.85,
  volume: 1,
  english: false,
};

export const voiceFrom = (s: Partial<VoiceSettings> | undefined): VoiceSettings => ({
  ...DEFAULT_VOICE,
  ...s,
});

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const digit = (d: number) => DIGITS[d]!;

/** A ticket number spelled: `A101` → `A 零 一 零 一`; letters stay letters, digits become 零…九. */
export function spellTicketNumber(number: string): string {
  return [...number.trim()].map((ch) => (/[0-9]/.test(ch) ? digit(Number(ch)) : ch.toUpperCase())).join(' ');
}

/** A whole number (0–99 999) in Chinese numerals as said aloud: 3 → 三, 12 → 十二, 105 → 一百零五. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99_999) return String(n);
  if (n === 0) return '零';
  const units = ['', '十', '百', '千', '万'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += digit(d) + unit;
  });
  // 10–19 are said 十, 十一 … not 一十, 一十一.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** `A101` → `A 1 0 1`: an English engine then reads each character alone. */
const spellForEnglish = (number: string) => [...number.trim().toUpperCase()].join(' ');

export interface CallToSpeak {
  number: string;
  counterNumber: number;
  recall?: boolean;
}

export interface Utterance {
  text: string;
  lang: 'zh-CN' | 'en-US';
}

/** The sentences of one announcement, in order, once (the display repeats them `repeat` times). */
export function callUtterances(call: CallToSpeak, voice: VoiceSettings = DEFAULT_VOICE): Utterance[] {
  const phrase = call.recall ? voice.recallPhrase : voice.phrase;
  const zh = fill(phrase, spellTicketNumber(call.number), chineseNumber(call.counterNumber));
  const out: Utterance[] = [{ text: zh, lang: 'zh-CN' }];
  if (voice.english) {
    const number = spellForEnglish(call.number);
    const en = call.recall
      ? `Number ${number}, again, please go to counter ${call.counterNumber}.`
      : `Number ${number}, please go to counter ${call.counterNumber}.`;
    out.push({ text: en, lang: 'en-US' });
  }
  return out;
}

/** One announcement as one line (what the display records for tests and the self-check). */
export const callText = (call: CallToSpeak, voice: VoiceSettings = DEFAULT_VOICE) =>
  callUtterances(call, voice)
    .map((u) => u.text)
    .join(' ');

const fill = (phrase: string, number: string, counter: string) =>
  phrase
    .replaceAll('{number}', ` ${number} `)
    .replaceAll('{counter}', ` ${counter} `)
    .replace(/\s+/g, ' ')
    .trim();
