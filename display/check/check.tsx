// The technician's self-check (docs/DEVICES.md): opened on any device at /display/check/?hall=…
// it shows the connection, plays a sample call in the hall's own wording and says whether a
// Mandarin voice exists, prints a test ticket on the kiosk's 80 mm paper, and compares the
// device's clock with the server's.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  callText,
  DEFAULT_VOICE,
  voiceFrom,
  type VoiceSettings,
} from '../../server/src/domain/call-speech.ts';
import { get } from '../../ui/api.ts';
import { dateTimeOf } from '../../ui/clock.ts';
import { deviceName, useDeviceStatus } from '../../ui/device-status.ts';
import { translator, useLang, useT } from '../../ui/i18n.ts';
import { HallFeed } from '../../ui/socket.ts';
import { StatusCorner } from '../../ui/status-corner.tsx';
import type { Hall } from '../../ui/types.ts';
import { LangSwitch } from '../../ui/ui.tsx';
import { Announcer, mandarinVoice, type SoundState } from '../voice.ts';
import { strings } from './strings.ts';

const SAMPLE = { number: 'A101', counterNumber: 12 };
/** A device clock off by more than this is worth setting right. */
const CLOCK_OK_SECONDS = 5;

export function Check({ hall }: { hall: Hall }) {
  const t = useT(strings);
  useLang();
  const { online } = useDeviceStatus();
  useEffect(() => {
    const feed = new HallFeed(hall.id, { snapshot: () => {}, event: () => {} });
    return () => feed.close();
  }, [hall.id]);

  return (
    <div class="check" data-testid="check">
      <header class="check-header">
        <h1>
          {t('title')} · {hall.name}
        </h1>
        <LangSwitch />
      </header>
      <p class="check-lead">{t('lead')}</p>
      <section class="check-card">
        <h2>{t('device')}</h2>
        <p>{deviceName(t('title'))}</p>
        <p>{t('screen', { w: screen.width, h: screen.height, dpr: devicePixelRatio })}</p>
        <p class="check-soft">
          {t('browser')}: {navigator.userAgent}
        </p>
      </section>
      <section class="check-card">
        <h2>{t('connection')}</h2>
        <p class={online ? 'check-ok' : 'check-bad'} data-testid="check-connection">
          {t(online ? 'online' : 'offline')}
        </p>
      </section>
      <SoundCheck hallId={hall.id} />
      <PrintCheck hall={hall} />
      <ClockCheck />
      <StatusCorner place={hall.name} timezone={hall.timezone} kind="check" />
    </div>
  );
}

function SoundCheck({ hallId }: { hallId: string }) {
  const t = useT(strings);
  const [sound, setSound] = useState<SoundState>('blocked');
  const announcer = useRef<Announcer | null>(null);
  announcer.current ??= new Announcer(setSound);
  const [voice, setVoice] = useState(mandarinVoice);
  const [settings, setSettings] = useState<VoiceSettings>(DEFAULT_VOICE);
  const [result, setResult] = useState<string | null>(null);

  const sample = async (s: VoiceSettings) => {
    const a = announcer.current!;
    if (a.state !== 'on') await a.enable();
    const sounded = await a.play(SAMPLE, s);
    setVoice(mandarinVoice());
    setResult(t(sounded ? 'sampleSounded' : 'sampleSilent', { text: callText(SAMPLE, s) }));
  };

  useEffect(() => {
    // Voices arrive a moment after the page loads in Chrome.
    const update = () => setVoice(mandarinVoice());
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.addEventListener('voiceschanged', update);
    let cancelled = false;
    get<{ settings?: { voice?: Partial<VoiceSettings> } }>(`/halls/${hallId}`).then(
      (h) => {
        if (cancelled) return;
        const s = voiceFrom(h.settings?.voice);
        setSettings(s);
        // Started as DEVICES.md says, the sample plays at once: the technician hears it.
        if (announcer.current!.state === 'on') void sample(s);
      },
      () => {},
    );
    return () => {
      cancelled = true;
      if (typeof speechSynthesis !== 'undefined')
        speechSynthesis.removeEventListener('voiceschanged', update);
    };
  }, [hallId]);

  return (
    <section class="check-card">
      <h2>{t('sound')}</h2>
      <p class={voice ? 'check-ok' : 'check-bad'} data-testid="check-voice" data-found={String(!!voice)}>
        {voice ? t('voiceFound', { name: voice.name, lang: voice.lang }) : t('voiceMissing')}
      </p>
      <p class={sound === 'on' ? 'check-ok' : 'check-bad'} data-testid="check-autoplay" data-on={sound}>
        {t(sound === 'on' ? 'autoplayOn' : 'autoplayBlocked')}
      </p>
      <button
        type="button"
        class="check-button"
        data-testid="check-sample"
        onClick={() => void sample(settings)}
      >
        {t('playSample')}
      </button>
      {result && (
        <p data-testid="check-sample-result" role="status">
          {result}
        </p>
      )}
    </section>
  );
}

function PrintCheck({ hall }: { hall: Hall }) {
  const t = useT(strings);
  const zh = translator(strings, 'zh');
  const en = translator(strings, 'en');
  const [printed, setPrinted] = useState(0);
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    if (at === null) return;
    window.print();
  }, [at]);
  return (
    <section class="check-card">
      <h2>{t('print')}</h2>
      <p>{t('printLead')}</p>
      <button
        type="button"
        class="check-button"
        data-testid="check-print"
        onClick={() => {
          setPrinted((n) => n + 1);
          setAt(Date.now());
        }}
      >
        {t('printTest')}
      </button>
      {printed > 0 && <p data-testid="check-printed">{t('printSent', { n: printed })}</p>}
      <div class="check-print-ticket" aria-hidden="true">
        <div class="cp-hall">{hall.name}</div>
        <div class="cp-title">
          {zh('printTitle')} · {en('printTitle')}
        </div>
        <div class="cp-number">A101</div>
        <div>{zh('printBody')}</div>
        <div>{en('printBody')}</div>
        <div class="cp-time">{at !== null ? dateTimeOf(at, hall.timezone) : ''}</div>
      </div>
    </section>
  );
}

function ClockCheck() {
  const t = useT(strings);
  const [diff, setDiff] = useState<number | null | 'failed'>(null);
  const measure = async () => {
    setDiff(null);
    try {
      const t0 = Date.now();
      const { now } = await get<{ now: string }>('/time');
      const t1 = Date.now();
      // The server read its clock half way through the round trip (near enough on a LAN).
      setDiff(Math.round(((t0 + t1) / 2 - Date.parse(now)) / 1000));
    } catch {
      setDiff('failed');
    }
  };
  useEffect(() => void measure(), []);
  let text: string;
  let ok = false;
  if (diff === null) text = t('clockChecking');
  else if (diff === 'failed') text = t('clockFailed');
  else if (Math.abs(diff) <= CLOCK_OK_SECONDS) {
    ok = true;
    text = t('clockOk', { s: Math.abs(diff) });
  } else text = `${t(diff > 0 ? 'clockAhead' : 'clockBehind', { s: Math.abs(diff) })} ${t('clockBad')}`;
  return (
    <section class="check-card">
      <h2>{t('clock')}</h2>
      <p
        class={ok ? 'check-ok' : diff === null ? '' : 'check-bad'}
        data-testid="check-clock"
        data-seconds={typeof diff === 'number' ? String(diff) : ''}
      >
        {text}
      </p>
      <button type="button" class="check-button" onClick={() => void measure()}>
        {t('clockAgain')}
      </button>
    </section>
  );
}
