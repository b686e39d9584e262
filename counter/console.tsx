// The clerk's work screen at one counter: the current ticket, the action buttons (each with
// its keyboard shortcut), and the waiting tickets this counter may take in call order.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../ui/api.ts';
import { useDebounced, useOffline } from '../ui/hooks.ts';
import { useLang, useT } from '../ui/i18n.ts';
import { HallFeed } from '../ui/socket.ts';
import type { Counter, Hall, Matter, QueueEntry, StaffUser, Ticket } from '../ui/types.ts';
import { OfflineBanner } from '../ui/ui.tsx';
import { CurrentTicket } from './current.tsx';
import { CloseDialog, TransferDialog } from './dialogs.tsx';
import { QueueList } from './queue-list.tsx';
import { strings } from './strings.ts';

type ActionId =
  'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'requeue' | 'transfer' | 'pause' | 'close';

/** Shortcut keys (KeyboardEvent.key, lower-cased) → action. Shown on the buttons. */
const SHORTCUTS: Record<string, ActionId> = {
  f1: 'callNext',
  ' ': 'callNext',
  r: 'recall',
  s: 'start',
  f: 'finish',
  n: 'noShow',
  q: 'requeue',
  t: 'transfer',
  p: 'pause',
  c: 'close',
};
const KEY_LABEL: Record<ActionId, { zh: string; en: string }> = {
  callNext: { zh: 'F1 / 空格', en: 'F1 / Space' },
  recall: { zh: 'R', en: 'R' },
  start: { zh: 'S', en: 'S' },
  finish: { zh: 'F', en: 'F' },
  noShow: { zh: 'N', en: 'N' },
  requeue: { zh: 'Q', en: 'Q' },
  transfer: { zh: 'T', en: 'T' },
  pause: { zh: 'P', en: 'P' },
  close: { zh: 'C', en: 'C' },
};

type Message = { kind: 'error'; error: unknown } | { kind: 'info'; text: string } | null;
interface NoShow {
  id: string;
  number: string;
}

/** The last no-show of this counter survives a reload (requeue is for it). */
function useLastNoShow(counterId: string): [NoShow | null, (v: NoShow | null) => void] {
  const key = `hallq.lastNoShow.${counterId}`;
  const [value, setValue] = useState<NoShow | null>(() => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null') as NoShow | null;
    } catch {
      return null;
    }
  });
  const set = (v: NoShow | null) => {
    setValue(v);
    try {
      if (v) localStorage.setItem(key, JSON.stringify(v));
      else localStorage.removeItem(key);
    } catch {
      // private mode: kept for this page only
    }
  };
  return [value, set];
}

export function Console({
  me,
  hall,
  counterId,
  onLeft,
}: {
  me: StaffUser;
  hall: Hall;
  counterId: string;
  onLeft: () => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const [counter, setCounter] = useState<Counter | null>(null);
  const [queue, setQueue] = useState<QueueEntry[]>([]);
  const [matters, setMatters] = useState<Matter[]>([]);
  const [counters, setCounters] = useState<Counter[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);
  const [message, setMessage] = useState<Message>(null);
  const [dialog, setDialog] = useState<'transfer' | 'close' | null>(null);
  const [lastNoShow, setLastNoShow] = useLastNoShow(counterId);
  const [online, setOnline] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [c, q] = await Promise.all([
        get<Counter>(`/counters/${counterId}`),
        get<QueueEntry[]>(`/counters/${counterId}/queue`),
      ]);
      if (c.clerk?.id !== me.id || c.status === 'closed') return onLeft();
      setCounter(c);
      setQueue(q);
    } catch {
      // offline: the banner says so; the next event or tick refreshes
    }
  }, [counterId, me.id, onLeft]);
  const refreshSoon = useDebounced(() => void refresh(), 250);

  useEffect(() => {
    void refresh();
    get<Matter[]>(`/halls/${hall.id}/matters`).then(setMatters, () => {});
    const feed = new HallFeed(hall.id, {
      snapshot: refreshSoon,
      event: (ev) => {
        if (ev.type.startsWith('ticket.') || ev.type === 'counter.updated') refreshSoon();
        if (ev.type === 'matter.updated')
          get<Matter[]>(`/halls/${hall.id}/matters`).then(setMatters, () => {});
      },
      status: (o) => {
        setOnline(o);
        if (o) refreshSoon();
      },
    });
    const timer = setInterval(() => void refresh(), 30_000); // waits grow with time
    return () => {
      clearInterval(timer);
      feed.close();
    };
  }, [hall.id, counterId]);

  /** One action at a time: a double press never sends two. */
  const run = async (id: string, fn: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(id);
    setMessage(null);
    try {
      await fn();
    } catch (err) {
      setMessage({ kind: 'error', error: err });
    } finally {
      busyRef.current = false;
      setBusy(null);
      await refresh();
    }
  };

  const cur = counter?.currentTicket ?? null;
  const info = (text: string) => setMessage({ kind: 'info', text });
  const onTicket = (action: string, then?: (t: Ticket) => void) =>
    cur
      ? run(action, async () => {
          const ticket = await post<Ticket>(`/tickets/${cur.id}/${action}`);
          then?.(ticket);
        })
      : info(t('noCurrentTicket'));

  const actions: Record<ActionId, () => void> = {
    callNext: () =>
      void run('callNext', async () => {
        const ticket = await post<Ticket | null>(`/counters/${counterId}/call-next`);
        if (!ticket) info(t('nobodyWaiting'));
      }),
    recall: () => void onTicket('recall'),
    start: () => void onTicket('start'),
    finish: () => void onTicket('finish', (tk) => info(t('done', { number: tk.number }))),
    noShow: () => void onTicket('no-show', (tk) => setLastNoShow({ id: tk.id, number: tk.number })),
    requeue: () =>
      lastNoShow
        ? void run('requeue', async () => {
            try {
              await post<Ticket>(`/tickets/${lastNoShow.id}/requeue`);
              setLastNoShow(null);
            } catch (err) {
              // Requeued elsewhere, or a ticket of an earlier day: nothing left to requeue.
              if (err instanceof ApiError && ['INVALID_TRANSITION', 'NOT_FOUND'].includes(err.code))
                setLastNoShow(null);
              throw err;
            }
          })
        : info(t('noNoShow')),
    transfer: () => (cur ? setDialog('transfer') : info(t('noCurrentTicket'))),
    pause: () =>
      void run('pause', async () => {
        await post<Counter>(`/counters/${counterId}/${counter?.status === 'paused' ? 'resume' : 'pause'}`);
      }),
    close: () => setDialog('close'),
  };
  const actionsRef = useRef(actions);
  actionsRef.current = actions;

  const callChosen = (entry: QueueEntry) =>
    void run(`call-${entry.id}`, async () => {
      await post<Ticket>(`/counters/${counterId}/call`, { ticketId: entry.id });
    });

  const transfer = (target: { matterId: string } | { counterId: string }) => {
    setDialog(null);
    if (!cur) return;
    void run('transfer', async () => {
      await post<Ticket>(`/tickets/${cur.id}/transfer`, target);
    });
  };

  const closeCounter = () => {
    setDialog(null);
    void run('close', async () => {
      await post<Counter>(`/counters/${counterId}/close`);
    });
  };

  // Keyboard shortcuts, except while typing or while a dialog is open.
  const dialogOpen = dialog !== null;
  useEffect(() => {
    const isShortcut = (e: KeyboardEvent) => {
      if (dialogOpen || e.ctrlKey || e.altKey || e.metaKey) return null;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return null;
      return SHORTCUTS[e.key.toLowerCase()] ?? null;
    };
    const down = (e: KeyboardEvent) => {
      const id = isShortcut(e);
      if (!id) return;
      e.preventDefault(); // F1 opens help; Space would also press the focused button
      if (!e.repeat) actionsRef.current[id]();
    };
    const up = (e: KeyboardEvent) => {
      if (isShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [dialogOpen]);

  const offline = useOffline(online, 1500);
  if (!counter) return <p class="app-note">…</p>;
  const status = counter.status;
  const enabled: Record<ActionId, boolean> = {
    callNext: status === 'open' && cur?.status !== 'called',
    recall: cur?.status === 'called',
    start: cur?.status === 'called',
    finish: cur?.status === 'serving',
    noShow: cur?.status === 'called',
    requeue: lastNoShow !== null,
    transfer: cur !== null,
    pause: cur === null,
    close: cur === null,
  };
  const label: Record<ActionId, string> = {
    callNext: t('callNext'),
    recall: t('recall'),
    start: t('start'),
    finish: t('finish'),
    noShow: t('noShow'),
    requeue: lastNoShow ? t('requeueWhich', { number: lastNoShow.number }) : t('requeue'),
    transfer: t('transfer'),
    pause: status === 'paused' ? t('resume') : t('pause'),
    close: t('close'),
  };
  const button = (id: ActionId, extra = '') => (
    <button
      type="button"
      class={`action action-${id} ${extra}`}
      data-testid={`action-${id}`}
      disabled={!enabled[id] || busy !== null}
      aria-keyshortcuts={id === 'callNext' ? 'F1 Space' : KEY_LABEL[id].en}
      onClick={() => actions[id]()}
    >
      <span class="action-label">{label[id]}</span>
      <kbd>{KEY_LABEL[id][lang]}</kbd>
    </button>
  );

  return (
    <div class={`console status-${status}`} data-testid="console">
      {offline && <OfflineBanner />}
      <div class="console-bar">
        <h1 class="console-counter">{counter.name}</h1>
        <span class={`pill pill-${status}`} data-testid="counter-status">
          {status === 'open' ? t('statusOpen') : status === 'paused' ? t('statusPaused') : t('statusClosed')}
        </span>
        <span class="console-hint">{t('shortcutsHint')}</span>
      </div>
      <div class="console-body">
        <section class="console-left">
          <CurrentTicket counter={counter} matters={matters} paused={status === 'paused'} />
          <div class="console-message" role="status" aria-live="polite" data-testid="message">
            {message && <Feedback message={message} />}
          </div>
          <div class="actions">
            {button('callNext', 'action-wide')}
            {button('recall')}
            {button('start')}
            {button('finish')}
            {button('noShow')}
            {button('requeue')}
            {button('transfer')}
            {button('pause')}
            {button('close')}
          </div>
        </section>
        <QueueList
          queue={queue}
          matters={matters}
          counterId={counterId}
          canCall={status === 'open' && cur?.status !== 'called' && busy === null}
          onCall={callChosen}
        />
      </div>
      {dialog === 'transfer' && cur && (
        <TransferDialog
          ticketNumber={cur.number}
          ticketMatterId={cur.matterId}
          hallId={hall.id}
          matters={matters}
          counters={counters}
          setCounters={setCounters}
          currentCounterId={counterId}
          onPick={transfer}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'close' && (
        <CloseDialog name={counter.name} onConfirm={closeCounter} onCancel={() => setDialog(null)} />
      )}
    </div>
  );
}

function Feedback({ message }: { message: NonNullable<Message> }) {
  useLang(); // error words follow a language switch
  if (message.kind === 'info') return <p class="msg msg-info">{message.text}</p>;
  return (
    <p class="msg msg-error" role="alert">
      {describeError(message.error)}
    </p>
  );
}
