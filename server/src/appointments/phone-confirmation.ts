// Confirming a booking's phone with a one-time code (issue 16, finding 5). A booking is made at
// once and holds its place, but it counts toward the person's active-bookings limit only once
// the resident typed the code texted to the phone they gave; an unconfirmed booking is released
// after CONFIRM_MINUTES. So a stranger who knows my ID number and even my phone cannot use up
// my allowance: the code goes to my phone. Each booking allows CONFIRM_MAX_ATTEMPTS tries.
import { randomInt } from 'node:crypto';
import type { FieldCrypto } from '../crypto.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { AppointmentRow } from '../db/types.ts';
import { serviceDay } from '../domain/numbering.ts';
import { AppError, invalidTransition } from '../errors.ts';
import type { OutboxMessage } from '../notifications/outbox.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { appointmentEventData } from './appointment-view.ts';
import { notifyBooking } from './appointment-notify.ts';
import * as repo from './appointments.repository.ts';
import type { BookingContext } from './schedule.service.ts';

export const CONFIRM_MINUTES = 30;
export const CONFIRM_MAX_ATTEMPTS = 5;
const MINUTE = 60_000;

/** The keyed hash the person rules count by: the document and the phone together. */
export const personHashOf = (crypto: FieldCrypto, documentKey: string, phone: string) =>
  crypto.hash(`person:${documentKey}:${phone}`);

const codeHash = (crypto: FieldCrypto, appointmentId: string, code: string) =>
  crypto.hash(`confirm:${appointmentId}:${code}`);

/**
 * A new booking's one-time code: the columns that hold its hash and deadline, and the text that
 * carries it (written in the booking's own statement, appointments.repository.ts insertBooking).
 */
export function confirmCodeFor(
  crypto: FieldCrypto,
  ctx: BookingContext,
  b: { id: string; hallId: string; phoneEnc: string },
  now: Date,
): {
  columns: { confirm_code_hash: string; confirm_by: Date; confirm_attempts: number };
  message: OutboxMessage;
} {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return {
    columns: {
      confirm_code_hash: codeHash(crypto, b.id, code),
      confirm_by: new Date(now.getTime() + CONFIRM_MINUTES * MINUTE),
      confirm_attempts: 0,
    },
    message: {
      hallId: b.hallId,
      key: `appointment:${b.id}:phone-code`,
      template: 'appointment.phone_code',
      phoneEnc: b.phoneEnc,
      params: { hall: ctx.hall.name, code, minutes: CONFIRM_MINUTES },
      appointmentId: b.id,
      at: now,
    },
  };
}

type Outcome = { row: AppointmentRow } | { error: AppError };

/**
 * Checks the code under the booking's lock. A wrong code is counted (and committed) before the
 * refusal goes out; the right one confirms the booking if the person's limits still allow it,
 * otherwise the booking is released at once and its place freed.
 */
export async function confirmPhone(
  db: Db,
  crypto: FieldCrypto,
  ctx: BookingContext,
  appointmentId: string,
  code: string,
  now: Date,
): Promise<AppointmentRow> {
  const outcome = await transact(db, async (tx): Promise<Outcome> => {
    const row = await repo.lockAppointment(tx, appointmentId);
    if (!row) throw new AppError('NOT_FOUND', 'Appointment not found');
    if (row.phone_confirmed_at) return { row };
    if (row.status !== 'booked')
      throw invalidTransition(`The appointment is ${row.status.replace('_', '-')}`);
    if (!row.confirm_by || new Date(row.confirm_by).getTime() < now.getTime())
      return { error: new AppError('CONFIRMATION_EXPIRED', 'The code has expired; please book again') };
    if (row.confirm_attempts >= CONFIRM_MAX_ATTEMPTS) return { error: locked() };
    if (row.confirm_code_hash !== codeHash(crypto, row.id, code)) {
      const attempts = row.confirm_attempts + 1;
      await repo.updateAppointment(tx, row.id, { confirm_attempts: attempts });
      if (attempts >= CONFIRM_MAX_ATTEMPTS) return { error: locked() };
      return {
        error: new AppError(
          'CONFIRMATION_CODE_WRONG',
          'This is not the code we sent; please check the text message',
          [{ reason: 'wrong_code', attemptsLeft: CONFIRM_MAX_ATTEMPTS - attempts }],
        ),
      };
    }
    const refusal = await limitRefusal(tx, ctx, row, now);
    if (refusal) {
      await repo.freePlace(tx, row.matter_id, new Date(row.slot_start));
      const released = await repo.updateAppointment(tx, row.id, {
        status: 'cancelled',
        cancelled_at: now,
        cancel_reason: 'limit',
        updated_at: now,
      });
      await appendHallEvent(
        tx,
        row.hall_id,
        'appointment.updated',
        appointmentEventData(released, 'cancel'),
        now,
      );
      return { error: refusal };
    }
    const confirmed = await repo.updateAppointment(tx, row.id, {
      phone_confirmed_at: now,
      confirm_code_hash: null,
      confirm_by: null,
      updated_at: now,
    });
    await notifyBooking(tx, ctx, confirmed, 'appointment.confirmation', `appointment:${row.id}:confirmation`);
    return { row: confirmed };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.row;
}

const locked = () =>
  new AppError(
    'CONFIRMATION_LOCKED',
    `The code was mistyped ${CONFIRM_MAX_ATTEMPTS} times; this booking can no longer be confirmed, please book again`,
  );

/** The person rule a confirmation would break, checked under the person's lock. */
async function limitRefusal(
  tx: Tx,
  ctx: BookingContext,
  row: AppointmentRow,
  now: Date,
): Promise<AppError | null> {
  if (!row.person_hash) return null;
  await repo.lockPerson(tx, row.hall_id, row.person_hash);
  const blocked = await repo.blockedUntil(tx, row.hall_id, row.person_hash, now);
  if (blocked) return bookingBlocked(serviceDay(blocked, ctx.hall.timezone));
  const active = await repo.countActiveBookings(tx, row.hall_id, row.person_hash, row.id);
  if (active >= ctx.rules.maxActiveBookings) return tooManyBookings(ctx.rules.maxActiveBookings);
  return null;
}

export const tooManyBookings = (max: number) =>
  new AppError('TOO_MANY_BOOKINGS', `You already have ${max} bookings; cancel one or wait until one is done`);

/** Only the same document and phone reach this: a stranger with my ID number has their own key. */
export const bookingBlocked = (day: string) =>
  new AppError(
    'BOOKING_BLOCKED',
    `After repeated missed appointments, booking is possible again from ${day}; you can still take a ticket at the hall`,
  );

/** Releases the hall's bookings whose phone was not confirmed in time; the number released. */
export async function releaseUnconfirmed(db: Db, hallId: string, now: Date): Promise<number> {
  return transact(db, async (tx) => {
    const due = await tx
      .selectFrom('appointments')
      .selectAll()
      .where('hall_id', '=', hallId)
      .where('status', '=', 'booked')
      .where('phone_confirmed_at', 'is', null)
      .where('confirm_by', '<', now)
      .orderBy('confirm_by')
      .limit(500)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const row of due) {
      await repo.freePlace(tx, row.matter_id, new Date(row.slot_start));
      const released = await repo.updateAppointment(tx, row.id, {
        status: 'cancelled',
        cancelled_at: now,
        cancel_reason: 'unconfirmed',
        updated_at: now,
      });
      await appendHallEvent(tx, hallId, 'appointment.updated', appointmentEventData(released, 'cancel'), now);
    }
    return due.length;
  });
}
