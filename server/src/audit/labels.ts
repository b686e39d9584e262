// The names an audit entry is read by (ticket number, matter, counter, staff, hall), looked up
// when the entry is written, so a later rename or removal does not change what the log says.
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

const one = <T>(rows: T[]): T | undefined => rows[0];

/** The hall of the first target that exists, and the targets' names. */
export async function resolve(db: Db, ids: Ids): Promise<{ hallId: string | null; labels: Labels }> {
  const labels: Labels = {};
  const halls: string[] = [];
  if (ids.ticket) {
    const r = one(
      await db.selectFrom('tickets').select(['number', 'hall_id']).where('id', '=', ids.ticket).execute(),
    );
    if (r) {
      labels.ticket = r.number;
      halls.push(r.hall_id);
    }
  }
  if (ids.complaint) {
    const r = one(
      await db
        .selectFrom('complaints as c')
        .innerJoin('tickets as t', 't.id', 'c.ticket_id')
        .select(['t.number', 'c.hall_id'])
        .where('c.id', '=', ids.complaint)
        .execute(),
    );
    if (r) {
      labels.ticket ??= r.number;
      halls.push(r.hall_id);
    }
  }
  if (ids.appointment) {
    const r = one(
      await db
        .selectFrom('appointments')
        .select(['matter_id', 'hall_id'])
        .where('id', '=', ids.appointment)
        .execute(),
    );
    if (r) {
      ids.matter ??= r.matter_id;
      halls.push(r.hall_id);
    }
  }
  for (const [kind, table] of [
    ['matter', 'matters'],
    ['counter', 'counters'],
    ['staff', 'staff'],
  ] as const) {
    const id = ids[kind];
    if (!id) continue;
    const r = one(await db.selectFrom(table).select(['name', 'hall_id']).where('id', '=', id).execute());
    if (r) {
      labels[kind] = r.name;
      if (r.hall_id) halls.push(r.hall_id);
    }
  }
  if (ids.hall) {
    const r = one(await db.selectFrom('halls').select('name').where('id', '=', ids.hall).execute());
    if (r) {
      labels.hall = r.name;
      halls.unshift(ids.hall);
    }
  }
  return { hallId: halls[0] ?? null, labels };
}
