import { DateTime } from 'luxon';

/** A ticket number: prefix and at least three digits (A001 … A999, then A1000). */
export function formatTicketNumber(prefix: string, seq: number): string {
  return prefix + String(seq).padStart(3, '0');
}

/** The service day: the calendar date in the hall's time zone. */
export function serviceDay(at: Date, timezone: string): string {
  return localDayMinute(at, timezone).day;
}

/**
 * The local date and the wall-clock minute of the day (0–1439) at `at` in `timezone`. Asked on
 * every request of the hot paths: each zone's current day bounds are kept, so luxon's zone
 * arithmetic runs once a day, not once a call (a few % of issuing's CPU, by profile). On a day
 * that is not 24 hours long (a DST change) every call asks luxon.
 */
export function localDayMinute(at: Date, timezone: string): { day: string; minute: number } {
  const t = at.getTime();
  const known = dayBounds.get(timezone);
  if (known && t >= known.start && t < known.end)
    return { day: known.day, minute: Math.floor((t - known.start) / 60_000) };
  const local = DateTime.fromMillis(t, { zone: timezone });
  const start = local.startOf('day').toMillis();
  const end = local.startOf('day').plus({ days: 1 }).toMillis();
  const day = local.toISODate()!;
  if (end - start === 86_400_000) dayBounds.set(timezone, { day, start, end });
  return { day, minute: local.hour * 60 + local.minute };
}
const dayBounds = new Map<string, { day: string; start: number; end: number }>();

/** The local wall-clock time HH:mm in the hall's time zone. */
export function localTime(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat('HH:mm');
}
