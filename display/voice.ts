// Spoken calls: a chime, then the hall's sentence (domain/call-speech.ts) in a Mandarin voice
// (and an English one when the hall turns English on), as many times as the hall sets, one
// announcement at a time in call order. Without a Mandarin voice only the chime plays (the
// screen still flashes the call). Every text is also pushed to `window.__announcements` when it
// is queued and to `window.__sounded` when it went out with sound on, so a test (or a
// technician) can read them.
import {
  callText,
  callUtterances,
  DEFAULT_VOICE,
  type CallToSpeak,
  type VoiceSettings,
} from '../server/src/domain/call-speech.ts';
import { englishVoice, mandarinVoice, record, speak } from '../ui/speech.ts';

export { mandarinVoice } from '../ui/speech.ts';

/** Calls waiting to be spoken; beyond this the oldest are dropped (they are on screen anyway). */
const QUEUE_LIMIT = 10;

window.__announcements ??= [];
window.__sounded ??= [];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export type SoundState = 'blocked' | 'on';

export class Announcer {
  private queue: CallToSpeak[] = [];
  private running = false;
  private audio: AudioContext | null = null;
  private voice: VoiceSettings = DEFAULT_VOICE;
  state: SoundState = 'blocked';

  constructor(private readonly onState: (s: SoundState) => void) {
    // Where the browser lets a page play sound without a click (started with
    // --autoplay-policy=no-user-gesture-required, see docs/DEVICES.md), the context starts
    // running at once and no "start sound" button is needed.
    try {
      this.audio = new AudioContext();
      if (this.audio.state === 'running') this.setState('on');
    } catch {
      this.audio = null;
    }
    // Chrome loads its voices on first ask; ask now so they are there for the first call.
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.getVoices();
  }

  /** The hall's wording, repeat, rate, volume and English (hall settings `voice`). */
  setVoice(voice: VoiceSettings): void {
    this.voice = voice;
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

  announce(call: CallToSpeak): void {
    record('announcements', callText(call, this.voice));
    this.queue.push(call);
    if (this.queue.length > QUEUE_LIMIT) this.queue.splice(0, this.queue.length - QUEUE_LIMIT);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const call = this.queue.shift()!;
        if (this.state !== 'on') continue; // silent until sound is started; never replayed late
        await this.play(call, this.voice);
        await sleep(800);
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * One announcement: chime, then the sentences `repeat` times; true when any sound went out.
   * Also the self-check's sample call.
   */
  async play(call: CallToSpeak, settings: VoiceSettings): Promise<boolean> {
    const chimed = await this.chime();
    const utterances = callUtterances(call, settings);
    let spoken = false;
    for (let i = 0; i < settings.repeat; i++) {
      if (i > 0) await sleep(400);
      for (const u of utterances) {
        const voice = u.lang === 'zh-CN' ? mandarinVoice() : englishVoice();
        if (!voice) continue;
        await speak(u.text, voice, settings);
        spoken = true;
      }
    }
    if (chimed || spoken) record('sounded', callText(call, settings));
    return chimed || spoken;
  }

  /** Ding-dong: two soft sine tones; false when the page may not play sound. */
  private async chime(): Promise<boolean> {
    const ctx = this.audio;
    if (!ctx || ctx.state !== 'running') return false;
    const tone = (freq: number, at: number, length: number) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
      osc.connect(gain).connect(ctx.destination);
      osc.onended = () => gain.disconnect();
      osc.start(at);
      osc.stop(at + length + 0.05);
    };
    const now = ctx.currentTime;
    tone(880, now, 0.6);
    tone(660, now + 0.5, 0.8);
    await sleep(1400);
    return true;
  }
}
