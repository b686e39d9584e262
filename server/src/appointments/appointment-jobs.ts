import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import { addDays } from '../domain/calendar.ts';
import { localTime, serviceDay } from '../domain/numbering.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { appointmentEventData } from './appointment-view.ts';
import { lockPerson } from './appointments.repository.ts';
import type { BookingRules } from './booking-rules.ts';
import type { ScheduleService } from './schedule.service.ts';

// Scheduled work on appointments, one hall at a time. Each function is idempotent and safe to
// run from several processes at once: rows are claimed with FOR UPDATE SKIP LOCKED or changed
// by conditional updates, and notifications are keyed so a second run adds nothing.

export interface AppointmentJobDeps {
  db: Db;
  clock: Clock;
  halls: HallsService;
  schedule: ScheduleService;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const BATCH = 500;

/**
 * Bookings not checked in by the end of their check-in window become `no_show`; a person who
 * reaches the hall's no-show threshold within its window is blocked from booking. Checked-in
 * bookings of earlier days are closed as `done`.
 */
export async function markNoShows(deps: AppointmentJobDeps, hallId: string): Promise<number> {
  const { db, clock } = deps;
  const hall = await deps.halls.get(hallId);
  const rules = await deps.schedule.rules(hallId);
  const now = clock.now();
  const cutoff = new Date(now.getTime() - rules.checkInAfterMinutes * MINUTE);
  const today = serviceDay(now, hall.timezone);
  let total = 0;
  for (;;) {
    const n = await transact(db, async (tx) => {
      await tx
        .updateTable('appointments')
        .set({ status: 'done', updated_at: now })
        .where('hall_id', '=', hallId)
        .where('status', '=', 'checked_in')
        .where('service_day', '<', today)
        .execute();
      const missed = await tx
        .selectFrom('appointments')
        .selectAll()
        .where('hall_id', '=', hallId)
        .where('status', '=', 'booked')
        .where('slot_start', '<', cutoff)
        .orderBy('slot_start')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (!missed.length) return 0;
      const rows = await tx
        .updateTable('appointments')
        .set({ status: 'no_show', no_show_at: now, updated_at: now })
        .where(
          'id',
          'in',
          missed.map((m) => m.id),
        )
        .returningAll()
        .execute();
      // Each person's count under their booking lock (so two processes marking two no-shows of
      // one person both see both), persons in a fixed order; the hall row lock of the events
      // last, as every other write takes it.
      // Only confirmed bookings count: a no-show of a booking whose phone nobody confirmed blocks no one.
      const people = [
        ...new Set(
          rows
            .filter((r) => r.phone_confirmed_at !== null)
            .map((r) => r.person_hash)
            .filter((h): h is string => h !== null),
        ),
      ].sort();
      if (rules.noShowThreshold > 0 && rules.blockDays > 0) {
        for (const idHash of people) await blockIfRepeated(tx, hallId, idHash, rules, now);
      }
      for (const row of rows) {
        await appendHallEvent(tx, hallId, 'appointment.updated', appointmentEventData(row, 'no_show'), now);
      }
      return missed.length;
    });
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

async function blockIfRepeated(tx: Tx, hallId: string, personHash: string, rules: BookingRules, now: Date) {
  await lockPerson(tx, hallId, personHash);
  const since = new Date(now.getTime() - rules.noShowWindowDays * DAY);
  const { n } = await tx
    .selectFrom('appointments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('hall_id', '=', hallId)
    .where('person_hash', '=', personHash)
    .where('phone_confirmed_at', 'is not', null)
    .where('status', '=', 'no_show')
    .where('slot_start', '>=', since)
    .executeTakeFirstOrThrow();
  if (n < rules.noShowThreshold) return;
  await tx
    .insertInto('booking_blocks')
    .values({
      hall_id: hallId,
      person_hash: personHash,
      blocked_until: new Date(now.getTime() + rules.blockDays * DAY),
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['hall_id', 'person_hash']).doUpdateSet({
        blocked_until: sql`greatest(booking_blocks.blocked_until, excluded.blocked_until)`,
      }),
    )
    .execute();
}

/**
 * From the hall's reminder time on the day before, one reminder per booking of tomorrow.
 * Bookings made after that moment are skipped: their confirmation has just gone out.
 */
export async function enqueueReminders(deps: AppointmentJobDeps, hallId: string): Promise<number> {
  const { db, clock } = deps;
  const hall = await deps.halls.get(hallId);
  const rules = await deps.schedule.rules(hallId);
  const now = clock.now();
  if (localTime(now, hall.timezone) < rules.reminderTime) return 0;
  const today = serviceDay(now, hall.timezone);
  const tomorrow = addDays(today, 1);
  const [hour, minute] = rules.reminderTime.split(':').map(Number);
  const remindAt = DateTime.fromISO(today, { zone: hall.timezone })
    .set({ hour: hour ?? 0, minute: minute ?? 0 })
    .toJSDate();
  const due = await db
    .selectFrom('appointments')
    .innerJoin('matters', 'matters.id', 'appointments.matter_id')
    .select([
      'appointments.id',
      'appointments.slot_start',
      'appointments.service_day',
      'appointments.code',
      'appointments.phone_enc',
      'matters.name as matterName',
    ])
    .where('appointments.hall_id', '=', hallId)
    .where('appointments.status', '=', 'booked')
    .where('appointments.service_day', '=', tomorrow)
    .where('appointments.created_at', '<', remindAt)
    .where('appointments.phone_enc', 'is not', null)
    .execute();
  let added = 0;
  for (const a of due) {
    const ok = await enqueueNotification(db, {
      hallId,
      key: `appointment:${a.id}:reminder:${a.service_day}`,
      template: 'appointment.reminder',
      phoneEnc: a.phone_enc!,
      params: {
        hall: hall.name,
        matter: a.matterName,
        date: a.service_day,
        time: localTime(new Date(a.slot_start), hall.timezone),
        code: a.code,
      },
      appointmentId: a.id,
      at: now,
    });
    if (ok) added++;
  }
  return added;
}

export interface ErasedCounts {
  appointments: number;
  tickets: number;
  notifications: number;
}

/**
 * Erases personal fields `retentionDays` after the service day: the name, ID and phone of
 * appointments, the phone of tickets and of notifications. A no-show keeps its keyed ID hash
 * (nothing else) until the no-show window has passed, since the blocking rule counts it.
 */
export async function erasePersonalData(deps: AppointmentJobDeps, hallId: string): Promise<ErasedCounts> {
  const { db, clock } = deps;
  const hall = await deps.halls.get(hallId);
  const rules = await deps.schedule.rules(hallId);
  const now = clock.now();
  const today = serviceDay(now, hall.timezone);
  const cutoffDay = addDays(today, -rules.retentionDays);
  const noShowCutoffDay = addDays(today, -Math.max(rules.retentionDays, rules.noShowWindowDays));
  const cutoffInstant = DateTime.fromISO(cutoffDay, { zone: hall.timezone }).toJSDate();

  const appointments = await db
    .updateTable('appointments')
    .set({
      name_masked: null,
      id_masked: null,
      phone_enc: null,
      phone_masked: null,
      id_hash: sql`case when status = 'no_show' and service_day >= ${noShowCutoffDay}::date then id_hash end`,
      person_hash: sql`case when status = 'no_show' and service_day >= ${noShowCutoffDay}::date then person_hash end`,
      erased_at: now,
    })
    .where('hall_id', '=', hallId)
    .where('service_day', '<', cutoffDay)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  await db
    .updateTable('appointments')
    .set({ id_hash: null, person_hash: null })
    .where('hall_id', '=', hallId)
    .where('service_day', '<', noShowCutoffDay)
    .where('id_hash', 'is not', null)
    .where('erased_at', 'is not', null)
    .execute();
  const tickets = await db
    .updateTable('tickets')
    .set({ phone_enc: null })
    .where('hall_id', '=', hallId)
    .where('service_day', '<', cutoffDay)
    .where('phone_enc', 'is not', null)
    .executeTakeFirst();
  const notifications = await db
    .updateTable('outbox')
    .set({
      phone_enc: null,
      params: '{}',
      status: sql`case when status = 'pending' then 'failed' else status end`,
      last_error: sql`case when status = 'pending' then 'expired before delivery' else last_error end`,
    })
    .where('hall_id', '=', hallId)
    .where('created_at', '<', cutoffInstant)
    .where('phone_enc', 'is not', null)
    .executeTakeFirst();
  await db
    .deleteFrom('booking_blocks')
    .where('hall_id', '=', hallId)
    .where('blocked_until', '<', now)
    .execute();
  return {
    appointments: Number(appointments.numUpdatedRows),
    tickets: Number(tickets.numUpdatedRows),
    notifications: Number(notifications.numUpdatedRows),
  };
}
