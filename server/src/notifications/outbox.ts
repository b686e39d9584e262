import type { Db, Tx } from '../db/index.ts';
import type { NotificationParams } from './provider.ts';

// The outbox: a message is written in the same transaction as the change it tells about, so it
// exists exactly when the change committed. Its idempotency key is unique: enqueueing the same
// message twice (a job run by two processes, a retried request) keeps one row.

export type TemplateKey =
  | 'appointment.confirmation'
  // the one-time code that confirms a booking's phone (issue 16)
  | 'appointment.phone_code'
  | 'appointment.rescheduled'
  | 'appointment.reminder'
  | 'ticket.near_front'
  // 好差评: the result of a 差评 case, to the rater who left a phone (issue 15)
  | 'complaint.result';

export interface OutboxMessage {
  hallId: string;
  key: string;
  template: TemplateKey;
  /** The phone as FieldCrypto encrypted it; never in clear. */
  phoneEnc: string;
  params: NotificationParams;
  appointmentId?: string | null;
  ticketId?: string | null;
  at: Date;
}

/** Adds a message unless one with its key exists; true when it was added. */
export async function enqueueNotification(db: Db | Tx, m: OutboxMessage): Promise<boolean> {
  const row = await db
    .insertInto('outbox')
    .values(outboxRow(m))
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The outbox row of a message (for a statement that writes it along with its change). */
export function outboxRow(m: OutboxMessage) {
  return {
    hall_id: m.hallId,
    idempotency_key: m.key,
    template_key: m.template,
    phone_enc: m.phoneEnc,
    params: JSON.stringify(m.params),
    appointment_id: m.appointmentId ?? null,
    ticket_id: m.ticketId ?? null,
    next_attempt_at: m.at,
    created_at: m.at,
  };
}
