// Calling: call-next (the policy's pick, locked with SKIP LOCKED so nobody is called twice) and
// 特呼, a chosen ticket called to this counter. Each finishes the counter's serving ticket first.
import type { Staff } from '../auth/auth.service.ts';
import { refuseSilentFinish, summaryRequired } from '../complaints/unresolved.ts';
import { assertCounterActor, lockCounterForActor } from '../counters/counters.service.ts';
import { transact } from '../db/transaction.ts';
import type { TicketRow } from '../db/types.ts';
import { serviceDay } from '../domain/numbering.ts';
import { pickNext, weightsFrom, type QueueTicket } from '../domain/policy.ts';
import { greenCategoriesOf } from '../halls/halls.service.ts';
import { AppError, invalidTransition, notFound } from '../errors.ts';
import { isId } from '../schemas.ts';
import type { TicketsContext } from './tickets.service.ts';
import * as repo from './tickets.repository.ts';
import * as calls from './calling.repository.ts';
import { logSteps, transition, type Step } from './transition.ts';

/** Call-next: one transaction, exactly as DESIGN.md says. Null when nobody eligible waits. */
export async function callNext(
  ctx: TicketsContext,
  counterId: string,
  staff: Staff,
): Promise<{ ticket: TicketRow; counterNumber: number } | null> {
  if (!isId(counterId)) throw notFound('Counter');
  const now = ctx.clock.now();
  return transact(ctx.db, async (tx) => {
    // Four statements between BEGIN and COMMIT (one more per pick another counter took first):
    // the counter locked with its hall and matters; its current ticket locked and finished, with
    // the candidates; the call; the events of the finish and the call. The hall row is locked by
    // the last only, so it is held for one statement and the COMMIT.
    const counter = await calls.lockCounterWithHall(tx, counterId);
    if (!counter) throw notFound('Counter');
    assertCounterActor(counter, staff, { managerMayAct: false });
    if (counter.status !== 'open') throw new AppError('COUNTER_NOT_OPEN', `The counter is ${counter.status}`);
    const matterIds = counter.matter_ids;
    const day = serviceDay(now, counter.hall_timezone);
    const read = await calls.finishCurrentWithCandidates(tx, counterId, counter.hall_id, day, matterIds, now);
    const { current, finished } = read;
    if (current?.status === 'called') {
      throw new AppError(
        'CURRENT_TICKET_CALLED',
        `Ticket ${current.number} is called: start it, recall it or mark it no-show first`,
      );
    }
    // Not finished by the statement: at the 办不成事 window, it needs its summary (rolled back).
    if (current && !finished) throw summaryRequired(current.number);
    const steps: Step[] = finished ? [{ from: 'serving', row: finished, action: 'finish' }] : [];
    const domainCounter = { id: counterId, matterIds, status: 'open' as const };
    const weights = weightsFrom(counter.hall_settings?.policy, greenCategoriesOf(counter.hall_settings));
    let candidates = read.candidates;
    // Rank without locks, then lock the best one nobody else holds (SKIP LOCKED): a ticket
    // another counter is calling right now is skipped, never called twice. Before answering
    // that nobody waits, the skipped ones are waited for: one whose call was given back is
    // called, so a 204 means nothing eligible is left waiting.
    let skipped: QueueTicket[] = [];
    let waited = false;
    for (;;) {
      const best = pickNext(domainCounter, candidates, weights, now.getTime());
      if (!best && skipped.length && !waited) {
        const still = await calls.lockStillWaiting(
          tx,
          skipped.map((t) => t.id),
        );
        candidates = [...candidates, ...skipped.filter((t) => still.has(t.id))];
        skipped = [];
        waited = true;
        continue;
      }
      const row = best
        ? await calls.callIfWaiting(tx, best.id, {
            status: 'called',
            counter_id: counterId,
            called_at: now,
            call_count: 1,
            updated_at: now,
          })
        : undefined;
      if (best && !row) {
        candidates = candidates.filter((t) => t.id !== best.id);
        skipped.push(best);
        continue;
      }
      if (row) steps.push({ from: 'waiting', row, action: 'call' });
      if (steps.length) await logSteps(tx, steps, staff, counterId, now, counter);
      return row ? { ticket: row, counterNumber: counter.number } : null;
    }
  });
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
