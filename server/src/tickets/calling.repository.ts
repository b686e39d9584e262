// Call-next's SQL (calling.ts): the counter locked with its hall and matters; the counter's
// current ticket locked, finished when it is being served, with the waiting tickets the counter
// may take, in one statement; and the call of the pick (SKIP LOCKED).
import { sql } from 'kysely';
import type { Tx } from '../db/index.ts';
import type { TicketRow, TicketUpdate } from '../db/types.ts';
import type { QueueTicket } from '../domain/policy.ts';

/**
 * Call-next's first read: the counter locked (FOR UPDATE), with its hall's zone and settings and
 * its matters in order, in one statement. Its own statement: what follows must read after the
 * lock is held (a statement that waits for a row lock reads the rest as it was before waiting).
 */
export async function lockCounterWithHall(tx: Tx, counterId: string) {
  return tx
    .selectFrom('counters as c')
    .innerJoin('halls as h', 'h.id', 'c.hall_id')
    .selectAll('c')
    .select([
      'h.timezone as hall_timezone',
      'h.settings as hall_settings',
      sql<
        string[]
      >`array(select cm.matter_id from counter_matters cm where cm.counter_id = c.id order by cm.position)`.as(
        'matter_ids',
      ),
    ])
    .where('c.id', '=', counterId)
    .modifyEnd(sql`for update of c`)
    .executeTakeFirst();
}

export interface CurrentAndCandidates {
  /** The counter's called or serving ticket as it was (locked), or undefined. */
  current: (TicketRow & { unresolved_window: boolean }) | undefined;
  /** The current ticket as finished by this statement (it was served, not at the 办不成事 window). */
  finished: TicketRow | undefined;
  /** The waiting tickets of the day the counter may take (its matters, or reserved for it). */
  candidates: QueueTicket[];
}

/** A waiting ticket as the candidates' JSON carries it (times in epoch ms, as pg's Date has them). */
type CandidateJson = [
  string,
  number,
  string,
  TicketRow['class'],
  number,
  number | null,
  string | null,
  boolean,
  string | null,
];

/**
 * In one statement, with the counter locked already: the counter's called or serving ticket,
 * locked, and whether its matter is the 办不成事 window; that ticket finished (status done) when
 * it is served and not at that window; and the day's waiting tickets the counter may take (its
 * matters, not reserved for another counter; or reserved for it), without locks: what call-next
 * ranks. The policy would skip the others anyway; leaving them in the database saves reading them.
 */
export async function finishCurrentWithCandidates(
  tx: Tx,
  counterId: string,
  hallId: string,
  day: string,
  matterIds: string[],
  now: Date,
): Promise<CurrentAndCandidates> {
  const ms = (column: string) => sql`floor(extract(epoch from ${sql.ref(column)}) * 1000)`;
  const mine = matterIds.length
    ? sql`or (reserved_counter_id is null and matter_id in (${sql.join(matterIds.map((m) => sql`${m}::uuid`))}))`
    : sql``;
  const { rows } = await sql<
    Partial<TicketRow> & { unresolved_window: boolean | null; finished: boolean; candidates: CandidateJson[] }
  >`
    with cur as (
      select t.*, m.unresolved_window
      from tickets t inner join matters m on m.id = t.matter_id
      where t.counter_id = ${counterId} and t.status in ('called', 'serving')
      for update of t
    ),
    fin as (
      update tickets set status = 'done', finished_at = ${now}, updated_at = ${now}
      from cur
      where tickets.id = cur.id and cur.status = 'serving' and not cur.unresolved_window
      returning tickets.id
    ),
    cand as (
      select coalesce(json_agg(json_build_array(id, seq, matter_id, class, ${ms('queue_time')},
        ${ms('due_at')}, reserved_counter_id, transferred, priority_category)), '[]'::json) as candidates
      from tickets
      where hall_id = ${hallId} and status = 'waiting' and service_day = ${day}
        and (reserved_counter_id = ${counterId} ${mine})
    )
    select cur.*, fin.id is not null as finished, cand.candidates
    from cand left join cur on true left join fin on fin.id = cur.id
  `.execute(tx);
  const { finished, candidates, ...rest } = rows[0]!;
  const current = rest.id ? (rest as TicketRow & { unresolved_window: boolean }) : undefined;
  const { unresolved_window: _w, ...ticket } = current ?? { unresolved_window: false };
  return {
    current,
    finished:
      current && finished
        ? { ...(ticket as TicketRow), status: 'done', finished_at: now, updated_at: now }
        : undefined,
    candidates: candidates.map(
      ([id, seq, matterId, cls, queueTime, dueAt, reservedCounterId, transferred, category]) => ({
        id,
        seq,
        matterId,
        class: cls,
        queueTime,
        dueAt,
        reservedCounterId,
        transferred,
        category,
      }),
    ),
  };
}

/**
 * Calls a ticket if it is still waiting and nobody else holds it (SKIP LOCKED): the lock and the
 * update in one statement. Undefined when it was taken meanwhile.
 */
export async function callIfWaiting(
  tx: Tx,
  ticketId: string,
  values: TicketUpdate,
): Promise<TicketRow | undefined> {
  return tx
    .updateTable('tickets')
    .set(values)
    .where('id', '=', (eb) =>
      eb
        .selectFrom('tickets')
        .select('id')
        .where('id', '=', ticketId)
        .where('status', '=', 'waiting')
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * Of tickets a call skipped, those still waiting once whoever held them is done (a plain FOR
 * UPDATE waits for them), now locked by this transaction: before call-next answers "nobody
 * waits", a ticket another counter was calling meanwhile is called (or given back) for sure.
 */
export async function lockStillWaiting(tx: Tx, ticketIds: string[]): Promise<Set<string>> {
  if (!ticketIds.length) return new Set();
  const rows = await tx
    .selectFrom('tickets')
    .select('id')
    .where('id', 'in', ticketIds)
    .where('status', '=', 'waiting')
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Set(rows.map((r) => r.id));
}
