// The lobby wall display: the newest call large and flashing, the last calls, the open
// counters with their current numbers, the waiting per matter, the date and time; each new
// call is spoken. A snapshot (first load, or a gap too old to replay) resets the screen and is
// never spoken; only events after it are.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../ui/api.ts';
import { clockOf, dateOf, observeServerTime } from '../ui/clock.ts';
import { useDebounced, useNow, useOffline } from '../ui/hooks.ts';
import { common, matterName, translator, useLang, waitText, type Lang } from '../ui/i18n.ts';
import { serviceDayOf } from '../ui/service-day.ts';
import { HallFeed } from '../ui/socket.ts';
import { StatusCorner } from '../ui/status-corner.tsx';
import type { Board, BoardCall, CallData, Hall, HallEvent, Matter } from '../ui/types.ts';
import { OfflineBanner } from '../ui/ui.tsx';
import { Bi } from './bi.tsx';
import { statusWords } from './call-status.ts';
import { ResultsPanel } from './results-panel.tsx';
import { strings } from './strings.ts';
import { useHallVoice } from './hall-voice.ts';
import { Announcer, type SoundState } from './voice.ts';

const RECENT = 8;
/** How long the newest call keeps flashing. */
const FLASH_MS = 12_000;

function applyCall(calls: BoardCall[], d: CallData): BoardCall[] {
  const call: BoardCall = {
    ticketId: d.ticketId,
    number: d.number,
    matterId: d.matterId,
    status: d.status,
    counterId: d.counterId,
    counterNumber: d.counterNumber,
    counterName: d.counterName,
    calledAt: d.calledAt,
    callCount: d.callCount,
    class: d.class ?? 'normal',
    category: d.category ?? null,
  };
  return [call, ...calls.filter((c) => c.ticketId !== d.ticketId)].slice(0, RECENT + 2);
}

/** 优先: a green-channel (绿色通道) call. */
function PriorityMark({ lang }: { lang: Lang }) {
  return (
    <span class="d-priority" data-testid="priority-mark">
      {lang === 'zh' ? '优先' : 'Priority'}
    </span>
  );
}

export function App({ hall }: { hall: Hall }) {
  const lang = useLang();
  const now = useNow(1000);
  const [board, setBoard] = useState<Board | null>(null);
  const [calls, setCalls] = useState<BoardCall[]>([]);
  const [matters, setMatters] = useState<Matter[]>([]);
  const [flash, setFlash] = useState<{ key: number; until: number } | null>(null);
  const [online, setOnline] = useState(false);
  const [sound, setSound] = useState<SoundState>('blocked');
  const announcer = useRef<Announcer | null>(null);
  announcer.current ??= new Announcer(setSound);
  const reloadVoice = useHallVoice(hall.id, announcer.current);
  const [rulesKey, setRulesKey] = useState(0);

  const loadBoard = async () => {
    try {
      const b = await get<Board>(`/halls/${hall.id}/board`);
      observeServerTime(b.at);
      setBoard((prev) => ({ ...b, calls: prev?.calls ?? b.calls }));
    } catch {
      // offline: the banner shows it; the next event or tick loads again
    }
  };
  const refreshBoard = useDebounced(() => void loadBoard(), 500);
  const loadMatters = () => get<Matter[]>(`/halls/${hall.id}/matters`).then(setMatters, () => {});

  useEffect(() => {
    void loadMatters();
    const onEvent = (ev: HallEvent) => {
      if (ev.type === 'ticket.called') {
        const d = ev.data as unknown as CallData;
        setCalls((cs) => applyCall(cs, d));
        setFlash({ key: ev.seq, until: Date.now() + FLASH_MS });
        announcer.current!.announce({ number: d.number, counterNumber: d.counterNumber, recall: d.recall });
      } else if (ev.type === 'ticket.updated') {
        const d = ev.data as { ticketId: string; status: string };
        setCalls((cs) => cs.map((c) => (c.ticketId === d.ticketId ? { ...c, status: d.status } : c)));
      } else if (ev.type === 'matter.updated') {
        void loadMatters();
      } else if (ev.type === 'hall.updated') {
        reloadVoice();
        setRulesKey((k) => k + 1);
      }
      refreshBoard();
    };
    const feed = new HallFeed(hall.id, {
      snapshot: (b) => {
        setBoard(b);
        setCalls(b.calls);
        setFlash(null);
      },
      event: onEvent,
      status: (o) => {
        setOnline(o);
        if (o) refreshBoard();
      },
    });
    const timer = setInterval(() => void loadBoard(), 30_000); // estimates move with time
    return () => {
      clearInterval(timer);
      feed.close();
    };
  }, [hall.id]);

  // Left on overnight: yesterday's calls go at the day's turn, without a reload.
  const today = serviceDayOf(now, hall.timezone);
  const dayShown = useRef(today);
  useEffect(() => {
    if (dayShown.current === today) return;
    dayShown.current = today;
    void loadBoard();
  }, [today]);
  const todays = calls.filter((c) => serviceDayOf(Date.parse(c.calledAt), hall.timezone) === today);

  const offline = useOffline(online, 2000);
  // Now calling is a call still waiting for its resident: a number being served, finished,
  // transferred or requeued is never shown as called (it stays in the recent list, saying so).
  const newest = todays.find((c) => c.status === 'called');
  const flashing = flash !== null && Date.now() < flash.until;
  const recent = todays.filter((c) => c !== newest).slice(0, RECENT);
  const serving = (board?.counters ?? []).filter((c) => c.status !== 'closed');
  const counterLabel = (n: number, l: Lang) => translator(common, l)('counterNo', { n });

  return (
    <div class="display" data-testid="display" data-ready={board ? 'true' : 'false'}>
      {offline && <OfflineBanner />}
      <StatusCorner place={hall.name} timezone={hall.timezone} kind="wall" />
      <header class="d-header">
        <div class="d-hall">{hall.name}</div>
        <div class="d-clock">
          <span class="d-date">{dateOf(now, hall.timezone, lang)}</span>
          <span class="d-time" data-testid="clock">
            {clockOf(now, hall.timezone, lang)}
          </span>
        </div>
        {sound === 'blocked' ? (
          <button
            type="button"
            class="d-sound d-sound-blocked"
            data-testid="start-sound"
            onClick={() => void announcer.current!.enable()}
          >
            <Bi k="startSound" lang={lang} />
          </button>
        ) : (
          <span class="d-sound d-sound-on" data-testid="sound-on">
            <Bi k="soundOn" lang={lang} />
          </span>
        )}
      </header>
      <main class="d-main">
        <div class="d-col d-col-calls">
          <section
            class={`d-now ${flashing ? 'flashing' : ''}`}
            key={flashing ? flash.key : 'still'}
            data-testid="now-calling"
          >
            <h2 class="d-title">
              <Bi k="nowCalling" lang={lang} />
            </h2>
            {newest ? (
              <div class="d-now-call">
                <div class="d-now-main">
                  <span class="d-now-number" data-testid="now-number">
                    {newest.number}
                  </span>
                  {newest.class === 'green' && <PriorityMark lang={lang} />}
                  <span class="d-now-arrow" aria-hidden="true">
                    →
                  </span>
                  <span class="d-now-counter" data-testid="now-counter">
                    {counterLabel(newest.counterNumber, lang)}
                  </span>
                </div>
                <div class="d-now-sentence">
                  {(lang === 'zh' ? (['zh', 'en'] as const) : (['en', 'zh'] as const)).map((l) => (
                    <span key={l} class={l === lang ? 'bi-main' : 'bi-sub'}>
                      {translator(strings, l)('goTo', {
                        number: newest.number,
                        counter: counterLabel(newest.counterNumber, l),
                      })}
                    </span>
                  ))}
                </div>
              </div>
            ) : (
              <div class="d-now-empty">
                <Bi k="noCalls" lang={lang} />
              </div>
            )}
          </section>
          <section class="d-recent">
            <h2 class="d-title">
              <Bi k="recent" lang={lang} />
            </h2>
            <ol class="d-recent-list" data-testid="recent">
              {recent.map((c) => (
                <li key={c.ticketId} class={`d-recent-item status-${c.status}`}>
                  <span class="d-r-number">{c.number}</span>
                  {c.class === 'green' && <PriorityMark lang={lang} />}
                  <span class="d-r-arrow" aria-hidden="true">
                    →
                  </span>
                  <span class="d-r-counter">{counterLabel(c.counterNumber, lang)}</span>
                  <span class="d-r-status">{statusWords(c.status, lang)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div class="d-col d-col-hall">
          <section class="d-counters">
            <h2 class="d-title">
              <Bi k="counters" lang={lang} />
            </h2>
            {serving.length === 0 && (
              <p class="d-empty">
                <Bi k="noOpenCounters" lang={lang} />
              </p>
            )}
            <ul class="d-counter-list" data-testid="counters">
              {serving.map((c) => (
                <li key={c.id} class={`d-counter status-${c.status}`} data-testid={`counter-${c.number}`}>
                  <span class="d-c-name">{lang === 'en' && c.nameEn ? c.nameEn : c.name}</span>
                  <span class="d-c-ticket">
                    {c.status === 'paused'
                      ? translator(strings, lang)('paused')
                      : (c.currentTicket?.number ?? translator(strings, lang)('free'))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section class="d-waiting">
            <h2 class="d-title">
              <Bi k="waiting" lang={lang} />
            </h2>
            <table class="d-wait-table" data-testid="waiting">
              <thead>
                <tr>
                  <th>
                    <Bi k="matter" lang={lang} />
                  </th>
                  <th>
                    <Bi k="waitingCount" lang={lang} />
                  </th>
                  <th>
                    <Bi k="estimatedWait" lang={lang} />
                  </th>
                </tr>
              </thead>
              <tbody>
                {(board?.waiting ?? []).map((w) => {
                  const m = matters.find((x) => x.id === w.matterId);
                  return (
                    <tr key={w.matterId}>
                      <td class="d-w-matter">
                        {m && <span class="d-w-prefix">{m.prefix}</span>}
                        {m ? matterName(m, lang) : ''}
                      </td>
                      <td class="d-w-count">{w.count}</td>
                      <td class="d-w-wait">{w.count ? waitText(w.estimatedWaitMinutes, lang) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <ResultsPanel hallId={hall.id} lang={lang} reloadKey={rulesKey} />
        </div>
      </main>
    </div>
  );
}
