// The calendar of bookable days and the free times of the chosen day, for booking and for
// changing a booking. The server decides what is bookable (working days, holidays and 调休,
// opening hours, notice, horizon): a day is offered only when the slots answer has free places on
// it, and "today" is the server's, never this phone's clock.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError, get } from '../ui/api.ts';
import { useLang, useT } from '../ui/i18n.ts';
import {
  addDays,
  addMonths,
  dayLabel,
  hhmm,
  monthGrid,
  monthLabel,
  monthOf,
  slotRange,
  weekdayNames,
} from './format.ts';
import { strings } from './strings.ts';

export interface Slot {
  start: string;
  end: string;
  date: string;
  capacity: number;
  available: number;
}

/** Slots for 31 days from `from` (from the server's today when not given). */
export function fetchSlots(hallId: string, matterId: string, from?: string): Promise<Slot[]> {
  const q = new URLSearchParams({ matterId });
  if (from) {
    q.set('from', from);
    q.set('to', addDays(from, 30));
  }
  return get<Slot[]>(`/halls/${hallId}/slots?${q.toString()}`);
}

/** The first slot with a free place after `after`; on another day when `otherDay`. */
export async function nextFreeSlot(
  hallId: string,
  matterId: string,
  after: Pick<Slot, 'start' | 'date'>,
  otherDay = false,
): Promise<Slot | null> {
  const list = await fetchSlots(hallId, matterId, after.date);
  const t = Date.parse(after.start);
  return (
    list.find((s) => s.available > 0 && Date.parse(s.start) > t && (!otherDay || s.date !== after.date)) ??
    null
  );
}

const same = (a: string, b: string | null | undefined) => !!b && Date.parse(a) === Date.parse(b);

/** A horizon this long (working days) fits in one 31-day answer even around the long holidays. */
const ONE_WINDOW_DAYS = 15;

export function SlotPicker({
  hallId,
  matterId,
  timezone,
  horizonDays,
  chosen,
  current,
  reloadKey = 0,
  onChoose,
}: {
  hallId: string;
  matterId: string;
  timezone: string;
  horizonDays: number;
  /** The start of the slot chosen now. */
  chosen: string | null;
  /** The start of the booking being changed (shown, not offered). */
  current?: string;
  /** Change it to read the places again (after a refusal). */
  reloadKey?: number;
  onChoose: (slot: Slot) => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [more, setMore] = useState(false);
  const [month, setMonth] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadingMore = useRef(false);

  useEffect(() => {
    let live = true;
    setError(null);
    void (async () => {
      try {
        // Read again as far as was read before, so a reload keeps the later months.
        const last = slots?.[slots.length - 1]?.date;
        let list = await fetchSlots(hallId, matterId);
        while (last && list.length && list[list.length - 1]!.date < last) {
          const next = await fetchSlots(hallId, matterId, addDays(list[list.length - 1]!.date, 1));
          if (!next.length) break;
          list = list.concat(next);
        }
        if (!live) return;
        setSlots(list);
        setMore(horizonDays > ONE_WINDOW_DAYS && list.length > 0);
        const chosenDay = list.find((s) => same(s.start, chosen) || same(s.start, current))?.date;
        const firstFree = list.find((s) => s.available > 0)?.date;
        const d = day ?? chosenDay ?? firstFree ?? null;
        setDay(d);
        setMonth((m) => m ?? (d ? monthOf(d) : list[0] ? monthOf(list[0].date) : null));
      } catch (err) {
        if (live) setError(err);
      }
    })();
    return () => {
      live = false;
    };
  }, [hallId, matterId, reloadKey, attempt]);

  const byDay = useMemo(() => {
    const m = new Map<string, Slot[]>();
    for (const s of slots ?? []) m.set(s.date, [...(m.get(s.date) ?? []), s]);
    return m;
  }, [slots]);

  const loadMore = async () => {
    if (loadingMore.current || !slots?.length) return;
    loadingMore.current = true;
    try {
      const next = await fetchSlots(hallId, matterId, addDays(slots[slots.length - 1]!.date, 1));
      setSlots((s) => (s ?? []).concat(next));
      setMore(next.length > 0);
    } catch (err) {
      setError(err);
    } finally {
      loadingMore.current = false;
    }
  };

  if (error)
    return (
      <div class="r-alert r-alert-error" role="alert">
        <p>{describeError(error, lang)}</p>
        <button type="button" class="r-btn r-btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('retry')}
        </button>
      </div>
    );
  if (!slots || !month)
    return (
      <p class="r-note" role="status">
        {slots ? t('noSlots') : t('loadingSlots')}
      </p>
    );
  if (!slots.some((s) => s.available > 0) && !current)
    return (
      <p class="r-alert r-alert-warn" role="status" data-testid="no-slots">
        {t('noSlots')}
      </p>
    );

  const firstMonth = monthOf(slots[0]!.date);
  const lastMonth = monthOf(slots[slots.length - 1]!.date);
  const canNext = month < lastMonth || more;
  const freeIn = (d: string) => (byDay.get(d) ?? []).reduce((n, s) => n + s.available, 0);
  const monthHasFree = monthGrid(month).some((d) => d && freeIn(d) > 0);
  const daySlots = day ? (byDay.get(day) ?? []) : [];

  return (
    <div class="slot-picker" data-testid="slot-picker">
      <div class="cal" role="group" aria-label={t('pickDate')}>
        <div class="cal-head">
          <button
            type="button"
            class="cal-nav"
            aria-label={t('prevMonth')}
            disabled={month <= firstMonth}
            onClick={() => setMonth(addMonths(month, -1))}
          >
            ‹
          </button>
          <h3 class="cal-month" aria-live="polite">
            {monthLabel(month, lang)}
          </h3>
          <button
            type="button"
            class="cal-nav"
            aria-label={t('nextMonth')}
            disabled={!canNext}
            onClick={() => {
              const next = addMonths(month, 1);
              setMonth(next);
              if (next > lastMonth && more) void loadMore();
            }}
          >
            ›
          </button>
        </div>
        <div class="cal-grid">
          {weekdayNames(lang).map((w) => (
            <span key={w} class="cal-wd" aria-hidden="true">
              {w}
            </span>
          ))}
          {monthGrid(month).map((d, i) => {
            if (!d) return <span key={`pad${i}`} class="cal-pad" aria-hidden="true" />;
            const free = freeIn(d);
            const n = Number(d.slice(8));
            if (free <= 0)
              return (
                <span key={d} class={`cal-day cal-off${byDay.has(d) ? ' cal-full' : ''}`} aria-hidden="true">
                  <span class="cal-n">{n}</span>
                  {byDay.has(d) && <span class="cal-left">{t('full')}</span>}
                </span>
              );
            return (
              <button
                key={d}
                type="button"
                class={`cal-day cal-on${day === d ? ' cal-chosen' : ''}`}
                data-testid={`day-${d}`}
                aria-pressed={day === d}
                onClick={() => setDay(d)}
              >
                {/* The name is what shows ("19 余 39") and then, for a screen reader, the date. */}
                <span class="cal-n">{n}</span>
                <span class="cal-left">{t('placesLeft', { n: free })}</span>
                <span class="visually-hidden">{t('dayAria', { day: dayLabel(d, lang), n: free })}</span>
              </button>
            );
          })}
        </div>
        {!monthHasFree && <p class="r-note">{t('noSlotsMonth')}</p>}
        <p class="cal-legend">{t('legend')}</p>
      </div>

      {day && daySlots.length > 0 && (
        <div class="slots" role="group" aria-labelledby="slots-title">
          <h3 id="slots-title" class="slots-title">
            {t('slotsOn', { day: dayLabel(day, lang) })}
          </h3>
          <div class="slots-grid">
            {daySlots.map((s) => {
              const isCurrent = same(s.start, current);
              const left = isCurrent
                ? t('current')
                : s.available > 0
                  ? t('placesLeft', { n: s.available })
                  : t('full');
              const time = slotRange(s.start, s.end, timezone);
              return (
                <button
                  key={s.start}
                  type="button"
                  class={`slot${same(s.start, chosen) ? ' slot-chosen' : ''}${isCurrent ? ' slot-current' : ''}`}
                  data-testid={`slot-${hhmm(s.start, timezone).replace(':', '')}`}
                  aria-pressed={same(s.start, chosen)}
                  aria-label={t('slotAria', { time, left })}
                  disabled={s.available <= 0 || isCurrent}
                  onClick={() => onChoose(s)}
                >
                  <span class="slot-time">{time}</span>
                  <span class="slot-left">{left}</span>
                </button>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
