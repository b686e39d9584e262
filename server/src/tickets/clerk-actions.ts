// The clerk's actions on a ticket at their counter, each run inside TicketsService.onTicket's
// transaction with the ticket row locked: recall, start, finish, no-show, 过号重排 (requeue)
// and transfer to another matter or a named counter.
import type { Staff } from '../auth/auth.service.ts';
import { refuseSilentFinish } from '../complaints/unresolved.ts';
import { lockCounterForActor } from '../counters/counters.service.ts';
import type { Tx } from '../db/index.ts';
import type { TicketRow } from '../db/types.ts';
import { forbidden, invalidTransition } from '../errors.ts';
import { activeInHall, transition } from './transition.ts';

export type ClerkAction = 'recall' | 'start' | 'finish' | 'no_show';
export type FinishHook = (tx: Tx, row: TicketRow, now: Date) => Promise<void>;

/** A step done at a counter: the ticket's row and the number of the counter it is at. */
export interface Acted {
  row: TicketRow;
  counterNumber: number;
}

export async function actOn(
  tx: Tx,
  ticket: TicketRow,
  now: Date,
  action: ClerkAction,
  staff: Staff,
  /** For a finish: what else to do in the transaction (the 办不成事 case); without it a 办不成事 ticket is refused. */
  onFinish?: FinishHook,
): Promise<Acted> {
  const counterId = ticket.counter_id;
  if (!counterId) throw invalidTransition(`Ticket ${ticket.number} is not at a counter`);
  const counter = await lockCounterForActor(tx, counterId, staff, { managerMayAct: false });
  const step = (row: TicketRow): Acted => ({ row, counterNumber: counter.number });
  switch (action) {
    case 'recall':
      return step(
        await transition(
          tx,
          ticket,
          'recall',
          staff,
          counterId,
          now,
          { call_count: ticket.call_count + 1, called_at: now },
          {},
          counter,
        ),
      );
    case 'start':
      return step(await transition(tx, ticket, 'start', staff, counterId, now, { started_at: now }));
    case 'finish': {
      if (!onFinish) await refuseSilentFinish(tx, ticket);
      const row = await transition(tx, ticket, 'finish', staff, counterId, now, {});
      if (onFinish) await onFinish(tx, row, now);
      return step(row);
    }
    case 'no_show':
      if (ticket.status === 'called' && ticket.call_count < 1)
        throw invalidTransition('Call the ticket at least once first');
      return step(await transition(tx, ticket, 'no_show', staff, counterId, now, {}));
  }
}

/** 过号重排: a no-show ticket re-enters at the back of its class, keeping its number. */
export async function requeueTicket(tx: Tx, ticket: TicketRow, now: Date, staff: Staff): Promise<TicketRow> {
  if (staff.role === 'clerk') {
    const atCounter = await tx
      .selectFrom('counters')
      .select('id')
      .where('clerk_id', '=', staff.id)
      .executeTakeFirst();
    if (!atCounter) throw forbidden('Open a counter first');
  }
  return transition(tx, ticket, 'requeue', staff, ticket.counter_id, now, {
    queue_time: now,
    counter_id: null,
    called_at: null,
    reserved_counter_id: null,
    transferred: false,
  });
}

/** Sends a called or serving ticket back to waiting for another matter or a named counter. */
export async function transferTicket(
  tx: Tx,
  ticket: TicketRow,
  now: Date,
  target: { matterId?: string | undefined; counterId?: string | undefined },
  staff: Staff,
): Promise<TicketRow> {
  const fromCounter = ticket.counter_id;
  if (!fromCounter) throw invalidTransition(`Ticket ${ticket.number} is not at a counter`);
  await lockCounterForActor(tx, fromCounter, staff, { managerMayAct: false });
  let matterId = ticket.matter_id;
  let reserved: string | null = null;
  if (target.counterId) {
    const to = await activeInHall(tx, 'counters', target.counterId, ticket.hall_id);
    if (to === fromCounter) throw invalidTransition('Transfer to another counter');
    reserved = to;
  }
  if (target.matterId) matterId = await activeInHall(tx, 'matters', target.matterId, ticket.hall_id);
  return transition(
    tx,
    ticket,
    'transfer',
    staff,
    fromCounter,
    now,
    {
      matter_id: matterId,
      reserved_counter_id: reserved,
      transferred: true,
      counter_id: null,
      queue_time: now,
    },
    { toMatterId: matterId, toCounterId: reserved, fromMatterId: ticket.matter_id },
  );
}
