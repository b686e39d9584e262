// The holder's ticket on a phone (the QR code of a printed ticket): number, matter, status, people
// ahead and the estimated wait, live over Socket.IO; a full-screen "请到 3 号窗口" with a
// vibration when called; cancel (confirmed first); the rating once done. A phone that slept
// reads the ticket again and resubscribes when it wakes, and so after a reconnect.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../../ui/api.ts';
import { dateTimeOf } from '../../ui/clock.ts';
import { useDebounced, useOffline } from '../../ui/hooks.ts';
import { matterName, useLang, useT, waitText } from '../../ui/i18n.ts';
import type { Hall, HallEvent, Matter, Ticket } from '../../ui/types.ts';
import { OfflineBanner } from '../../ui/ui.tsx';
import { CancelConfirm, hallAndMatters, holderLink } from '../holder.tsx';
import { Shell } from '../shell.tsx';
import { CalledOverlay } from './called.tsx';
import { TicketFeed } from './feed.ts';
import { RatingForm } from './rating.tsx';
import { strings } from './strings.ts';
import { TransferredNote, type TransferredTo } from './transferred.tsx';

export type HolderTicket = Ticket & {
  cancelReason?: string | null;
  appointmentId?: string | null;
  transferredTo?: TransferredTo | null;
};

/** What a ticket event says about the ticket itself, applied before the ticket is read again. */
function merge(ticket: HolderTicket, data: Record<string, unknown>): HolderTicket {
  const next = { ...ticket };
  if (typeof data.status === 'string') next.status = data.status as Ticket['status'];
  if (typeof data.callCount === 'number') next.callCount = data.callCount;
  if (typeof data.counterNumber === 'number') next.counterNumber = data.counterNumber;
  if (typeof data.counterId === 'string' || data.counterId === null) next.counterId = data.counterId;
  return next;
}

export function TicketApp() {
  const t = useT(strings);
  const lang = useLang();
  const { id, token, auth } = holderLink();

  const [ticket, setTicket] = useState<HolderTicket | null>(null);
  const [hall, setHall] = useState<Hall | null>(null);
  const [matters, setMatters] = useState<Matter[]>([]);
  const [online, setOnline] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [refused, setRefused] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dismissed, setDismissed] = useState(0);
  const buzzed = useRef(0);
  /** The hall whose name and matters are loaded (read by callbacks made at the first render). */
  const hallOf = useRef<string | null>(null);
  const feedRef = useRef<TicketFeed | null>(null);

  const load = async () => {
    if (!id || !token) return setRefused(true);
    try {
      const fresh = await get<HolderTicket>(`/tickets/${encodeURIComponent(id)}`, auth);
      setTicket(fresh);
      setProblem(null);
      if (hallOf.current !== fresh.hallId) {
        hallOf.current = fresh.hallId;
        const place = await hallAndMatters(fresh.hallId);
        setHall(place.hall);
        setMatters(place.matters);
      }
    } catch (err) {
      if (err instanceof ApiError && [400, 401, 403, 404].includes(err.status)) setRefused(true);
      else setProblem(err);
    }
  };
  const refresh = useDebounced(() => void load(), 800);

  useEffect(() => {
    void load();
    if (!id || !token) return;
    const feed = new TicketFeed(id, token, {
      snapshot: (fresh) => setTicket(fresh),
      event: (ev: HallEvent) => {
        setTicket((cur) => (cur ? merge(cur, ev.data) : cur));
        void load();
      },
      queue: () => refresh(),
      status: (up) => {
        setOnline(up);
        if (up) refresh();
      },
      refused: () => setRefused(true),
    });
    feedRef.current = feed;

    // Waking up: read the ticket at once, and start a fresh connection after a long sleep.
    let hiddenAt = document.visibilityState === 'hidden' ? Date.now() : 0;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        return;
      }
      void load();
      feed.wake(hiddenAt ? Date.now() - hiddenAt : 0);
      hiddenAt = 0;
    };
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) void load();
    };
    const onOnline = () => void load();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pageshow', onShow);
    window.addEventListener('online', onOnline);
    return () => {
      feed.close();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pageshow', onShow);
      window.removeEventListener('online', onOnline);
    };
  }, []);

  // Estimates drift with time even when nothing happens; without the socket, read more often.
  useEffect(() => {
    const timer = setInterval(() => void load(), online ? 60_000 : 20_000);
    return () => clearInterval(timer);
  }, [online]);

  const called = ticket?.status === 'called';
  const callCount = ticket?.callCount ?? 0;
  useEffect(() => {
    if (!called || callCount <= buzzed.current) return;
    buzzed.current = callCount;
    try {
      navigator.vibrate?.([400, 200, 400, 200, 800]);
    } catch {
      // not allowed before a touch on some phones: the screen says it anyway
    }
  }, [called, callCount]);

  useEffect(() => {
    if (!ticket) return;
    const where = ticket.counterNumber ? t('goTo', { n: ticket.counterNumber }) : t('goToCounter');
    document.title = called ? `${where} · ${ticket.number}` : `${ticket.number} · ${t('title')}`;
  }, [ticket?.number, called, ticket?.counterNumber, lang]);

  const offline = useOffline(online, 3000) && !refused;

  if (refused || !ticket)
    return (
      <Shell hallName={hall?.name ?? ''} testid="ticket-page">
        <h1 class="r-title">{t('title')}</h1>
        {refused ? (
          <p class="r-alert r-alert-error" role="alert" data-testid="bad-link">
            {t('badLink')}
          </p>
        ) : problem !== null ? (
          <p class="r-alert r-alert-error" role="alert">
            {describeError(problem, lang)}
          </p>
        ) : null}
      </Shell>
    );

  const matter = matters.find((m) => m.id === ticket.matterId);
  const cancel = async () => {
    setBusy(true);
    try {
      setTicket(await post<HolderTicket>(`/tickets/${encodeURIComponent(id)}/cancel`, undefined, auth));
      setConfirming(false);
      setProblem(null);
    } catch (err) {
      setProblem(err);
      void load();
    } finally {
      setBusy(false);
    }
  };

  const counter = ticket.counterNumber;
  return (
    <Shell hallName={hall?.name ?? ''} testid="ticket-page">
      {offline && <OfflineBanner />}
      {called && dismissed < callCount && (
        <CalledOverlay ticket={ticket} onClose={() => setDismissed(callCount)} />
      )}
      <div
        class={`r-card ticket-card ticket-${ticket.status}`}
        data-testid="ticket"
        data-status={ticket.status}
      >
        <div class="ticket-top">
          <span class="r-label">{t('yourNumber')}</span>
          <span class={`r-status r-status-t-${ticket.status}`} data-testid="ticket-status">
            {t(`status_${ticket.status}`)}
          </span>
        </div>
        <div class="ticket-number" data-testid="ticket-number">
          {ticket.number}
          {ticket.class === 'appointment' && <span class="ticket-badge">{t('appointment')}</span>}
        </div>
        <div class="ticket-matter">{matter ? matterName(matter, lang) : ''}</div>

        <div class="ticket-state" role="status" aria-live="polite" data-testid="ticket-state">
          {ticket.status === 'waiting' && (
            <>
              {ticket.transferredTo && <TransferredNote to={ticket.transferredTo} matters={matters} />}
              <p class="ticket-ahead" data-testid="ahead">
                {ticket.ahead > 0 ? t('ahead', { n: ticket.ahead }) : t('aheadNone')}
              </p>
              <p class="ticket-wait">{t('wait', { wait: waitText(ticket.estimatedWaitMinutes, lang) })}</p>
            </>
          )}
          {called && (
            <p class="ticket-go" data-testid="go-to">
              {counter ? t('goTo', { n: counter }) : t('goToCounter')}
            </p>
          )}
          {ticket.status === 'serving' && (
            <p class="ticket-go">{counter ? t('servingAt', { n: counter }) : t('status_serving')}</p>
          )}
          {ticket.status === 'done' && <p>{t('doneNote')}</p>}
          {ticket.status === 'no_show' && <p>{t('noShowNote')}</p>}
          {ticket.status === 'cancelled' && (
            <p>{ticket.cancelReason === 'expired' ? t('expiredNote') : t('cancelledNote')}</p>
          )}
        </div>
        {hall && (
          <p class="r-hint">
            {t('issuedAt', { time: dateTimeOf(Date.parse(ticket.issuedAt), hall.timezone) })}
          </p>
        )}
        {(ticket.status === 'waiting' || called) && (
          <p class="ticket-live" data-online={String(online)}>
            <span class="live-dot" aria-hidden="true" /> {t('live')} · {t('sleepOk')}
          </p>
        )}
      </div>

      {problem !== null && (
        <p class="r-alert r-alert-error" role="alert">
          {describeError(problem, lang)}
        </p>
      )}

      {ticket.status === 'done' && <RatingForm ticketId={ticket.id} token={token} />}

      {ticket.status === 'waiting' && !confirming && (
        <button
          type="button"
          class="r-btn r-btn-secondary r-btn-block"
          data-testid="cancel-ticket"
          onClick={() => setConfirming(true)}
        >
          {t('cancel')}
        </button>
      )}
      {ticket.status === 'waiting' && confirming && (
        <CancelConfirm
          question={t('cancelConfirm')}
          yes={t('cancelYes')}
          yesBusy={t('cancelling')}
          no={t('cancelNo')}
          busy={busy}
          onYes={() => void cancel()}
          onNo={() => setConfirming(false)}
        />
      )}
    </Shell>
  );
}
