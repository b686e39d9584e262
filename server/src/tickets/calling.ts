// Calling: call-next (the policy's pick, locked with SKIP LOCKED so nobody is called twice) and
// 特呼, a chosen ticket called to this counter. Each finishes the counter's serving ticket first.
import type { Staff } from '../auth/auth.service.ts';
import { refuseSilentFinish } from '../complaints/unresolved.ts';
import { lockCounterForActor } from '../counters/counters.service.ts';
import { transact } from '../db/transaction.ts';
import type { TicketRow } from '../db/types.ts';
import { serviceDay } from '../domain/numbering.ts';
import { pickNext, weightsFrom } from '../domain/policy.ts';
import { greenCategoriesOf } from '../halls/halls.service.ts';
import { AppError, invalidTransition, notFound } from '../errors.ts';
import { isId } from '../schemas.ts';
import { toQueueTicket } from './queue.service.ts';
import type { TicketsContext } from './tickets.service.ts';
import * as repo from './tickets.repository.ts';
import { transition } from './transition.ts';

/** Call-next: one transaction, exactly as DESIGN.md says. Null when nobody eligible waits. */
export async function callNext(
  ctx: TicketsContext,
  counterId: string,
  staff: Staff,
): Promise<TicketRow | null> {
  if (!isId(counterId)) throw notFound('Counter');
  const now = ctx.clock.now();
  const called = await transact(ctx.db, async (tx): Promise<TicketRow | null> => {
    const counter = await lockCounterForActor(tx, counterId, staff, { managerMayAct: false });
    if (counter.status !== 'open') throw new AppError('COUNTER_NOT_OPEN', `The counter is ${counter.status}`);
    const current = await repo.lockCurrentTicket(tx, counterId);
    if (current?.status === 'called') {
      throw new AppError(
        'CURRENT_TICKET_CALLED',
        `Ticket ${current.number} is called: start it, recall it or mark it no-show first`,
      );
    }
    // Configuration is read before the finish: the finish appends a hall event, whose hall
    // row lock is held until commit and serializes the hall's writes (and its picks, so a
    // 204 means nothing is left waiting); the less done under it, the better.
    const hall = await tx
      .selectFrom('halls')
      .select(['timezone', 'settings'])
      .where('id', '=', counter.hall_id)
      .executeTakeFirstOrThrow();
    const matterIds = (
      await tx
        .selectFrom('counter_matters')
        .select('matter_id')
        .where('counter_id', '=', counterId)
        .orderBy('position')
        .execute()
    ).map((r) => r.matter_id);
    if (current?.status === 'serving') {
      await refuseSilentFinish(tx, current);
      await transition(tx, current, 'finish', staff, counterId, now, {});
    }
    const day = serviceDay(now, hall.timezone);
    const domainCounter = { id: counterId, matterIds, status: 'open' as const };
    let candidates = (await repo.eligibleWaitingTickets(tx, counter.hall_id, day, counterId, matterIds)).map(
      toQueueTicket,
    );
    const weights = weightsFrom(hall.settings?.policy, greenCategoriesOf(hall.settings));
    // Rank without locks, then lock the best one nobody else holds (SKIP LOCKED): a ticket
    // another counter is calling right now is skipped, never called twice.
    for (;;) {
      const best = pickNext(domainCounter, candidates, weights, now.getTime());
      if (!best) return null;
      const locked = await repo.tryLockWaiting(tx, best.id);
      if (locked) {
        const called = await transition(
          tx,
          locked,
          'call',
          staff,
          counterId,
          now,
          { counter_id: counterId, called_at: now, call_count: 1 },
          {},
          counter,
        );
        return called;
      }
      candidates = candidates.filter((t) => t.id !== best.id);
    }
  });
  return called;
}

/** 特呼: call a chosen waiting ticket to this counter. */
export async function callChosen(
  ctx: TicketsContext,
  counterId: string,
  ticketId: string,
  staff: Staff,
): Promise<TicketRow> {
  if (!isId(counterId)) throw notFound('Counter');
  if (!isId(ticketId)) throw notFound('Ticket');
  const now = ctx.clock.now();
  const row = await transact(ctx.db, async (tx) => {
    const counter = await lockCounterForActor(tx, counterId, staff, { managerMayAct: false });
    if (counter.status !== 'open') throw new AppError('COUNTER_NOT_OPEN', `The counter is ${counter.status}`);
    const current = await repo.lockCurrentTicket(tx, counterId);
    if (current?.status === 'called') {
      throw new AppError(
        'CURRENT_TICKET_CALLED',
        `Ticket ${current.number} is called: start it or mark it no-show first`,
      );
    }
    const ticket = await repo.lockTicket(tx, ticketId);
    if (!ticket || ticket.hall_id !== counter.hall_id) throw notFound('Ticket');
    if (ticket.status !== 'waiting')
      throw invalidTransition(`Ticket ${ticket.number} is ${ticket.status}, not waiting`);
    if (ticket.reserved_counter_id && ticket.reserved_counter_id !== counterId) {
      throw new AppError('NOT_ELIGIBLE', `Ticket ${ticket.number} was transferred to another counter`);
    }
    if (current?.status === 'serving') {
      await refuseSilentFinish(tx, current);
      await transition(tx, current, 'finish', staff, counterId, now, {});
    }
    return transition(
      tx,
      ticket,
      'call',
      staff,
      counterId,
      now,
      { counter_id: counterId, called_at: now, call_count: 1 },
      { chosen: true },
    );
  });
  return row;
}
