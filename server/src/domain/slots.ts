// Appointment slots of one bookable matter, in the hall's time zone. Pure: `now` is passed in.
// The booking service lists slots with `generateSlots` and validates a requested start with
// `findSlot`; both apply the same rules (working days, opening hours, lunch break, horizon,
// minimum notice), so a slot that was offered is exactly a slot that can be booked.
import { DateTime } from 'luxon';

import { type CalendarRules, addDays, isoWeekday } from './calendar.ts';
import { openingOf } from './hours.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DayHours {
  /** `HH:mm`, hall time. */
  open: string;
  /** `HH:mm`; `24:00` means midnight at the end of the day. */
  close: string;
  lunchStart?: string;
  lunchEnd?: string;
}

/**
 * Opening hours by ISO weekday ('1' = Monday … '7' = Sunday). A weekday with hours is open on
 * every date that is not a holiday or a closed date, weekends included (周末不打烊); one without
 * (missing or null) is closed, except on a make-up working day (调休) or an extra working day,
 * which keeps Monday's hours. See hours.ts.
 */
export type WeekHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', DayHours | null>>;

export interface SlotSettings {
  /** Length of one slot. */
  slotMinutes: number;
  /** Residents the hall can serve in one slot for this matter (walk-ins and bookings together). */
  perSlot: number;
  /** Bookable working days ahead, today included. */
  horizonDays: number;
  /** A slot can be booked only if it starts at least this long after now. */
  minNoticeMinutes: number;
  /** Latest cancellation or change, before the slot start (used by the booking service). */
  cancelBeforeMinutes: number;
  /** Share of `perSlot` kept for walk-ins, 0..1. */
  walkInShare: number;
  /** 截止取号 for walk-ins, minutes before closing; null/absent = the hall's rule (default 30). */
  lastTicketMinutes?: number | null;
}

export const DEFAULT_SLOT_SETTINGS: SlotSettings = {
  slotMinutes: 30,
  perSlot: 4,
  horizonDays: 7,
  // Not shorter than the change limit: a slot booked is changeable for a while (finding 5).
  minNoticeMinutes: 120,
  cancelBeforeMinutes: 120,
  walkInShare: 0.25,
};

export interface Slot {
  /** ISO 8601 with the hall's offset, e.g. `2026-10-09T09:00:00.000+08:00`. */
  start: string;
  end: string;
  /** Bookings this slot takes. */
  capacity: number;
  /** Service day, `YYYY-MM-DD` in the hall's time zone. */
  date: string;
}

/** Everything slot generation depends on except the date range. */
export interface SlotQuery {
  timezone: string;
  hours: WeekHours;
  rules: CalendarRules;
  /** Hours of given dates (延时服务, a shorter day), replacing the weekday's. */
  dateHours?: Readonly<Record<string, DayHours>> | undefined;
  settings: SlotSettings;
  now: Date;
}

export interface GenerateSlotsArgs extends SlotQuery {
  /** First service day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last service day, inclusive. */
  to: string;
}

/** Bookings one slot takes: `perSlot` less the walk-in share, rounded down. */
export function bookableCapacity(settings: Pick<SlotSettings, 'perSlot' | 'walkInShare'>): number {
  const share = Math.min(1, Math.max(0, settings.walkInShare));
  // The epsilon keeps 10 × (1 − 0.9) = 0.9999999999999998 from rounding down to 0.
  return Math.max(0, Math.floor(settings.perSlot * (1 - share) + 1e-9));
}

/** The opening hours that apply on a working day (see WeekHours for the Monday fallback). */
export function hoursFor(date: string, hours: WeekHours): DayHours | null {
  const key = String(isoWeekday(date)) as keyof WeekHours;
  return hours[key] ?? hours['1'] ?? null;
}

function minutesOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/.exec(time);
  if (!match) throw new RangeError(`not an HH:mm time: ${JSON.stringify(time)}`);
  return match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
}

/** Opening hours as [start, end) minute intervals, the lunch break cut out. */
function openIntervals(day: DayHours): [number, number][] {
  const open = minutesOfDay(day.open);
  const close = minutesOfDay(day.close);
  if (day.lunchStart === undefined || day.lunchEnd === undefined) return [[open, close]];
  const lunchStart = minutesOfDay(day.lunchStart);
  const lunchEnd = minutesOfDay(day.lunchEnd);
  if (lunchEnd <= lunchStart) return [[open, close]];
  return [
    [open, Math.min(close, lunchStart)],
    [Math.max(open, lunchEnd), close],
  ];
}

function toIso(dt: DateTime): string {
  const iso = dt.toISO();
  if (iso === null) throw new RangeError(`invalid time: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return iso;
}

function hallToday(now: Date, timezone: string): string {
  const today = DateTime.fromJSDate(now, { zone: timezone }).toISODate();
  if (today === null) throw new RangeError(`unknown time zone: ${JSON.stringify(timezone)}`);
  return today;
}

/** All slots of one working day that can still be booked at `now`. */
function slotsOfDay(date: string, query: SlotQuery, capacity: number): Slot[] {
  const { settings } = query;
  const opening = openingOf(date, hallHoursOf(query));
  if (opening.status !== 'open') return [];
  const day = opening.hours;
  const midnight = DateTime.fromISO(date, { zone: query.timezone });
  // Wall-clock times, so a slot is 09:00–09:30 on the clock even on a daylight-saving day.
  const at = (minute: number) =>
    minute === 24 * 60
      ? midnight.plus({ days: 1 })
      : midnight.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
  const earliestStart = query.now.getTime() + settings.minNoticeMinutes * 60_000;

  const slots: Slot[] = [];
  for (const [from, until] of openIntervals(day)) {
    for (let minute = from; minute + settings.slotMinutes <= until; minute += settings.slotMinutes) {
      const start = at(minute);
      if (start.toMillis() < earliestStart) continue;
      slots.push({ start: toIso(start), end: toIso(at(minute + settings.slotMinutes)), capacity, date });
    }
  }
  return slots;
}

const hallHoursOf = (q: SlotQuery) => ({ hours: q.hours, dateHours: q.dateHours, calendar: q.rules });

/**
 * The first `count` days the hall is open for bookings, from `date` on. A day of a year whose
 * national arrangement is not known ends the list: nothing past it is offered on a guess.
 */
export function bookableDaysFrom(date: string, count: number, query: SlotQuery): string[] {
  const days: string[] = [];
  const h = hallHoursOf(query);
  for (let day = date, scanned = 0; days.length < count && scanned <= 366; day = addDays(day, 1), scanned++) {
    const opening = openingOf(day, h);
    if (opening.status === 'unknown_year') break;
    if (opening.status === 'open') days.push(day);
  }
  return days;
}

function checkSettings(settings: SlotSettings): void {
  if (!Number.isInteger(settings.slotMinutes) || settings.slotMinutes <= 0) {
    throw new RangeError(`slotMinutes must be a positive whole number, got ${settings.slotMinutes}`);
  }
}

/**
 * Every bookable slot of every working day in [from, to] that lies within the booking horizon
 * (the first `horizonDays` working days from today in the hall's zone, today included) and starts
 * at least `minNoticeMinutes` after `now`; sorted by start. Empty when the walk-in share leaves
 * no bookable place in a slot.
 */
export function generateSlots(args: GenerateSlotsArgs): Slot[] {
  checkSettings(args.settings);
  const capacity = bookableCapacity(args.settings);
  if (capacity < 1 || args.settings.horizonDays < 1) return [];
  const today = hallToday(args.now, args.timezone);
  return bookableDaysFrom(today, args.settings.horizonDays, args)
    .filter((date) => date >= args.from && date <= args.to)
    .flatMap((date) => slotsOfDay(date, args, capacity));
}

/**
 * The slot starting at `start` (any ISO 8601 form of the same instant), or null when no bookable
 * slot starts then: not a slot boundary, outside the hours or the horizon, or too soon.
 */
export function findSlot(query: SlotQuery, start: string): Slot | null {
  const requested = DateTime.fromISO(start, { setZone: true });
  if (!requested.isValid) return null;
  const date = requested.setZone(query.timezone).toISODate();
  if (date === null || openingOf(date, hallHoursOf(query)).status !== 'open') return null;
  const slots = generateSlots({ ...query, from: date, to: date });
  return slots.find((slot) => DateTime.fromISO(slot.start).toMillis() === requested.toMillis()) ?? null;
}
