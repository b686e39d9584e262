import type { Tx } from '../db/index.ts';
import type { AppointmentRow } from '../db/types.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import { hhmm } from './booking-slots.ts';
import type { BookingContext } from './schedule.service.ts';

/** Queues the confirmation or change message of a booking (in the booking's transaction). */
export async function notifyBooking(
  tx: Tx,
  ctx: BookingContext,
  row: AppointmentRow,
  template: 'appointment.confirmation' | 'appointment.rescheduled',
  key: string,
): Promise<void> {
  if (!row.phone_enc) return;
  await enqueueNotification(tx, {
    hallId: row.hall_id,
    key,
    template,
    phoneEnc: row.phone_enc,
    params: {
      hall: ctx.hall.name,
      matter: ctx.matter.name,
      date: row.service_day,
      time: hhmm(row.slot_start, ctx.hall.timezone),
      code: row.code,
    },
    appointmentId: row.id,
    at: new Date(row.updated_at),
  });
}
