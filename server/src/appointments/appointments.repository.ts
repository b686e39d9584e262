import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import type { AppointmentRow, AppointmentsTable } from '../db/types.ts';
import type { Insertable, Updateable } from 'kysely';
import { outboxRow, type OutboxMessage } from '../notifications/outbox.ts';
import { appendHallEventIf } from '../realtime/hall-events.ts';
import type { HallEventData } from '../realtime/protocol.ts';

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

/**
 * The person's booking rules in one read, after lockPerson (a statement of its own, so this
 * read's snapshot sees every booking of theirs that committed while it waited): a block still
 * running, whether they have an active booking of the matter on the day (when that is asked),
 * and how many confirmed bookings not yet due they hold.
 */
export async function personState(
  tx: Tx,
  b: { hallId: string; matterId: string; day: string | null; personHash: string; now: Date },
): Promise<{ blockedUntil: Date | null; bookedThatDay: boolean; active: number }> {
  const { rows } = await sql<{ blocked_until: Date | null; booked_that_day: boolean; active: number }>`
    select
      (select max(blocked_until) from booking_blocks
        where hall_id = ${b.hallId} and person_hash = ${b.personHash} and blocked_until > ${b.now}) as blocked_until,
      (${b.day}::date is not null and exists (select 1 from appointments
        where hall_id = ${b.hallId} and matter_id = ${b.matterId} and service_day = ${b.day}::date
          and person_hash = ${b.personHash} and status in ('booked', 'checked_in'))) as booked_that_day,
      (select count(*)::int from appointments
        where hall_id = ${b.hallId} and person_hash = ${b.personHash}
          and phone_confirmed_at is not null and status = 'booked') as active
  `.execute(tx);
  const r = rows[0]!;
  return {
    blockedUntil: r.blocked_until ? new Date(r.blocked_until) : null,
    bookedThatDay: r.booked_that_day,
    active: r.active,
  };
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

/** One place of a slot, taken only while the slot has room (returns the new count, or no row). */
const takeOne = (s: { hallId: string; matterId: string; start: Date; capacity: number }) => sql`
    insert into slot_bookings (hall_id, matter_id, slot_start, booked, capacity)
    values (${s.hallId}, ${s.matterId}, ${s.start}, 1, ${s.capacity})
    on conflict (matter_id, slot_start) do update
      set booked = slot_bookings.booked + 1, capacity = excluded.capacity
      where slot_bookings.booked < excluded.capacity
    returning booked
`;

/**
 * Takes one place of a slot if one is left: a single upsert whose update only happens while
 * `booked < capacity`. The row lock makes competing bookings wait and re-check, so the count
 * never passes capacity. False when the slot is full.
 */
export async function takePlace(
  tx: Tx,
  s: { hallId: string; matterId: string; start: Date; capacity: number },
): Promise<boolean> {
  const row = await sql<{ booked: number }>`${takeOne(s)}`.execute(tx);
  return row.rows.length > 0;
}

/**
 * Takes one place of a slot (as takePlace) and, only when it was taken, appends the booking's
 * hall event, in one statement: the last of the booking, so the slot row and the hall row are
 * locked for this one round trip before COMMIT. Null when the slot is full.
 */
export async function takePlaceAndLog(
  tx: Tx,
  s: { hallId: string; matterId: string; start: Date; capacity: number },
  event: { data: HallEventData<'appointment.updated'>; at: Date },
): Promise<number | null> {
  return appendHallEventIf(tx, s.hallId, 'appointment.updated', event.data, event.at, {
    ctes: sql`taken as (${takeOne(s)}),`,
    when: sql`exists (select 1 from taken)`,
  });
}

/** A new booking and the text that goes with it (its outbox row), in one statement. */
export async function insertBooking(
  tx: Tx,
  values: Insertable<AppointmentsTable> & { id: string },
  message: OutboxMessage,
): Promise<AppointmentRow> {
  return tx
    .with('a', (db) => db.insertInto('appointments').values(values).returningAll())
    .with('n', (db) =>
      db
        .insertInto('outbox')
        .columns([
          'hall_id',
          'idempotency_key',
          'template_key',
          'phone_enc',
          'params',
          'appointment_id',
          'ticket_id',
          'next_attempt_at',
          'created_at',
        ])
        .expression((eb) => {
          const o = outboxRow(message);
          return eb
            .selectFrom('a')
            .select([
              sql.val(o.hall_id).as('hall_id'),
              sql.val(o.idempotency_key).as('idempotency_key'),
              sql.val(o.template_key).as('template_key'),
              sql.val(o.phone_enc).as('phone_enc'),
              sql`${o.params}::jsonb`.as('params'),
              'a.id as appointment_id',
              sql.val(null).as('ticket_id'),
              sql.val(o.next_attempt_at).as('next_attempt_at'),
              sql.val(o.created_at).as('created_at'),
            ]);
        }),
    )
    .selectFrom('a')
    .selectAll()
    .executeTakeFirstOrThrow() as Promise<AppointmentRow>;
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

/** A random 10-digit booking code (the unique index among the hall's active bookings decides). */
export const randomCode = () => String(randomInt(1, 10_000_000_000)).padStart(BOOKING_CODE_DIGITS, '0');

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
