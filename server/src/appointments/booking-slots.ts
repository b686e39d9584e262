import { DateTime } from 'luxon';
import type { Db } from '../db/index.ts';
import { addDays, yearKnown } from '../domain/calendar.ts';
import { serviceDay } from '../domain/numbering.ts';
import { generateSlots, type Slot } from '../domain/slots.ts';
import { AppError } from '../errors.ts';
import * as repo from './appointments.repository.ts';
import { slotAt } from './booking-cache.ts';
import type { BookingContext } from './schedule.service.ts';

// Slots as booking sees them: the same domain rules for listing and for checking a requested
// start, the places still free, and the refusals booking gives.

export interface SlotView {
  start: string;
  end: string;
  date: string;
  capacity: number;
  available: number;
  /** After this instant the resident can no longer cancel or change the booking (finding 5). */
  changeUntil: string;
}

/** Widest slot query, in days, so a public request cannot ask for years. */
export const MAX_SLOT_RANGE_DAYS = 31;

export const hhmm = (d: Date | string, tz: string) =>
  DateTime.fromJSDate(new Date(d), { zone: tz }).toFormat('HH:mm');

/** The bookable slots of a matter between two service days, with the places still free. */
export async function listSlots(
  db: Db,
  ctx: BookingContext,
  now: Date,
  from?: string,
  to?: string,
): Promise<SlotView[]> {
  assertBookable(ctx);
  const first = from ?? serviceDay(now, ctx.hall.timezone);
  const last = to ?? addDays(first, MAX_SLOT_RANGE_DAYS - 1);
  if (last < first) throw rangeError('to must not be before from');
  if (addDays(first, MAX_SLOT_RANGE_DAYS - 1) < last)
    throw rangeError(`ask for at most ${MAX_SLOT_RANGE_DAYS} days at a time`);
  const slots = orNone(() => generateSlots({ ...slotQuery(ctx, now), from: first, to: last })) ?? [];
  if (!slots.length) return [];
  const booked = await repo.bookedPlaces(
    db,
    ctx.matter.id,
    new Date(slots[0]!.start),
    new Date(slots[slots.length - 1]!.end),
  );
  return slots.map((s) => ({
    start: s.start,
    end: s.end,
    date: s.date,
    capacity: s.capacity,
    available: Math.max(0, s.capacity - (booked.get(new Date(s.start).getTime()) ?? 0)),
    changeUntil: changeUntil(s.start, ctx),
  }));
}

/** The last instant the resident may cancel or change a booking of the slot starting at `start`. */
export function changeUntil(start: string | Date, ctx: BookingContext): string {
  const at = new Date(new Date(start).getTime() - ctx.settings.cancelBeforeMinutes * 60_000);
  return DateTime.fromJSDate(at, { zone: ctx.hall.timezone }).toISO()!;
}

export function slotQuery(ctx: BookingContext, now: Date) {
  return {
    timezone: ctx.hall.timezone,
    hours: ctx.hours,
    rules: ctx.calendar,
    dateHours: ctx.dateHours,
    settings: ctx.settings,
    now,
  };
}

export function assertBookable(ctx: BookingContext): void {
  if (!ctx.matter.bookable)
    throw new AppError(
      'NOT_BOOKABLE',
      `${ctx.matter.name} cannot be booked; please take a ticket at the hall`,
    );
}

export function findSlotOrThrow(ctx: BookingContext, start: string, now: Date): Slot {
  // A time without an offset is the hall's wall-clock time, whatever the server's zone.
  const at = DateTime.fromISO(start, { zone: ctx.hall.timezone, setZone: true });
  const year = at.isValid ? at.setZone(ctx.hall.timezone).year : null;
  if (year !== null && !yearKnown(year, ctx.calendar)) {
    throw new AppError(
      'CALENDAR_NOT_CONFIRMED',
      `The holiday arrangement for ${year} is not yet published; bookings for ${year} open once the hall has it`,
      [{ reason: 'calendar_not_confirmed', year }],
    );
  }
  // The day's slot table is kept with the (cached) context: no luxon over the day per booking.
  const day = at.isValid ? at.setZone(ctx.hall.timezone).toISODate() : null;
  const slot = day ? orNone(() => slotAt(ctx, slotQuery(ctx, now), day, at.toMillis())) : null;
  if (!slot) {
    throw new AppError(
      'SLOT_UNAVAILABLE',
      'This time cannot be booked: it is not a slot of an open day within the booking period, or it is too soon',
    );
  }
  return slot;
}

/**
 * The domain throws RangeError on what cannot be a hall day (a year 275760 start, a calendar
 * closed for more than a year): for a request, that simply means no slot.
 */
function orNone<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

function rangeError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: ['querystring', 'to'], message }]);
}

/** Names neither matter nor day nor time: only what the caller chose (issue 16, finding 5). */
export function duplicateBooking(): AppError {
  return new AppError(
    'DUPLICATE_BOOKING',
    'This document and phone already have a booking for this matter on the chosen day',
  );
}

export function slotFull(slot: Slot, tz: string): AppError {
  return new AppError(
    'SLOT_FULL',
    `The ${hhmm(slot.start, tz)} slot on ${slot.date} was just taken; please choose another time`,
  );
}
