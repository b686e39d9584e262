import { DateTime } from 'luxon';

/** A ticket number: prefix and at least three digits (A001 … A999, then A1000). */
export function formatTicketNumber(prefix: string, seq: number): string {
  return prefix + String(seq).padStart(3, '0');
}

/** The service day: the calendar date in the hall's time zone. */
export function serviceDay(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate()!;
}

/** The local wall-clock time HH:mm in the hall's time zone. */
export function localTime(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat('HH:mm');
}
