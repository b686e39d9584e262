// Statistics of the green channel (绿色通道) and of the 办不成事 cases: counts by category code
// (never a person) over the tickets issued in the range, and the 办不成事 cases opened in it.
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

export interface GreenChannelCount {
  category: string;
  issued: number;
  served: number;
}

export async function greenChannelCounts(
  db: Db,
  q: { hallId: string; start: Date; end: Date },
): Promise<GreenChannelCount[]> {
  const rows = await db
    .selectFrom('tickets')
    .select([
      'priority_category as category',
      sql<number>`count(*)::int`.as('issued'),
      sql<number>`(count(*) filter (where status = 'done'))::int`.as('served'),
    ])
    .where('hall_id', '=', q.hallId)
    .where('priority_category', 'is not', null)
    .where('issued_at', '>=', q.start)
    .where('issued_at', '<', q.end)
    .groupBy('priority_category')
    .orderBy('priority_category')
    .execute();
  return rows.map((r) => ({ category: r.category!, issued: Number(r.issued), served: Number(r.served) }));
}

/** 办不成事 cases opened in the range, how many are closed, and how many per matter concerned. */
export interface UnresolvedCaseCounts {
  opened: number;
  closed: number;
  byMatter: { matterId: string; matterName: string; opened: number }[];
}

export async function unresolvedCaseCounts(
  db: Db,
  q: { hallId: string; start: Date; end: Date },
): Promise<UnresolvedCaseCounts> {
  const rows = await db
    .selectFrom('complaints as c')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .select([
      'c.matter_id',
      'm.name',
      sql<number>`count(*)::int`.as('opened'),
      sql<number>`(count(*) filter (where c.status = 'closed'))::int`.as('closed'),
    ])
    .where('c.hall_id', '=', q.hallId)
    .where('c.kind', '=', 'unresolved')
    .where('c.created_at', '>=', q.start)
    .where('c.created_at', '<', q.end)
    .groupBy(['c.matter_id', 'm.name'])
    .orderBy('m.name')
    .execute();
  return {
    opened: rows.reduce((n, r) => n + Number(r.opened), 0),
    closed: rows.reduce((n, r) => n + Number(r.closed), 0),
    byMatter: rows.map((r) => ({ matterId: r.matter_id, matterName: r.name, opened: Number(r.opened) })),
  };
}
