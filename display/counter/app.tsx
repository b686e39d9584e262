// The counter screen (窗口屏): the small screen above one counter, for a 1280×400 or 1920×540
// bar or a 1080×1920 portrait tablet. It shows the counter's number and name, the matters it
// serves, the number called (flashing from the same `ticket.called` event as the wall display,
// for as long) or served, 暂停服务 with the time it resumes, 空闲 when idle; and 亮证上岗 — the
// clerk's name, 工号 and photo — when the hall's staff details are public (the server leaves
// the clerk out otherwise); the status corner of every device page in the bottom left.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../ui/api.ts';
import { clockOf } from '../../ui/clock.ts';
import { useDebounced, useNow, useOffline } from '../../ui/hooks.ts';
import { common, matterName, translator, useLang, type Lang } from '../../ui/i18n.ts';
import { serviceDayOf } from '../../ui/service-day.ts';
import { HallFeed } from '../../ui/socket.ts';
import { StatusCorner } from '../../ui/status-corner.tsx';
import type { Board, CallData, Hall, HallEvent, Matter } from '../../ui/types.ts';
import { OfflineBanner } from '../../ui/ui.tsx';
import { strings } from './strings.ts';

/** As long as the wall display flashes a new call. */
const FLASH_MS = 12_000;

type Key = keyof (typeof strings)['zh'];
type BoardCounter = Board['counters'][number];

function Bi({ k, params, lang }: { k: Key; params?: Record<string, string | number>; lang: Lang }) {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (
    <span class="bi">
      <span class="bi-main">{translator(strings, lang)(k, params)}</span>
      <span class="bi-sub">{translator(strings, other)(k, params)}</span>
    </span>
  );
}

export function CounterScreen({ hall, counterId }: { hall: Hall; counterId: string }) {
  const lang = useLang();
  const now = useNow(1000);
  const [counter, setCounter] = useState<BoardCounter | null>(null);
  const [priority, setPriority] = useState<Set<string>>(new Set());
  const [matters, setMatters] = useState<Matter[]>([]);
  const [flash, setFlash] = useState<{ key: number; until: number } | null>(null);
  const [online, setOnline] = useState(false);

  const apply = (b: Board) => {
    setCounter(b.counters.find((c) => c.id === counterId) ?? null);
    setPriority(new Set(b.calls.filter((c) => c.class === 'green').map((c) => c.ticketId)));
  };
  const load = async () => {
    try {
      apply(await get<Board>(`/halls/${hall.id}/board`));
    } catch {
      // offline: the banner shows it; the next event loads again
    }
  };
  const refresh = useDebounced(() => void load(), 200);
  const loadMatters = () => get<Matter[]>(`/halls/${hall.id}/matters`).then(setMatters, () => {});

  useEffect(() => {
    void loadMatters();
    const onEvent = (ev: HallEvent) => {
      if (ev.type === 'ticket.called') {
        const d = ev.data as unknown as CallData;
        if (d.counterId === counterId) {
          // Shown at once, in step with the wall; the board load then fills in the rest.
          setCounter((c) =>
            c ? { ...c, currentTicket: { id: d.ticketId, number: d.number, status: 'called' } } : c,
          );
          if (d.class === 'green') setPriority((p) => new Set(p).add(d.ticketId));
          setFlash({ key: ev.seq, until: Date.now() + FLASH_MS });
        }
      } else if (ev.type === 'matter.updated') {
        void loadMatters();
      }
      refresh();
    };
    const feed = new HallFeed(hall.id, {
      snapshot: (b) => {
        apply(b);
        setFlash(null);
      },
      event: onEvent,
      status: (o) => {
        setOnline(o);
        if (o) refresh();
      },
    });
    return () => feed.close();
  }, [hall.id, counterId]);

  // Left on overnight: the day's turn loads the counter afresh, without a reload.
  const today = serviceDayOf(now, hall.timezone);
  const dayShown = useRef(today);
  useEffect(() => {
    if (dayShown.current === today) return;
    dayShown.current = today;
    setFlash(null);
    void load();
  }, [today]);

  const offline = useOffline(online, 2000);
  const t = translator(strings, lang);
  const ticket = counter?.currentTicket ?? null;
  const state = !counter
    ? 'loading'
    : counter.status === 'closed'
      ? 'closed'
      : counter.status === 'paused'
        ? 'paused'
        : ticket?.status === 'called'
          ? 'called'
          : ticket?.status === 'serving'
            ? 'serving'
            : 'idle';
  const flashing = state === 'called' && flash !== null && now >= 0 && Date.now() < flash.until;
  const served = counter?.matterIds
    .map((id) => matters.find((m) => m.id === id))
    .filter((m) => m !== undefined);
  const clerk = counter?.clerk ?? null;
  const resume = counter?.resumeAt
    ? clockOf(Date.parse(counter.resumeAt), hall.timezone, lang).slice(0, 5)
    : null;

  return (
    <div class="cs" data-testid="counter-screen" data-state={state} data-ready={counter ? 'true' : 'false'}>
      {offline && <OfflineBanner />}
      <StatusCorner place={hall.name} timezone={hall.timezone} kind="counterScreen" />
      <header class="cs-head">
        <div class="cs-no" data-testid="cs-counter">
          {counter ? translator(common, lang)('counterNo', { n: counter.number }) : ''}
        </div>
        <div class="cs-name">{counter?.name}</div>
      </header>
      <main class={`cs-main ${flashing ? 'flashing' : ''}`} key={flashing ? flash.key : 'still'}>
        {(state === 'called' || state === 'serving') && ticket && (
          <div class="cs-call" data-testid="cs-call">
            <span class="cs-number" data-testid="cs-number">
              {ticket.number}
            </span>
            {priority.has(ticket.id) && (
              <span class="cs-priority" data-testid="cs-priority">
                {t('priority')}
              </span>
            )}
            <div class="cs-sentence">
              <Bi
                k={state === 'called' ? 'calling' : 'serving'}
                params={{ number: ticket.number }}
                lang={lang}
              />
            </div>
          </div>
        )}
        {state === 'idle' && (
          <div class="cs-status cs-idle" data-testid="cs-status">
            <Bi k="idle" lang={lang} />
          </div>
        )}
        {state === 'paused' && (
          <div class="cs-status cs-paused" data-testid="cs-status">
            <Bi k="paused" lang={lang} />
            {resume && (
              <div class="cs-resume" data-testid="cs-resume">
                <Bi k="pausedUntil" params={{ time: resume }} lang={lang} />
              </div>
            )}
          </div>
        )}
        {state === 'closed' && (
          <div class="cs-status cs-closed" data-testid="cs-status">
            <Bi k="closed" lang={lang} />
          </div>
        )}
      </main>
      <aside class="cs-side">
        {clerk && state !== 'closed' && (
          <div class="cs-clerk" data-testid="cs-clerk">
            {clerk.photoUrl && (
              <img class="cs-photo" data-testid="cs-photo" src={clerk.photoUrl} alt={clerk.name} />
            )}
            <div class="cs-clerk-text">
              <div class="cs-clerk-name">{clerk.name}</div>
              {clerk.staffNumber && (
                <div class="cs-staff-no" data-testid="cs-staff-number">
                  {t('staffNumber', { n: clerk.staffNumber })}
                </div>
              )}
            </div>
          </div>
        )}
        <div class="cs-matters" data-testid="cs-matters">
          <span class="cs-matters-title">{t('matters')}</span>
          {served?.map((m) => (
            <span key={m.id} class="cs-matter">
              {m.prefix} {matterName(m, lang)}
            </span>
          ))}
        </div>
      </aside>
    </div>
  );
}
