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
