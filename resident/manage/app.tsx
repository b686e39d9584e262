// The booking's own page (the manage link): the booking with masked personal data, cancel
// (confirmed first) and change to another time, until the cancellation limit. The server
// decides whether it is too late; the page says when the limit is and explains a refusal.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../../ui/api.ts';
import { common, useLang, useT } from '../../ui/i18n.ts';
import type { Hall, Matter } from '../../ui/types.ts';
import { BookingCard } from '../booking-card.tsx';
import { CancelConfirm, hallAndMatters, holderLink } from '../holder.tsx';
import { Materials } from '../book/materials.tsx';
import { durationText, momentLabel, slotWhen } from '../format.ts';
import { updateSavedBooking } from '../my-bookings.ts';
import { RefusalBox, type Refusal } from '../refusal.tsx';
import { Shell } from '../shell.tsx';
import { nextFreeSlot, SlotPicker, type Slot } from '../slot-picker.tsx';
import { OFFER_NEXT, isRefusal, refusals, strings as rs } from '../strings.ts';
import type { Appointment, Schedule } from '../types.ts';
import { strings } from './strings.ts';

type Mode = 'view' | 'confirm-cancel' | 'reschedule';

export function ManageApp() {
  const t = useT(strings);
  const tr = useT(rs);
  const words = useT(refusals);
  const tc = useT(common);
  const lang = useLang();
  const { id, token, auth } = holderLink();

  const [booking, setBooking] = useState<Appointment | null>(null);
  const [hall, setHall] = useState<Hall | null>(null);
  const [matters, setMatters] = useState<Matter[]>([]);
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [mode, setMode] = useState<Mode>('view');
  const [newSlot, setNewSlot] = useState<Slot | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // Kept as what happened, put in words when shown: it follows a language switch.
  const [notice, setNotice] = useState<{ start: string; end: string } | 'cancelled' | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const inFlight = useRef(false);
  const pickTitle = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    setLoadError(null);
    try {
      if (!id || !token) throw new ApiError('FORBIDDEN', 403, 'no token');
      const b = await get<Appointment>(`/appointments/${encodeURIComponent(id)}`, auth);
      const [place, sched] = await Promise.all([
        hallAndMatters(b.hallId),
        get<Schedule>(`/halls/${b.hallId}/schedule`).catch(() => null),
      ]);
      setHall(place.hall);
      setMatters(place.matters);
      setSchedule(sched);
      setBooking(b);
    } catch (err) {
      setLoadError(err);
    }
  };
  useEffect(() => void load(), []);

  useEffect(() => {
    if (mode === 'reschedule') pickTitle.current?.focus();
  }, [mode]);

  /** One write at a time; a refusal is explained, with the next free time when it helps. */
  const act = async (write: () => Promise<Appointment>, done: (b: Appointment) => void, slot?: Slot) => {
    if (inFlight.current || !booking) return;
    inFlight.current = true;
    setBusy(true);
    setRefusal(null);
    setNotice(null);
    try {
      const b = await write();
      setBooking(b);
      setMode('view');
      setNewSlot(null);
      done(b);
    } catch (err) {
      let next: Slot | null | undefined;
      if (slot && err instanceof ApiError && OFFER_NEXT.has(err.code))
        next = await nextFreeSlot(booking.hallId, booking.matterId, slot).catch(() => null);
      setRefusal({ error: err, next });
      setReloadKey((k) => k + 1);
      if (
        err instanceof ApiError &&
        (err.code === 'TOO_LATE_TO_CANCEL' || err.code === 'INVALID_TRANSITION')
      ) {
        setMode('view');
        void get<Appointment>(`/appointments/${encodeURIComponent(id)}`, auth).then(setBooking, () => {});
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const cancel = () =>
    act(
      () => post<Appointment>(`/appointments/${encodeURIComponent(id)}/cancel`, undefined, auth),
      () => {
        updateSavedBooking(id, null);
        setNotice('cancelled');
      },
    );

  const reschedule = (slot: Slot) =>
    act(
      () =>
        post<Appointment>(`/appointments/${encodeURIComponent(id)}/reschedule`, { start: slot.start }, auth),
      (b) => {
        updateSavedBooking(id, { start: b.start, end: b.end });
        setNotice({ start: b.start, end: b.end });
      },
      slot,
    );

  if (loadError !== null || !booking || !hall) {
    const code = loadError instanceof ApiError ? loadError.code : '';
    return (
      <Shell hallName={hall?.name ?? ''} testid="manage">
        <h1 class="r-title">{t('title')}</h1>
        {loadError === null ? (
          <p class="r-note">{tc('loading')}</p>
        ) : (
          <div class="r-alert r-alert-error" role="alert" data-testid="load-error">
            <p>{isRefusal(code) ? words(code, { limit: '' }) : describeError(loadError, lang)}</p>
            {!isRefusal(code) && (
              <button type="button" class="r-btn r-btn-secondary" onClick={() => void load()}>
                {tr('retry')}
              </button>
            )}
          </div>
        )}
      </Shell>
    );
  }

  const tz = hall.timezone;
  const matter = matters.find((m) => m.id === booking.matterId);
  const settings = schedule?.matters.find((m) => m.matterId === booking.matterId);
  const limitTime = momentLabel(booking.changeableUntil, tz, lang);
  const bookHref = `/resident/book?${new URLSearchParams({ hall: hall.id, matter: booking.matterId }).toString()}`;
  const note = {
    booked: t('bookedNote'),
    checked_in: t('checkedInNote'),
    cancelled: t('cancelledNote'),
    no_show: t('noShowNote'),
    done: t('doneNote'),
  }[booking.status];

  return (
    <Shell hallName={hall.name} testid="manage">
      <h1 class="r-title">{t('title')}</h1>
      <p>
        <span class={`r-status r-status-${booking.status}`} data-testid="status">
          {tr(`status_${booking.status}`)}
        </span>
      </p>
      <div role="status" aria-live="polite">
        {notice && (
          <p class="r-alert r-alert-ok" data-testid="notice">
            {notice === 'cancelled'
              ? t('cancelled')
              : t('rescheduled', { when: slotWhen(notice.start, notice.end, hall.timezone, lang) })}
          </p>
        )}
      </div>

      <BookingCard
        booking={booking}
        matter={matter}
        timezone={tz}
        showCode={booking.status === 'booked'}
        showLimit={false}
      />
      <p class="r-note">{note}</p>

      {booking.status === 'booked' && mode === 'view' && (
        <>
          <p class="r-hint" data-testid="limit">
            {settings
              ? t('limit', { time: limitTime, n: durationText(settings.cancelBeforeMinutes, lang) })
              : t('limitNoMinutes', { time: limitTime })}
          </p>
          <div class="r-actions">
            <button
              type="button"
              class="r-btn r-btn-primary r-btn-block"
              data-testid="reschedule"
              onClick={() => {
                setRefusal(null);
                setMode('reschedule');
              }}
            >
              {t('reschedule')}
            </button>
            <button
              type="button"
              class="r-btn r-btn-secondary r-btn-block"
              data-testid="cancel"
              onClick={() => {
                setRefusal(null);
                setMode('confirm-cancel');
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </>
      )}

      {booking.status === 'booked' && mode === 'confirm-cancel' && (
        <CancelConfirm
          question={t('cancelConfirm')}
          yes={t('cancelYes')}
          yesBusy={t('cancelling')}
          no={t('cancelNo')}
          busy={busy}
          onYes={() => void cancel()}
          onNo={() => setMode('view')}
        >
          <p class="r-hint">{t('limitNoMinutes', { time: limitTime })}</p>
        </CancelConfirm>
      )}

      {booking.status === 'booked' && mode === 'reschedule' && (
        <section class="r-step" aria-labelledby="pick-title">
          <h2 id="pick-title" class="r-step-title" ref={pickTitle} tabIndex={-1}>
            {t('rescheduleTitle')}
          </h2>
          <SlotPicker
            hallId={hall.id}
            matterId={booking.matterId}
            timezone={tz}
            horizonDays={settings?.horizonDays ?? 7}
            chosen={newSlot?.start ?? null}
            current={booking.start}
            reloadKey={reloadKey}
            onChoose={(s) => {
              setNewSlot(s);
              setRefusal(null);
            }}
          />
          {newSlot && (
            <div class="r-card" data-testid="new-time">
              <div class="r-label">{t('newTime')}</div>
              <div class="r-summary-value">{slotWhen(newSlot.start, newSlot.end, tz, lang)}</div>
              <button
                type="button"
                class="r-btn r-btn-primary r-btn-block"
                data-testid="reschedule-confirm"
                disabled={busy}
                onClick={() => void reschedule(newSlot)}
              >
                {busy ? t('rescheduling') : t('rescheduleTo')}
              </button>
            </div>
          )}
          <button
            type="button"
            class="r-btn r-btn-secondary r-btn-block"
            onClick={() => {
              setMode('view');
              setNewSlot(null);
              setRefusal(null);
            }}
          >
            {t('keep')}
          </button>
        </section>
      )}

      <div role="alert" aria-live="assertive">
        {refusal && (
          <RefusalBox
            refusal={refusal}
            timezone={tz}
            busy={busy}
            limit={limitTime}
            onTake={(s) => void reschedule(s)}
            onOther={() => {
              setRefusal(null);
              setNewSlot(null);
              setMode('reschedule');
            }}
          />
        )}
      </div>

      {matter && booking.status === 'booked' && <Materials matter={matter} />}

      {booking.status !== 'booked' && booking.status !== 'checked_in' && (
        <a class="r-btn r-btn-primary r-btn-block" href={bookHref}>
          {t('bookAgain')}
        </a>
      )}
      <a class="r-btn r-btn-link" href={`/resident/book?hall=${encodeURIComponent(hall.id)}`}>
        {t('bookOther')}
      </a>
    </Shell>
  );
}
