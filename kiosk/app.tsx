// The kiosk: home (matters as tiles) → materials (一次性告知, confirm) → the ticket (shown and
// printed) → home again after a minute without a touch. 长者模式 (elder mode, kiosk/elder/) is
// loaded when turned on and ends with the resident: at the idle reset or the ticket's 完成.
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, randomKey } from '../ui/api.ts';
import { clockOf, dateOf } from '../ui/clock.ts';
import { useDebounced, useNow, useOffline } from '../ui/hooks.ts';
import { setLang, useLang, useT } from '../ui/i18n.ts';
import { HallFeed } from '../ui/socket.ts';
import { StatusCorner } from '../ui/status-corner.tsx';
import type { Hall, Matter, Ticket } from '../ui/types.ts';
import { LangSwitch, OfflineBanner } from '../ui/ui.tsx';
import { loadAvailability, type AvailabilityMap } from './availability.tsx';
import { CheckIn } from './checkin.tsx';
import { Home } from './home.tsx';
import { issueTicket } from './issue.ts';
import { Materials } from './materials.tsx';
import { activeCategories, PriorityBanner, PriorityPicker } from './priority.tsx';
import { strings } from './strings.ts';
import { TicketView } from './ticket.tsx';

/** Back to the start after this long without a touch (never shorter than 60 s). */
export const IDLE_MS = 60_000;
/** In elder mode: longer, so nobody is hurried; never shown as a countdown. */
export const ELDER_IDLE_MS = 180_000;

type ElderLayerType = ComponentType<{ hallId: string; onExit: () => void }>;

type View =
  | { name: 'home' }
  | { name: 'materials'; matterId: string }
  | { name: 'checkin' }
  | { name: 'priority' }
  | { name: 'ticket'; ticket: Ticket };

export interface IssueState {
  busy: boolean;
  retrying: boolean;
  error: unknown;
}
const IDLE_ISSUE: IssueState = { busy: false, retrying: false, error: null };

export function App({ hall }: { hall: Hall }) {
  const t = useT(strings);
  const lang = useLang();
  const now = useNow();
  const [matters, setMatters] = useState<Matter[] | null>(null);
  const [avail, setAvail] = useState<AvailabilityMap | null>(null);
  const [socketOnline, setSocketOnline] = useState(false);
  const [httpDown, setHttpDown] = useState(false);
  const [view, setView] = useState<View>({ name: 'home' });
  const [issue, setIssue] = useState<IssueState>(IDLE_ISSUE);
  /** 优先通道: the green-channel category chosen for the next ticket. */
  const [priority, setPriority] = useState<string | null>(null);
  /** 适老化: elder mode's part, once loaded; the mode is on while `elder`. */
  const [elder, setElder] = useState(false);
  const [ElderLayer, setElderLayer] = useState<ElderLayerType | null>(null);
  // A ref, not state: a second tap in the same tick must see the first one at once.
  const inFlight = useRef(false);

  const loadMatters = useCallback(async () => {
    try {
      const [list, gate] = await Promise.all([
        get<Matter[]>(`/halls/${hall.id}/matters`),
        loadAvailability(hall.id),
      ]);
      setMatters(list);
      setAvail(gate);
      setHttpDown(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) setHttpDown(true);
    }
  }, [hall.id]);
  const refresh = useDebounced(loadMatters, 400);

  useEffect(() => {
    void loadMatters();
    const feed = new HallFeed(hall.id, {
      snapshot: () => refresh(),
      event: () => refresh(),
      status: (online) => {
        setSocketOnline(online);
        if (online) refresh(); // back after a drop: the tiles may be stale
      },
    });
    // Waits grow with time and a last-issue time passes without any event.
    const timer = setInterval(() => void loadMatters(), 60_000);
    return () => {
      clearInterval(timer);
      feed.close();
    };
  }, [hall.id]);

  const goHome = useCallback(() => {
    setView({ name: 'home' });
    setIssue(IDLE_ISSUE);
    setPriority(null);
    setElder(false); // the next resident starts in the usual mode
    setLang('zh', false); // the next resident starts in Chinese
  }, []);

  const elderOn = useCallback(() => {
    import('./elder/elder.tsx').then(
      (m) => {
        setElderLayer(() => m.ElderLayer);
        setElder(true);
      },
      () => {}, // offline before it was ever loaded: the usual kiosk still works
    );
  }, []);

  // Inactivity: back home, but never while a ticket is being issued.
  useEffect(() => {
    if (issue.busy || (view.name === 'home' && lang === 'zh' && !priority && !elder)) return;
    const idle = elder ? ELDER_IDLE_MS : IDLE_MS;
    let timer = setTimeout(goHome, idle);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(goHome, idle);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) document.addEventListener(e, touched, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) document.removeEventListener(e, touched);
    };
  }, [view, issue.busy, lang, priority, elder, goHome]);

  const takeTicket = async (matter: Matter) => {
    if (inFlight.current) return;
    inFlight.current = true;
    const key = randomKey(); // one key per touch: every retry of this touch reuses it
    setIssue({ busy: true, retrying: false, error: null });
    try {
      const ticket = await issueTicket(
        hall.id,
        matter.id,
        key,
        (retrying) => setIssue((s) => ({ ...s, retrying })),
        priority,
      );
      setIssue(IDLE_ISSUE);
      setPriority(null);
      setView({ name: 'ticket', ticket });
    } catch (err) {
      setIssue({ busy: false, retrying: false, error: err });
    } finally {
      inFlight.current = false;
      refresh();
    }
  };

  const offline = useOffline(socketOnline && !httpDown, 1500) || issue.retrying;
  const chosen = view.name === 'materials' ? matters?.find((m) => m.id === view.matterId) : undefined;

  return (
    <div
      class={`kiosk view-${view.name}${elder ? ' elder' : ''}`}
      data-testid="kiosk"
      data-online={String(!offline)}
      data-elder={String(elder)}
    >
      {offline && <OfflineBanner />}
      <StatusCorner place={hall.name} timezone={hall.timezone} kind="kiosk" />
      <header class="kiosk-header">
        <div class="hall-name">{hall.name}</div>
        <div class="header-clock" aria-hidden="true">
          <span>{dateOf(now, hall.timezone, lang)}</span>
          <strong>{clockOf(now, hall.timezone, lang).slice(0, 5)}</strong>
        </div>
        <LangSwitch />
      </header>
      <main class="kiosk-main">
        {view.name === 'home' && priority && (
          <PriorityBanner hall={hall} code={priority} onCancel={() => setPriority(null)} />
        )}
        {view.name === 'priority' && (
          <PriorityPicker
            hall={hall}
            onPick={(code) => {
              setPriority(code);
              setView({ name: 'home' });
            }}
            onBack={goHome}
          />
        )}
        {view.name === 'home' && (
          <Home
            hall={hall}
            matters={matters}
            avail={avail}
            onChoose={(m) => {
              setIssue(IDLE_ISSUE);
              setView({ name: 'materials', matterId: m.id });
            }}
            onCheckIn={() => {
              setIssue(IDLE_ISSUE);
              setView({ name: 'checkin' });
            }}
            {...(activeCategories(hall).length && !priority
              ? { onPriority: () => setView({ name: 'priority' }) }
              : {})}
            elder={elder}
            {...(elder ? {} : { onElder: elderOn })}
          />
        )}
        {view.name === 'checkin' && (
          <CheckIn
            hall={hall}
            matters={matters}
            issue={issue}
            onTicket={(ticket) => {
              setView({ name: 'ticket', ticket });
              refresh();
            }}
            onTakeNormal={(m) => void takeTicket(m)}
            onBack={goHome}
          />
        )}
        {view.name === 'materials' && chosen && (
          <Materials
            matter={chosen}
            issue={issue}
            onConfirm={() => void takeTicket(chosen)}
            onBack={goHome}
          />
        )}
        {view.name === 'materials' && !chosen && <p class="kiosk-note">{t('noMatters')}</p>}
        {view.name === 'ticket' && (
          <TicketView
            hall={hall}
            ticket={view.ticket}
            matter={matters?.find((m) => m.id === view.ticket.matterId)}
            onDone={goHome}
            elder={elder}
          />
        )}
      </main>
      {elder && ElderLayer && <ElderLayer hallId={hall.id} onExit={() => setElder(false)} />}
    </div>
  );
}
