// The names an audit entry is read by (ticket number, matter, counter, staff, hall), looked up
// when the entry is written, so a later rename or removal does not change what the log says.
// The lookups are joins of one statement (lookupOf): the entry's own INSERT … SELECT, so a
// change's entry takes one round trip (audit.ts), or a SELECT where the hall must be known first.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.ts';
import { isId } from '../schemas.ts';
import type { TargetKind } from './actions.ts';

export type Ids = Partial<Record<TargetKind, string>>;
export type Labels = Record<string, string>;

/** Path or body keys naming a target. */
const KEYS: Record<string, TargetKind> = {
  hallId: 'hall',
  matterId: 'matter',
  counterId: 'counter',
  staffId: 'staff',
  ticketId: 'ticket',
  appointmentId: 'appointment',
  complaintId: 'complaint',
};

/** The targets named by a request's path and body (path first: it is what was acted on). */
export function idsOf(...sources: unknown[]): Ids {
  const ids: Ids = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
    for (const [key, kind] of Object.entries(KEYS)) {
      const v = (source as Record<string, unknown>)[key];
      if (typeof v === 'string' && isId(v) && !ids[kind]) ids[kind] = v;
    }
  }
  return ids;
}

/** The parts of one statement that look the targets up. */
export interface Lookup {
  /** Left joins onto a one-row `from (select 1) as one`, one per target named. */
  joins: RawBuilder<unknown>;
  /** The hall of the first target that exists (the hall itself first), else `fallbackHall`. */
  hallId: RawBuilder<string | null>;
  /** The targets' names (jsonb), with `extra` added. */
  labels: RawBuilder<Labels>;
}

/**
 * The lookups of `ids` as SQL: a ticket's number (a complaint's ticket's when no ticket is
 * named), the names of the matter (an appointment's when none is named), counter, staff member
 * and hall, and the hall of the first of ticket, complaint, appointment, matter, counter, staff
 * that exists, the named hall itself before them all.
 */
export function lookupOf(ids: Ids, fallbackHall: string | null = null, extra: Labels = {}): Lookup {
  const joins: RawBuilder<unknown>[] = [];
  const halls: RawBuilder<unknown>[] = [];
  const names: RawBuilder<unknown>[] = [];
  const id = (v: string) => sql`${v}::uuid`;
  if (ids.hall) {
    joins.push(sql`left join halls as lh on lh.id = ${id(ids.hall)}`);
    halls.push(sql`lh.id`);
  }
  if (ids.ticket) {
    joins.push(sql`left join tickets as lt on lt.id = ${id(ids.ticket)}`);
    halls.push(sql`lt.hall_id`);
  }
  if (ids.complaint) {
    joins.push(sql`left join (complaints as lc inner join tickets as lct on lct.id = lc.ticket_id)
      on lc.id = ${id(ids.complaint)}`);
    halls.push(sql`lc.hall_id`);
  }
  if (ids.ticket || ids.complaint) {
    const numbers = [ids.ticket ? sql`lt.number` : null, ids.complaint ? sql`lct.number` : null];
    names.push(sql`'ticket', coalesce(${sql.join(numbers.filter((n) => n !== null))})`);
  }
  if (ids.appointment) {
    joins.push(sql`left join appointments as la on la.id = ${id(ids.appointment)}`);
    halls.push(sql`la.hall_id`);
  }
  const matter = ids.matter ? id(ids.matter) : ids.appointment ? sql`la.matter_id` : null;
  if (matter) {
    joins.push(sql`left join matters as lm on lm.id = ${matter}`);
    halls.push(sql`lm.hall_id`);
    names.push(sql`'matter', lm.name`);
  }
  if (ids.counter) {
    joins.push(sql`left join counters as lk on lk.id = ${id(ids.counter)}`);
    halls.push(sql`lk.hall_id`);
    names.push(sql`'counter', lk.name`);
  }
  if (ids.staff) {
    joins.push(sql`left join staff as ls on ls.id = ${id(ids.staff)}`);
    halls.push(sql`ls.hall_id`);
    names.push(sql`'staff', ls.name`);
  }
  if (ids.hall) names.push(sql`'hall', lh.name`);
  halls.push(sql`${fallbackHall}::uuid`);
  return {
    joins: sql.join(joins, sql` `),
    hallId: sql<string | null>`coalesce(${sql.join(halls)})`,
    labels: sql<Labels>`(jsonb_strip_nulls(jsonb_build_object(${sql.join(names)})) || ${JSON.stringify(extra)}::jsonb)`,
  };
}

/** The hall of the first target that exists, and the targets' names, in one statement. */
export async function resolve(db: Db, ids: Ids): Promise<{ hallId: string | null; labels: Labels }> {
  const l = lookupOf(ids);
  const { rows } = await sql<{ hall_id: string | null; labels: Labels }>`
    select ${l.hallId} as hall_id, ${l.labels} as labels from (select 1) as one ${l.joins}
  `.execute(db);
  return { hallId: rows[0]?.hall_id ?? null, labels: rows[0]?.labels ?? {} };
}
