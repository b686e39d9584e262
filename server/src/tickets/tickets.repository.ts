import { sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import type { MatterRow, NewTicket, TicketRow, TicketStatus, TicketUpdate } from '../db/types.ts';
import type { TicketAction } from '../domain/ticket-state.ts';

// All SQL about tickets. Functions that take row locks are typed on Tx so that callers must be
// inside a transaction.

/**
 * A matter of the hall and the next number of its prefix today, in one statement: the number row
 * is taken only when the matter is there (with `activeOnly`, only when it is active: a walk-in
 * issue; an appointment's check-in takes its matter as booked). The number row lock also
 * serializes a quota count for the matter and day. A request the matter's rules then refuse
 * (walk-ins not issued, past its last issue time, quota) rolls the number back with its
 * transaction.
 */
export async function matterAndNextSeq(
  tx: Tx,
  hallId: string,
  matterId: string,
  day: string,
  opts: { activeOnly: boolean },
): Promise<(MatterRow & { next_seq: number }) | undefined> {
  const { rows } = await sql<MatterRow & { next_seq: number }>`
    with m as (
      select * from matters
      where id = ${matterId} and hall_id = ${hallId} and (active or not ${opts.activeOnly}::boolean)
    ), n as (
      insert into ticket_numbers (hall_id, prefix, service_day, last)
      select m.hall_id, m.prefix, ${day}::date, 1 from m
      on conflict (hall_id, prefix, service_day) do update set last = ticket_numbers.last + 1
      returning last
    )
    select m.*, n.last as next_seq from m cross join n`.execute(tx);
  return rows[0];
}

/** Claims an idempotency key; false when another request already holds it. */
export async function claimIdempotencyKey(tx: Tx, hallId: string, key: string): Promise<boolean> {
  const row = await tx
    .insertInto('idempotency_keys')
    .values({ hall_id: hallId, key })
    .onConflict((oc) => oc.columns(['hall_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function ticketByIdempotencyKey(
  db: Db | Tx,
  hallId: string,
  key: string,
): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function countWalkInsToday(tx: Tx, matterId: string, day: string): Promise<number> {
  const row = await tx
    .selectFrom('tickets')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('matter_id', '=', matterId)
    .where('service_day', '=', day)
    .where('channel', '!=', 'check-in')
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertTicket(tx: Tx, values: NewTicket): Promise<TicketRow> {
  return tx.insertInto('tickets').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findTicket(db: Db | Tx, ticketId: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
}

export async function lockTicket(tx: Tx, ticketId: string): Promise<TicketRow | undefined> {
  return tx.selectFrom('tickets').selectAll().where('id', '=', ticketId).forUpdate().executeTakeFirst();
}

/** The ticket a counter is dealing with (called or serving), locked. */
export async function lockCurrentTicket(tx: Tx, counterId: string): Promise<TicketRow | undefined> {
  return tx
    .selectFrom('tickets')
    .selectAll()
    .where('counter_id', '=', counterId)
    .where('status', 'in', ['called', 'serving'])
    .forUpdate()
    .executeTakeFirst();
}

export interface WaitingRow {
  id: string;
  seq: number;
  number: string;
  matter_id: string;
  class: TicketRow['class'];
  queue_time: Date;
  issued_at: Date;
  due_at: Date | null;
  reserved_counter_id: string | null;
  transferred: boolean;
  priority_category: string | null;
  /** Set when an earlier service of it began (before a transfer or requeue). */
  started_at: Date | null;
}

/** The waiting tickets of the hall's service day, as WaitingRow, without locks. */
const waitingQuery = (db: Db | Tx, hallId: string, day: string) =>
  db
    .selectFrom('tickets')
    .select([
      'id',
      'seq',
      'number',
      'matter_id',
      'class',
      'queue_time',
      'issued_at',
      'due_at',
      'priority_category',
      'reserved_counter_id',
      'transferred',
      'started_at',
    ])
    .where('hall_id', '=', hallId)
    .where('status', '=', 'waiting')
    .where('service_day', '=', day);

/** Every waiting ticket of the hall's service day, without locks. */
export async function waitingTickets(db: Db | Tx, hallId: string, day: string): Promise<WaitingRow[]> {
  return waitingQuery(db, hallId, day).execute();
}

export async function updateTicket(tx: Tx, ticketId: string, values: TicketUpdate): Promise<TicketRow> {
  return tx
    .updateTable('tickets')
    .set(values)
    .where('id', '=', ticketId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One ticket_events row to write. */
export interface TicketEventInput {
  ticket: TicketRow;
  action: TicketAction;
  from: TicketStatus | null;
  to: TicketStatus;
  staffId: string | null;
  counterId: string | null;
  at: Date;
  data?: Record<string, unknown>;
}

/**
 * The ticket_events rows (in this order) as a CTE (`ticket_event as (insert …),`) to put before
 * a hall event's append (appendHallEventsIf), so steps' events and hall events take one round trip.
 */
export function ticketEventCte(events: TicketEventInput[]) {
  const rows = events.map(
    (e) => sql`(${e.ticket.hall_id}, ${e.ticket.id}, ${e.at}, ${e.action}, ${e.from}, ${e.to}, ${e.staffId},
      ${e.counterId}, ${e.ticket.matter_id}, ${JSON.stringify(e.data ?? {})}::jsonb)`,
  );
  return sql`ticket_event as (
    insert into ticket_events (hall_id, ticket_id, at, action, from_status, to_status, staff_id, counter_id, matter_id, data)
    values ${sql.join(rows)}
  ),`;
}

/**
 * A finished service: its matter, when it ended and the minutes it occupied its counter, from the
 * call to the finish (the resident's walk to the counter included: the counter waits for it too).
 * Counting from the start instead made estimates optimistic where residents take a minute to come
 * (mean signed error −0.80 → −0.52 min in real-hall, `npm run simulate`).
 */
export interface RecentService {
  matterId: string;
  finishedAt: number;
  minutes: number;
}

/** The last `perMatter` services of each matter finished since `since`, newest first. */
export async function recentServices(
  db: Db | Tx,
  hallId: string,
  since: Date,
  perMatter: number,
): Promise<RecentService[]> {
  const rows = await sql<{ matter_id: string; finished_at: Date; minutes: number }>`
    select matter_id, finished_at, minutes from (
      select matter_id, finished_at,
             extract(epoch from (finished_at - coalesce(called_at, started_at))) / 60.0 as minutes,
             row_number() over (partition by matter_id order by finished_at desc) as rn
      from tickets
      where hall_id = ${hallId} and status = 'done' and finished_at >= ${since}
        and coalesce(called_at, started_at) is not null
    ) r where rn <= ${perMatter}
    order by finished_at desc
  `.execute(db);
  return rows.rows.map((r) => ({
    matterId: r.matter_id,
    finishedAt: new Date(r.finished_at).getTime(),
    minutes: Number(r.minutes),
  }));
}

/** Tickets of days before `day` still waiting or called: to expire at the rollover. */
export async function staleTickets(tx: Tx, hallId: string, day: string): Promise<TicketRow[]> {
  return tx
    .selectFrom('tickets')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('service_day', '<', day)
    .where('status', 'in', ['waiting', 'called'])
    .forUpdate()
    .skipLocked()
    .execute();
}

/**
 * A ticket that jumps ahead as it joins a matter's queue: a priority ticket (green channel,
 * appointment) as issued, or a ticket transferred into the matter (at its transfer). The
 * estimates expect more of them at the rate they came over the last hour (queue-state.ts).
 */
export interface Arrival {
  ticketId: string;
  matterId: string;
  class: 'green' | 'appointment' | 'transfer';
  at: number;
}

/**
 * The day's arrivals that jump ahead since `since`, and when the day's first ticket was issued
 * (null: none yet), in one statement. A transferred ticket counts by its queue time (the transfer's
 * moment) in the matter it was sent to.
 */
export async function arrivalsSince(
  db: Db | Tx,
  hallId: string,
  day: string,
  since: Date,
): Promise<{ arrivals: Arrival[]; firstIssuedAt: number | null }> {
  const rows = await sql<{
    id: string | null;
    matter_id: string | null;
    class: string | null;
    at: Date | null;
  }>`
    (select null::uuid as id, null::uuid as matter_id, null::text as class, min(issued_at) as at
     from tickets where hall_id = ${hallId} and service_day = ${day})
    union all
    (select id, matter_id, class::text, issued_at from tickets
     where hall_id = ${hallId} and service_day = ${day} and issued_at >= ${since}
       and class in ('green', 'appointment'))
    union all
    (select id, matter_id, 'transfer', queue_time from tickets
     where hall_id = ${hallId} and service_day = ${day} and transferred and queue_time >= ${since})
  `.execute(db);
  let firstIssuedAt: number | null = null;
  const arrivals: Arrival[] = [];
  for (const r of rows.rows) {
    if (r.id === null) firstIssuedAt = r.at ? new Date(r.at).getTime() : null;
    else
      arrivals.push({
        ticketId: r.id,
        matterId: r.matter_id!,
        class: r.class as Arrival['class'],
        at: new Date(r.at!).getTime(),
      });
  }
  return { arrivals, firstIssuedAt };
}
