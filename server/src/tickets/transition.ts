// One step of the ticket state machine inside the caller's transaction (row, ticket_event and
// hall event together), and what a hall event may say about a ticket. Shared by issuing,
// calling, the clerk's actions, cancelling and the day's expiry.
import type { Staff } from '../auth/auth.service.ts';
import type { Tx } from '../db/index.ts';
import type { TicketRow } from '../db/types.ts';
import { nextStatus, type TicketAction } from '../domain/ticket-state.ts';
import { invalidTransition, notFound } from '../errors.ts';
import { appendHallEventsIf, type NewHallEvent } from '../realtime/hall-events.ts';
import type { HallEventData } from '../realtime/protocol.ts';
import { isId } from '../schemas.ts';
import * as repo from './tickets.repository.ts';

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Applies one state-machine step: checks it is allowed, updates the row, appends the
 * ticket_event and the hall event. Everything in the caller's transaction.
 */
export async function transition(
  tx: Tx,
  ticket: TicketRow,
  action: Exclude<TicketAction, 'issue'>,
  staff: Staff | null,
  counterId: string | null,
  now: Date,
  values: Parameters<typeof repo.updateTicket>[2],
  data: Record<string, unknown> = {},
  /** The counter's row when the caller has it locked already (saves a read under the hall lock). */
  counterRow?: { id: string; number: number; name: string },
): Promise<TicketRow> {
  const to = nextStatus(ticket.status, action);
  if (!to)
    throw invalidTransition(
      `Cannot ${action.replace('_', '-')} ticket ${ticket.number}: it is ${ticket.status}`,
    );
  const extra = action === 'finish' ? { finished_at: now } : {};
  const row = await repo.updateTicket(tx, ticket.id, { ...values, ...extra, status: to, updated_at: now });
  await logStep(tx, ticket.status, row, action, staff, counterId, now, data, counterRow);
  return row;
}

/** A step already written to the ticket's row: the status it left, the row now, the action. */
export interface Step {
  from: TicketRow['status'];
  row: TicketRow;
  action: Exclude<TicketAction, 'issue'>;
  data?: Record<string, unknown>;
}

/**
 * The ticket_event and the hall event of a step already written to the ticket's row, in one
 * statement (one round trip under the hall lock).
 */
async function logStep(
  tx: Tx,
  from: TicketRow['status'],
  row: TicketRow,
  action: Exclude<TicketAction, 'issue'>,
  staff: Staff | null,
  counterId: string | null,
  now: Date,
  data: Record<string, unknown> = {},
  counterRow?: { id: string; number: number; name: string },
): Promise<void> {
  await logSteps(tx, [{ from, row, action, data }], staff, counterId, now, counterRow);
}

/**
 * The ticket_events and hall events of steps of one hall (e.g. call-next's finish and call), in
 * their order, in one statement: the hall row is locked from it to COMMIT only.
 */
export async function logSteps(
  tx: Tx,
  steps: Step[],
  staff: Staff | null,
  counterId: string | null,
  now: Date,
  counterRow?: { id: string; number: number; name: string },
): Promise<void> {
  const hallId = steps[0]!.row.hall_id;
  const ctes = repo.ticketEventCte(
    steps.map((s) => ({
      ticket: s.row,
      action: s.action,
      from: s.from,
      to: s.row.status,
      staffId: staff?.id ?? null,
      counterId,
      at: now,
      data: s.data ?? {},
    })),
  );
  const calls = steps.some((s) => s.action === 'call' || s.action === 'recall');
  const c =
    !calls || counterRow?.id === counterId
      ? counterRow
      : await tx
          .selectFrom('counters')
          .select(['number', 'name'])
          .where('id', '=', counterId!)
          .executeTakeFirstOrThrow();
  const events = steps.map(({ row, action }): NewHallEvent => {
    const eventData = ticketEventData(row);
    if (row.hall_id !== hallId) throw new Error('steps of one hall only');
    return action === 'call' || action === 'recall'
      ? {
          type: 'ticket.called',
          data: {
            ...eventData,
            counterNumber: c!.number,
            counterName: c!.name,
            recall: action === 'recall',
            action,
          },
        }
      : { type: 'ticket.updated', data: { ...eventData, action } };
  });
  if ((await appendHallEventsIf(tx, hallId, events, now, { ctes })) === null)
    throw new Error('the ticket’s hall is gone');
}

/** What a hall event says about a ticket: never personal data. */
export function ticketEventData(row: TicketRow): HallEventData<'ticket.issued'> {
  return {
    ticketId: row.id,
    number: row.number,
    matterId: row.matter_id,
    class: row.class,
    category: row.priority_category,
    status: row.status,
    counterId: row.counter_id,
    callCount: row.call_count,
    calledAt: iso(row.called_at),
    reservedCounterId: row.reserved_counter_id,
    // What the in-memory queue of every server process needs to place it (queue-state.ts).
    queueTime: iso(row.queue_time)!,
    dueAt: iso(row.due_at),
    transferred: row.transferred,
  };
}

/** The ID of an active counter or matter of the hall; NOT_FOUND for any other ID. */
export async function activeInHall(
  tx: Tx,
  table: 'counters' | 'matters',
  id: string,
  hallId: string,
): Promise<string> {
  const what = table === 'counters' ? 'Counter' : 'Matter';
  if (!isId(id)) throw notFound(what);
  const row = await tx
    .selectFrom(table)
    .select(['id', 'hall_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.hall_id !== hallId || !row.active) throw notFound(what);
  return row.id;
}
