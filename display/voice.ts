// Spoken calls: a chime, then the sentence twice in a Mandarin voice, one announcement at a
// time in call order. Without a Mandarin voice only the chime plays. Every text is also pushed
// to `window.__announcements` when it is queued, so a test (or a technician) can read it.

declare global {
  interface Window {
    __announcements: string[];
  }
}

window.__announcements ??= [];

/** 请 A001 号 到 3 号窗口 办理 */
export const callText = (number: string, counterNumber: number) =>
  `请 ${number} 号 到 ${counterNumber} 号窗口 办理`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A Mandarin voice: lang zh-* or cmn-*, Simplified Chinese first. */
export function mandarinVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  const voices = speechSynthesis.getVoices().filter((v) => /^(zh|cmn)/i.test(v.lang));
  return voices.find((v) => /CN|Hans/i.test(v.lang)) ?? voices[0] ?? null;
}

export type SoundState = 'blocked' | 'on';

export class Announcer {
  private queue: string[] = [];
  private running = false;
  private audio: AudioContext | null = null;
  state: SoundState = 'blocked';

  constructor(private readonly onState: (s: SoundState) => void) {
    // Where the browser lets a page play sound without a click (a kiosk-mode display), the
    // context starts running at once and no "start sound" button is needed.
    try {
      this.audio = new AudioContext();
      if (this.audio.state === 'running') this.setState('on');
    } catch {
      this.audio = null;
    }
    // Chrome loads its voices on first ask; ask now so they are there for the first call.
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.getVoices();
  }

  private setState(s: SoundState): void {
    this.state = s;
    this.onState(s);
  }

  /** The "start sound" click: unlocks audio and speech for this page. */
  async enable(): Promise<void> {
    try {
      this.audio ??= new AudioContext();
      await this.audio.resume();
    } catch {
      // no audio device: the texts still go to __announcements
    }
    if (typeof speechSynthesis !== 'undefined') {
      // An utterance spoken inside the click unlocks speech for later ones.
      const u = new SpeechSynthesisUtterance(' ');
      u.volume = 0;
      speechSynthesis.speak(u);
    }
    this.setState('on');
  }

  announce(text: string): void {
    window.__announcements.push(text);
    this.queue.push(text);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const text = this.queue.shift()!;
        if (this.state !== 'on') continue; // silent until sound is started; never replayed late
        await this.chime();
        const voice = mandarinVoice();
        if (voice) {
          await this.speak(text, voice);
          await sleep(400);
          await this.speak(text, voice);
        }
        await sleep(800);
      }
    } finally {
      this.running = false;
    }
  }

  /** Ding-dong: two soft sine tones. */
  private async chime(): Promise<void> {
    const ctx = this.audio;
    if (!ctx || ctx.state !== 'running') return;
    const tone = (freq: number, at: number, length: number) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + length + 0.05);
    };
    const now = ctx.currentTime;
    tone(880, now, 0.6);
    tone(660, now + 0.5, 0.8);
    await sleep(1400);
  }

  private speak(text: string, voice: SpeechSynthesisVoice): Promise<void> {
    return new Promise((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.85;
      // Some engines never fire `end`: do not let one stuck utterance stop every later call.
      const timer = setTimeout(done, 3000 + text.length * 400);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      u.onend = done;
      u.onerror = done;
      speechSynthesis.speak(u);
    });
  }
}
