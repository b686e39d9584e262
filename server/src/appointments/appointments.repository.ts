import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import type { AppointmentRow, AppointmentsTable } from '../db/types.ts';
import type { Insertable, Updateable } from 'kysely';

// All SQL about appointments and slot places. Functions that lock take `Tx`.

const ACTIVE = ['booked', 'checked_in'] as const;

// The per-person rules count by the person key (`person_hash`: document and phone, migration
// 0041), not by the document alone: a stranger who knows my ID number books against their own
// allowance. The active-bookings limit counts only bookings whose phone was confirmed.

/** Serializes the bookings of one person in one hall (the per-person rules are read-then-write). */
export async function lockPerson(tx: Tx, hallId: string, personHash: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`appointment:${hallId}:${personHash}`}, 0))`.execute(
    tx,
  );
}

export async function blockedUntil(
  tx: Tx,
  hallId: string,
  personHash: string,
  now: Date,
): Promise<Date | null> {
  const row = await tx
    .selectFrom('booking_blocks')
    .select('blocked_until')
    .where('hall_id', '=', hallId)
    .where('person_hash', '=', personHash)
    .where('blocked_until', '>', now)
    .executeTakeFirst();
  return row ? new Date(row.blocked_until) : null;
}

/** An active booking of the person for the matter on the day, other than `exceptId`. */
export async function hasBookingOnDay(
  db: Db | Tx,
  b: { hallId: string; matterId: string; day: string; personHash: string; exceptId?: string },
): Promise<boolean> {
  let q = db
    .selectFrom('appointments')
    .select('id')
    .where('hall_id', '=', b.hallId)
    .where('matter_id', '=', b.matterId)
    .where('service_day', '=', b.day)
    .where('person_hash', '=', b.personHash)
    .where('status', 'in', ACTIVE);
  if (b.exceptId) q = q.where('id', '!=', b.exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Confirmed bookings of the person not yet due, other than `exceptId`. */
export async function countActiveBookings(
  tx: Tx,
  hallId: string,
  personHash: string,
  exceptId?: string,
): Promise<number> {
  let q = tx
    .selectFrom('appointments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('hall_id', '=', hallId)
    .where('person_hash', '=', personHash)
    .where('phone_confirmed_at', 'is not', null)
    .where('status', '=', 'booked');
  if (exceptId) q = q.where('id', '!=', exceptId);
  const row = await q.executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Takes one place of a slot if one is left: a single upsert whose update only happens while
 * `booked < capacity`. The row lock makes competing bookings wait and re-check, so the count
 * never passes capacity. False when the slot is full.
 */
export async function takePlace(
  tx: Tx,
  s: { hallId: string; matterId: string; start: Date; capacity: number },
): Promise<boolean> {
  const row = await sql<{ booked: number }>`
    insert into slot_bookings (hall_id, matter_id, slot_start, booked, capacity)
    values (${s.hallId}, ${s.matterId}, ${s.start}, 1, ${s.capacity})
    on conflict (matter_id, slot_start) do update
      set booked = slot_bookings.booked + 1, capacity = excluded.capacity
      where slot_bookings.booked < excluded.capacity
    returning booked
  `.execute(tx);
  return row.rows.length > 0;
}

/** Whether a slot is already full, read without a lock: a quick refusal before any work. */
export async function slotLooksFull(
  db: Db,
  matterId: string,
  start: Date,
  capacity: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('slot_bookings')
    .select('booked')
    .where('matter_id', '=', matterId)
    .where('slot_start', '=', start)
    .executeTakeFirst();
  return row !== undefined && row.booked >= capacity;
}

/** Gives a place back at once (cancel, reschedule). */
export async function freePlace(tx: Tx, matterId: string, start: Date): Promise<void> {
  await tx
    .updateTable('slot_bookings')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('matter_id', '=', matterId)
    .where('slot_start', '=', start)
    .where('booked', '>', 0)
    .execute();
}

/** Locks the counter rows of several slots in start order, so two reschedules cannot deadlock. */
export async function lockSlots(tx: Tx, hallId: string, matterId: string, starts: Date[], capacity: number) {
  const sorted = [...starts].sort((a, b) => a.getTime() - b.getTime());
  for (const start of sorted) {
    await tx
      .insertInto('slot_bookings')
      .values({ hall_id: hallId, matter_id: matterId, slot_start: start, booked: 0, capacity })
      .onConflict((oc) => oc.columns(['matter_id', 'slot_start']).doNothing())
      .execute();
  }
  await tx
    .selectFrom('slot_bookings')
    .select('booked')
    .where('matter_id', '=', matterId)
    .where('slot_start', 'in', sorted)
    .orderBy('slot_start')
    .forUpdate()
    .execute();
}

/** Places taken per slot start (epoch ms) of a matter between two instants. */
export async function bookedPlaces(
  db: Db,
  matterId: string,
  from: Date,
  to: Date,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('slot_bookings')
    .select(['slot_start', 'booked'])
    .where('matter_id', '=', matterId)
    .where('slot_start', '>=', from)
    .where('slot_start', '<', to)
    .execute();
  return new Map(rows.map((r) => [new Date(r.slot_start).getTime(), r.booked]));
}

/** Digits of a booking code: 10¹⁰ codes, so guessing one at the kiosk's limited attempts fails. */
export const BOOKING_CODE_DIGITS = 10;

/** A 10-digit booking code no active booking of the hall uses (the unique index is the backstop). */
export async function freeCode(tx: Tx, hallId: string): Promise<string> {
  for (;;) {
    const code = String(randomInt(1, 10_000_000_000)).padStart(BOOKING_CODE_DIGITS, '0');
    const used = await tx
      .selectFrom('appointments')
      .select('id')
      .where('hall_id', '=', hallId)
      .where('code', '=', code)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    if (!used) return code;
  }
}

export async function insertAppointment(
  tx: Tx,
  values: Insertable<AppointmentsTable>,
): Promise<AppointmentRow> {
  return tx.insertInto('appointments').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateAppointment(
  tx: Tx,
  id: string,
  values: Updateable<AppointmentsTable>,
): Promise<AppointmentRow> {
  return tx
    .updateTable('appointments')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findAppointment(db: Db | Tx, id: string): Promise<AppointmentRow | undefined> {
  return db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockAppointment(tx: Tx, id: string): Promise<AppointmentRow | undefined> {
  return tx.selectFrom('appointments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The active booking with this code in the hall (codes are unique among active bookings). */
export async function findByCode(
  db: Db | Tx,
  hallId: string,
  code: string,
): Promise<AppointmentRow | undefined> {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('code', '=', code)
    .where('status', 'in', ACTIVE)
    .executeTakeFirst();
}

/** Active bookings of a person in the hall, soonest first. */
export async function activeByPerson(db: Db | Tx, hallId: string, idHash: string): Promise<AppointmentRow[]> {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('id_hash', '=', idHash)
    .where('status', 'in', ACTIVE)
    .orderBy('slot_start')
    .execute();
}

export async function listForDay(
  db: Db,
  hallId: string,
  day: string,
  filter: { matterId?: string | undefined; status?: AppointmentRow['status'] | undefined },
): Promise<AppointmentRow[]> {
  let q = db
    .selectFrom('appointments')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('service_day', '=', day);
  if (filter.matterId) q = q.where('matter_id', '=', filter.matterId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('slot_start').orderBy('created_at').execute();
}

/** Which unique index a violation hit, if any. */
export function violatedIndex(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' ? (e.constraint ?? '') : null;
}
