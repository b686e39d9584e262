// The clerk's work screen at one counter: the current ticket, the action buttons (each with
// its keyboard shortcut), and the waiting tickets this counter may take in call order.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post } from '../ui/api.ts';
import { useBrowserOnline, useDebounced, useOffline } from '../ui/hooks.ts';
import { matterName, translator, useLang, useT } from '../ui/i18n.ts';
import { HallFeed } from '../ui/socket.ts';
import type { Counter, Hall, Matter, QueueEntry, StaffUser, Ticket } from '../ui/types.ts';
import { OfflineBanner } from '../ui/ui.tsx';
import { CurrentTicket } from './current.tsx';
import { ACTION_ORDER, KEY_LABEL, SHORTCUTS, whyNot, whyStrings, type ActionId } from './actions.ts';
import { consoleStrings } from './console-strings.ts';
import { CloseDialog, TransferDialog } from './dialogs.tsx';
import { UnresolvedDialog, type UnresolvedFinish } from './unresolved-dialog.tsx';
import { current, Feedback, stateKey, type Message } from './feedback.tsx';
import { QueueList } from './queue-list.tsx';
import { strings } from './strings.ts';

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
  const counterRef = useRef<Counter | null>(null);
  const [queue, setQueue] = useState<QueueEntry[]>([]);
  const [matters, setMatters] = useState<Matter[]>([]);
  const [counters, setCounters] = useState<Counter[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'close' | 'unresolved' | null>(null);
  const [lastNoShow, setLastNoShow] = useLastNoShow(counterId);
  const [online, setOnline] = useState(false);
  /** An action found no connection: nothing is sent until a refresh gets through again. */
  const [netDown, setNetDown] = useState(false);
  const browserOnline = useBrowserOnline();

  /** The counter and its queue from the server; null when that failed. */
  const refresh = useCallback(async (): Promise<Counter | null> => {
    try {
      const [c, q] = await Promise.all([
        get<Counter>(`/counters/${counterId}`),
        get<QueueEntry[]>(`/counters/${counterId}/queue`),
      ]);
      setNetDown(false);
      if (c.clerk?.id !== me.id || c.status === 'closed') {
        onLeft();
        return null;
      }
      counterRef.current = c;
      setCounter(c);
      setQueue(q);
      return c;
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) setNetDown(true);
      return null; // offline: the banner says so; the next event or tick refreshes
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

  // While an action found no connection, try every 2 s; the first answer ends it.
  useEffect(() => {
    if (!netDown) return;
    const id = setInterval(() => void refresh(), 2000);
    return () => clearInterval(id);
  }, [netDown, refresh]);

  const socketDown = useOffline(online, 1500);
  const connected = !socketDown && !netDown && browserOnline;
  // Back online: what was said about the lost connection is no longer true.
  useEffect(() => {
    if (connected) setMessage((m) => (m?.kind === 'error' && m.network ? null : m));
  }, [connected]);

  /** One action at a time: a double press never sends two. */
  const run = async (id: string, fn: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(id);
    setMessage(null);
    try {
      await fn();
    } catch (err) {
      const network = err instanceof ApiError && err.code === 'NETWORK';
      if (network) setNetDown(true);
      setMessage({ kind: 'error', error: err, network });
    } finally {
      busyRef.current = false;
      setBusy(null);
      // The message is about the state the server reports now, and goes when that changes.
      const fresh = (await refresh()) ?? counterRef.current;
      setMessage((m) => (m && m.about === undefined ? { ...m, about: stateKey(fresh, undefined) } : m));
    }
  };

  const cur = counter?.currentTicket ?? null;
  const info = (say: (l: typeof lang) => string) => setMessage({ kind: 'info', say });
  const onTicket = (action: string, then?: (t: Ticket) => void, body?: UnresolvedFinish) =>
    cur &&
    run(action, async () => {
      const ticket = await post<Ticket>(`/tickets/${cur.id}/${action}`, body);
      then?.(ticket);
    });
  const finished = (tk: Ticket) => info((l) => translator(strings, l)('done', { number: tk.number }));
  // At the 办不成事 window a finish asks what could not be done first.
  const atUnresolvedWindow = matters.some((m) => m.id === cur?.matterId && m.unresolvedWindow);

  const actions: Record<ActionId, () => void> = {
    callNext: () =>
      void run('callNext', async () => {
        const ticket = await post<Ticket | null>(`/counters/${counterId}/call-next`);
        if (!ticket) info((l) => translator(strings, l)('nobodyWaiting'));
      }),
    recall: () => void onTicket('recall'),
    start: () => void onTicket('start'),
    finish: () => (atUnresolvedWindow ? setDialog('unresolved') : void onTicket('finish', finished)),
    noShow: () => void onTicket('no-show', (tk) => setLastNoShow({ id: tk.id, number: tk.number })),
    requeue: () =>
      lastNoShow &&
      void run('requeue', async () => {
        try {
          await post<Ticket>(`/tickets/${lastNoShow.id}/requeue`);
          setLastNoShow(null);
        } catch (err) {
          // Requeued elsewhere, or a ticket of an earlier day: nothing left to requeue.
          if (err instanceof ApiError && ['INVALID_TRANSITION', 'NOT_FOUND'].includes(err.code))
            setLastNoShow(null);
          throw err;
        }
      }),
    transfer: () => setDialog('transfer'),
    pause: () =>
      void run('pause', async () => {
        await post<Counter>(`/counters/${counterId}/${counter?.status === 'paused' ? 'resume' : 'pause'}`);
      }),
    close: () => setDialog('close'),
  };

  /** A button or its key: done when the button would be enabled, else the reason in words. */
  const press = (id: ActionId) => {
    if (!counter || busyRef.current) return;
    const why = whyNot(id, counter, lastNoShow !== null, connected);
    if (why === null) return actions[id]();
    setMessage({
      kind: 'info',
      say: (l) => translator(whyStrings, l)(why),
      about: stateKey(counter, undefined),
    });
  };
  const pressRef = useRef(press);
  pressRef.current = press;

  const callChosen = (entry: QueueEntry) =>
    void run(`call-${entry.id}`, async () => {
      await post<Ticket>(`/counters/${counterId}/call`, { ticketId: entry.id });
    });

  const transfer = (target: { matterId: string } | { counterId: string }) => {
    setDialog(null);
    if (!cur) return;
    const number = cur.number;
    void run('transfer', async () => {
      await post<Ticket>(`/tickets/${cur.id}/transfer`, target);
      // Where it went, named when shown (so in the language of the moment).
      info((l) => {
        const tr = translator(consoleStrings, l);
        if ('matterId' in target) {
          const m = matters.find((x) => x.id === target.matterId);
          return tr('transferredToMatter', { number, matter: m ? matterName(m, l) : '' });
        }
        const c = counters.find((x) => x.id === target.counterId);
        return tr('transferredToCounter', { number, counter: c?.name ?? '' });
      });
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
      if (!e.repeat) pressRef.current(id);
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

  if (!counter) return <p class="app-note">…</p>;
  const status = counter.status;
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
  const button = (id: ActionId) => (
    <button
      type="button"
      key={id}
      class={`action action-${id} ${id === 'callNext' ? 'action-wide' : ''}`}
      data-testid={`action-${id}`}
      disabled={whyNot(id, counter, lastNoShow !== null, connected) !== null || busy !== null}
      aria-keyshortcuts={id === 'callNext' ? 'F1 Space' : KEY_LABEL[id].en}
      onClick={() => press(id)}
    >
      <span class="action-label">{label[id]}</span>
      <kbd>{KEY_LABEL[id][lang]}</kbd>
    </button>
  );
  const shown = current(message, stateKey(counter, undefined));

  return (
    <div class={`console status-${status}`} data-testid="console">
      {!connected && <OfflineBanner hint={translator(consoleStrings, lang)('offlineHint')} />}
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
            {shown && <Feedback message={shown} />}
          </div>
          <div class="actions">{ACTION_ORDER.map(button)}</div>
        </section>
        <QueueList
          queue={queue}
          matters={matters}
          counterId={counterId}
          canCall={status === 'open' && cur?.status !== 'called' && busy === null && connected}
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
      {dialog === 'unresolved' && cur && (
        <UnresolvedDialog
          ticketNumber={cur.number}
          matters={matters}
          onFinish={(body) => {
            setDialog(null);
            void onTicket('finish', finished, body);
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'close' && (
        <CloseDialog name={counter.name} onConfirm={closeCounter} onCancel={() => setDialog(null)} />
      )}
    </div>
  );
}
