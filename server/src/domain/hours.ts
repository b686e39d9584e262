// When a hall is open: its weekly hours (weekends included), the hours of given dates (延时服务,
// a shorter day), its closed dates, the national calendar, and the last-ticket time (截止取号).
// Slots, walk-in issuing, the kiosk and the estimates all ask here, so they agree. Pure.
import { DateTime } from 'luxon';
import { type CalendarRules, addDays, isoWeekday, nationalDay } from './calendar.ts';
import type { DayHours, WeekHours } from './slots.ts';
import { localDayMinute } from './numbering.ts';

export interface HallHours {
  hours: WeekHours;
  /** Hours of given dates; they replace the weekday's (a closure is a closed date instead). */
  dateHours?: Readonly<Record<string, DayHours>> | undefined;
  calendar: CalendarRules;
}

export type Opening =
  /** Open with these hours; bookable as well. */
  | { status: 'open'; hours: DayHours }
  /** Closed all day. */
  | { status: 'closed'; reason: 'closed_date' | 'holiday' | 'no_hours' }
  /**
   * The national arrangement of the year is not known: not bookable, but walk-ins follow the
   * hours the hall set for the weekday (its staff are there or not), so `hours` may be given.
   */
  | { status: 'unknown_year'; hours: DayHours | null };

const weekdayHours = (date: string, hours: WeekHours) =>
  hours[String(isoWeekday(date)) as keyof WeekHours] ?? null;

/** How the hall is open on a service day. */
export function openingOf(date: string, h: HallHours): Opening {
  if (h.calendar.closedDates.includes(date)) return { status: 'closed', reason: 'closed_date' };
  const own = h.dateHours?.[date] ?? null;
  const extra = h.calendar.extraWorkingDays.includes(date);
  const national = nationalDay(date, h.calendar);
  if (national === 'unknown') return { status: 'unknown_year', hours: own ?? weekdayHours(date, h.hours) };
  if (own) return { status: 'open', hours: own };
  // A make-up working day (调休) or a day the hall adds keeps the weekday's hours, or Monday's
  // when that weekday has none (a Saturday 调休 in a Mon–Fri hall).
  if (extra || national === 'workday') {
    const day = weekdayHours(date, h.hours) ?? h.hours['1'] ?? null;
    return day ? { status: 'open', hours: day } : { status: 'closed', reason: 'no_hours' };
  }
  if (national === 'holiday') return { status: 'closed', reason: 'holiday' };
  const day = weekdayHours(date, h.hours);
  return day ? { status: 'open', hours: day } : { status: 'closed', reason: 'no_hours' };
}

/** The hours walk-ins are served on a day (a day of an unknown year by its weekday), or null. */
export function walkInHours(date: string, h: HallHours): DayHours | null {
  const o = openingOf(date, h);
  return o.status === 'closed' ? null : o.hours;
}

/** Minutes since midnight of an `HH:mm` (or `24:00`). */
export function minutesOf(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`not an HH:mm time: ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export type IssuingWindow =
  | { open: true; lastTicket: string; close: string; lunch: { start: string; end: string } | null }
  | {
      open: false;
      reason: 'before_opening' | 'after_last_ticket' | 'closed_day';
      /** `HH:mm` when issuing stopped today, for after_last_ticket. */
      lastTicket?: string;
      /** The next time walk-in tickets are issued (ISO with the hall's offset), if within 31 days. */
      nextOpening: string | null;
    };

/** Default 截止取号: walk-in issuing stops this many minutes before closing. */
export const DEFAULT_LAST_TICKET_MINUTES = 30;

/**
 * Whether a walk-in ticket can be issued at `now`: within the day's hours and before the
 * last-ticket time (`lastTicketMinutes` before closing). Tickets are issued over lunch: the
 * queue resumes after it.
 */
export function issuingWindow(
  now: Date,
  timezone: string,
  h: HallHours,
  lastTicketMinutes: number,
): IssuingWindow {
  const { day: today, minute } = localDayMinute(now, timezone);
  const day = walkInHours(today, h);
  const next = () => nextOpening(today, timezone, h, lastTicketMinutes, minute);
  if (!day) return { open: false, reason: 'closed_day', nextOpening: next() };
  const last = Math.max(minutesOf(day.open), minutesOf(day.close) - lastTicketMinutes);
  if (minute < minutesOf(day.open)) return { open: false, reason: 'before_opening', nextOpening: next() };
  if (minute >= last)
    return { open: false, reason: 'after_last_ticket', lastTicket: hhmm(last), nextOpening: next() };
  const lunch = day.lunchStart && day.lunchEnd ? { start: day.lunchStart, end: day.lunchEnd } : null;
  return { open: true, lastTicket: hhmm(last), close: day.close, lunch };
}

/** Whether the hall is open at `now` (its day's hours, lunch included: its devices stay on). */
export function openAt(now: Date, timezone: string, h: HallHours): boolean {
  const { day: today, minute } = localDayMinute(now, timezone);
  const day = walkInHours(today, h);
  return day !== null && minute >= minutesOf(day.open) && minute < minutesOf(day.close);
}

/** The next opening after `minute` of `today` (today's own opening if still ahead). */
function nextOpening(
  today: string,
  timezone: string,
  h: HallHours,
  lastTicketMinutes: number,
  minute: number,
) {
  for (let i = 0; i <= 31; i++) {
    const date = addDays(today, i);
    const day = walkInHours(date, h);
    if (!day) continue;
    const open = minutesOf(day.open);
    if (minutesOf(day.close) - lastTicketMinutes <= open) continue;
    if (i === 0 && minute >= open) continue;
    return DateTime.fromISO(date, { zone: timezone })
      .set({ hour: Math.floor(open / 60), minute: open % 60 })
      .toISO();
  }
  return null;
}

/**
 * The hall's open time over service days `from`..`to` (YYYY-MM-DD, inclusive): the days it
 * serves walk-ins and the minutes it is open on them, lunch breaks left out. The statistics
 * read it (served per open hour), so they count the same hours as slots and issuing.
 */
export function openTime(from: string, to: string, h: HallHours): { days: number; minutes: number } {
  let days = 0;
  let minutes = 0;
  for (let date = from, n = 0; date <= to && n < 400; date = addDays(date, 1), n++) {
    const d = walkInHours(date, h);
    if (!d) continue;
    days += 1;
    const lunch = d.lunchStart && d.lunchEnd ? minutesOf(d.lunchEnd) - minutesOf(d.lunchStart) : 0;
    minutes += Math.max(0, minutesOf(d.close) - minutesOf(d.open) - lunch);
  }
  return { days, minutes };
}
