// Calling: call-next (the policy's pick, locked with SKIP LOCKED so nobody is called twice) and
// 特呼, a chosen ticket called to this counter. Each finishes the counter's serving ticket first.
import type { Staff } from '../auth/auth.service.ts';
import { refuseSilentFinish, summaryRequired } from '../complaints/unresolved.ts';
import { assertCounterActor, lockCounterForActor } from '../counters/counters.service.ts';
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
import { logStep, transition } from './transition.ts';

/** Call-next: one transaction, exactly as DESIGN.md says. Null when nobody eligible waits. */
export async function callNext(
  ctx: TicketsContext,
  counterId: string,
  staff: Staff,
): Promise<TicketRow | null> {
  if (!isId(counterId)) throw notFound('Counter');
  const now = ctx.clock.now();
  const called = await transact(ctx.db, async (tx): Promise<TicketRow | null> => {
    // Six statements between BEGIN and COMMIT when a ticket is finished first (four otherwise):
    // the counter with its hall and matters; its current ticket; the finish; its events; the
    // candidates; the call; its events.
    const counter = await repo.lockCounterWithHall(tx, counterId);
    if (!counter) throw notFound('Counter');
    assertCounterActor(counter, staff, { managerMayAct: false });
    if (counter.status !== 'open') throw new AppError('COUNTER_NOT_OPEN', `The counter is ${counter.status}`);
    const current = await repo.lockCurrentWithWindow(tx, counterId);
    if (current?.status === 'called') {
      throw new AppError(
        'CURRENT_TICKET_CALLED',
        `Ticket ${current.number} is called: start it, recall it or mark it no-show first`,
      );
    }
    const matterIds = counter.matter_ids;
    if (current?.status === 'serving') {
      if (current.unresolved_window) throw summaryRequired(current.number);
      const { unresolved_window: _w, ...ticket } = current;
      await transition(tx, ticket, 'finish', staff, counterId, now, {});
    }
    const day = serviceDay(now, counter.hall_timezone);
    const domainCounter = { id: counterId, matterIds, status: 'open' as const };
    let candidates = (await repo.eligibleWaitingTickets(tx, counter.hall_id, day, counterId, matterIds)).map(
      toQueueTicket,
    );
    const weights = weightsFrom(counter.hall_settings?.policy, greenCategoriesOf(counter.hall_settings));
    // Rank without locks, then lock the best one nobody else holds (SKIP LOCKED): a ticket
    // another counter is calling right now is skipped, never called twice.
    for (;;) {
      const best = pickNext(domainCounter, candidates, weights, now.getTime());
      if (!best) return null;
      const row = await repo.callIfWaiting(tx, best.id, {
        status: 'called',
        counter_id: counterId,
        called_at: now,
        call_count: 1,
        updated_at: now,
      });
      if (row) {
        await logStep(tx, 'waiting', row, 'call', staff, counterId, now, {}, counter);
        return row;
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
