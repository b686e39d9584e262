// Speech the screens share: the wall display's calls (display/voice.ts) and the kiosk's elder
// mode guidance (kiosk/elder/guide.ts). Every text spoken is also recorded in
// `window.__announcements` when it is queued (and the wall's in `window.__sounded` when it went
// out with sound on), so a test or a technician can read what the screen said.

declare global {
  interface Window {
    __announcements: string[];
    __sounded: string[];
  }
}

/** The records are for reading, not an archive: a week on the wall must not grow them forever. */
const RECORD_LIMIT = 500;

export function record(list: 'announcements' | 'sounded', text: string): void {
  const records = list === 'announcements' ? (window.__announcements ??= []) : (window.__sounded ??= []);
  records.push(text);
  if (records.length > RECORD_LIMIT) records.splice(0, records.length - RECORD_LIMIT);
}

function voiceFor(pattern: RegExp, prefer: RegExp): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  const voices = speechSynthesis.getVoices().filter((v) => pattern.test(v.lang));
  return voices.find((v) => prefer.test(v.lang)) ?? voices[0] ?? null;
}

/** A Mandarin voice: lang zh-* or cmn-*, Simplified Chinese first. */
export const mandarinVoice = () => voiceFor(/^(zh|cmn)/i, /CN|Hans/i);
export const englishVoice = () => voiceFor(/^en/i, /US|GB/i);

/** Speaks one text; resolves when it ended (or surely should have: some engines never say). */
export function speak(
  text: string,
  voice: SpeechSynthesisVoice,
  settings: { rate: number; volume: number },
): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = settings.rate;
    u.volume = settings.volume;
    // Some engines never fire `end`: do not let one stuck utterance stop every later one.
    const timer = setTimeout(done, 3000 + (text.length * 400) / settings.rate);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    u.onend = done;
    u.onerror = done;
    speechSynthesis.speak(u);
  });
}
