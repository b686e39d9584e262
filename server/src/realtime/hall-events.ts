import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import { recordAppended } from '../db/transaction.ts';
import type { HallEvent, HallEventData, HallEventType } from './protocol.ts';

export type { HallEvent, HallEventType } from './protocol.ts';

/**
 * Who is told of each event as it is appended (tests check every one against the AsyncAPI
 * document). Observers must not throw.
 */
const appendObservers = new Set<(event: HallEvent) => void>();
export function observeAppendedEvents(observer: (event: HallEvent) => void): () => void {
  appendObservers.add(observer);
  return () => appendObservers.delete(observer);
}

export const EVENTS_CHANNEL = 'hallq_events';

/**
 * Appends an event to the hall's log inside the caller's transaction. The hall row lock taken
 * by the increment is held until commit, so events commit in seq order with no gaps; the
 * NOTIFY goes out at commit and wakes every server process (LISTEN/NOTIFY).
 */
export async function appendHallEvent<T extends HallEventType>(
  tx: Tx,
  hallId: string,
  type: T,
  data: HallEventData<T>,
  at: Date,
): Promise<number> {
  const seq = await appendHallEventIf(tx, hallId, type, data, at);
  if (seq === null) throw new Error(`hall ${hallId} not found`);
  return seq;
}

/**
 * The same, as the last part of one statement: `ctes` (e.g. `taken as (…),`) run first and the
 * event is appended only when `when` holds (a condition on them), so a write and its event take
 * one round trip and the hall row is locked for that statement only. Null: nothing appended.
 */
export async function appendHallEventIf<T extends HallEventType>(
  tx: Tx,
  hallId: string,
  type: T,
  data: HallEventData<T>,
  at: Date,
  opts: { ctes?: RawBuilder<unknown>; when?: RawBuilder<unknown> } = {},
): Promise<number | null> {
  const seqs = await appendHallEventsIf(tx, hallId, [{ type, data } as NewHallEvent], at, opts);
  return seqs?.[0] ?? null;
}

/** An event to append: its type and data. */
export type NewHallEvent = { [T in HallEventType]: { type: T; data: HallEventData<T> } }[HallEventType];

/**
 * Several events of one hall in one statement (one round trip, the hall row locked from it to
 * COMMIT), in the order given, with consecutive seqs; `ctes` and `when` as appendHallEventIf.
 * Their seqs, or null when nothing was appended.
 */
export async function appendHallEventsIf(
  tx: Tx,
  hallId: string,
  events: NewHallEvent[],
  at: Date,
  opts: { ctes?: RawBuilder<unknown>; when?: RawBuilder<unknown> } = {},
): Promise<number[] | null> {
  const n = events.length;
  const values = sql.join(
    events.map((e, i) => sql`(${i + 1}::int, ${e.type}::text, ${JSON.stringify(e.data)}::jsonb)`),
  );
  // One statement (one round trip) for the increment, the rows and the NOTIFYs: the hall row
  // lock serializes every write of the hall, so the less time is spent holding it the better.
  const { rows } = await sql<{ seq: number }>`
    with ${opts.ctes ?? sql``} bumped as (
      update halls set event_seq = event_seq + ${n}::int
      where id = ${hallId} and ${opts.when ?? sql`true`}
      returning event_seq
    )
    insert into hall_events (hall_id, seq, type, data, at)
    select ${hallId}::uuid, event_seq - ${n}::int + e.ord, e.type, e.data, ${at}::timestamptz
    from bumped cross join (values ${values}) as e (ord, type, data)
    order by e.ord
    returning seq, pg_notify(${EVENTS_CHANNEL}, ${hallId}::text || ':' || seq::text)
  `.execute(tx);
  if (!rows.length) return null;
  const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
  events.forEach((e, i) =>
    recordHallEvent(tx, {
      hallId,
      seq: seqs[i]!,
      type: e.type,
      at: at.toISOString(),
      data: e.data as Record<string, unknown>,
    }),
  );
  return seqs;
}

/** Tells the commit hook and the observers of an event the caller's statement appended. */
export function recordHallEvent(tx: Tx, appended: HallEvent): void {
  // The same shape a replay reads back from hall_events (data through JSON, as jsonb stores it).
  const event: HallEvent = { ...appended, data: JSON.parse(JSON.stringify(appended.data)) };
  recordAppended(tx, event);
  for (const observe of appendObservers) observe(event);
}

export async function eventsAfter(
  db: Db,
  hallId: string,
  afterSeq: number,
  limit = 1000,
): Promise<HallEvent[]> {
  const rows = await db
    .selectFrom('hall_events')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    hallId: r.hall_id,
    seq: r.seq,
    type: r.type as HallEventType,
    at: new Date(r.at).toISOString(),
    data: r.data as Record<string, unknown>,
  }));
}

export async function currentSeq(db: Db, hallId: string): Promise<number | null> {
  const row = await db.selectFrom('halls').select('event_seq').where('id', '=', hallId).executeTakeFirst();
  return row ? row.event_seq : null;
}
