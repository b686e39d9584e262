import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { serviceDay } from '../domain/numbering.ts';
import type { HallsService } from '../halls/halls.service.ts';
import type { QueueService } from '../tickets/queue.service.ts';
import { enqueueNotification } from './outbox.ts';

// "3 ahead of you": a waiting ticket whose holder left a phone gets one message when the queue
// estimate puts it this close to the front. The outbox key makes it once per ticket, however
// often this runs and from how many processes.

export const NEAR_FRONT_AHEAD = 3;

export interface NearFrontDeps {
  db: Db;
  clock: Clock;
  halls: HallsService;
  queue: QueueService;
}

export const nearFrontKey = (ticketId: string) => `ticket:${ticketId}:near-front`;

export async function notifyNearFront(
  deps: NearFrontDeps,
  hallId: string,
  ahead = NEAR_FRONT_AHEAD,
): Promise<number> {
  const hall = await deps.halls.get(hallId);
  const now = deps.clock.now();
  const withPhone = await deps.db
    .selectFrom('tickets')
    .select(['id', 'number', 'phone_enc'])
    .where('hall_id', '=', hallId)
    .where('status', '=', 'waiting')
    .where('service_day', '=', serviceDay(now, hall.timezone))
    .where('phone_enc', 'is not', null)
    .execute();
  if (!withPhone.length) return 0;
  const notified = new Set(
    (
      await deps.db
        .selectFrom('outbox')
        .select('ticket_id')
        .where(
          'idempotency_key',
          'in',
          withPhone.map((t) => nearFrontKey(t.id)),
        )
        .execute()
    ).map((r) => r.ticket_id),
  );
  const pending = withPhone.filter((t) => !notified.has(t.id));
  if (!pending.length) return 0;
  const snap = await deps.queue.snapshot(hallId);
  let added = 0;
  for (const t of pending) {
    const estimate = snap.estimates.get(t.id);
    if (!estimate || estimate.ahead > ahead) continue;
    const ok = await enqueueNotification(deps.db, {
      hallId,
      key: nearFrontKey(t.id),
      template: 'ticket.near_front',
      phoneEnc: t.phone_enc!,
      params: { hall: hall.name, number: t.number, ahead: estimate.ahead },
      ticketId: t.id,
      at: now,
    });
    if (ok) added++;
  }
  return added;
}
