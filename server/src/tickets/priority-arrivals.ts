// What the estimates read of the day's arrivals: the rates at which tickets that jump ahead
// (green channel, appointments checking in, transfers) are expected to keep coming.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import type { PriorityRecent } from './queue-estimates.ts';

/**
 * Priority tickets (green channel, appointments) issued on the service day within the last
 * `windowMinutes` before `now`, per matter and class, and how many minutes of the day that window
 * covers (less just after opening): the rates the estimates expect priority tickets to arrive at;
 * likewise tickets transferred into each matter (by their queue time, the transfer's moment).
 */
export async function recentPriorityArrivals(
  db: Db | Tx,
  hallId: string,
  day: string,
  now: Date,
  windowMinutes: number,
): Promise<PriorityRecent> {
  const since = new Date(now.getTime() - windowMinutes * 60_000);
  const rows = await sql<{
    matter_id: string | null;
    class: string | null;
    n: number;
    moved: number;
    first: Date | null;
  }>`
    select matter_id, class, count(*) filter (where issued_at >= ${since})::int as n,
           count(*) filter (where transferred and queue_time >= ${since} and queue_time <= ${now})::int as moved,
           min(issued_at) as first
    from tickets
    where hall_id = ${hallId} and service_day = ${day} and issued_at <= ${now}
    group by grouping sets ((matter_id, class), ())
  `.execute(db);
  let minutes = 0;
  const counts: PriorityRecent['counts'] = [];
  const transfers = new Map<string, number>();
  for (const r of rows.rows) {
    if (r.matter_id !== null && r.moved > 0)
      transfers.set(r.matter_id, (transfers.get(r.matter_id) ?? 0) + r.moved);
    if (r.matter_id === null) {
      const first = r.first ? new Date(r.first).getTime() : now.getTime();
      minutes = Math.min(windowMinutes, Math.max(0, (now.getTime() - first) / 60_000));
    } else if ((r.class === 'green' || r.class === 'appointment') && r.n > 0) {
      counts.push({ matterId: r.matter_id, class: r.class, n: r.n });
    }
  }
  return { counts, transfers: [...transfers].map(([matterId, n]) => ({ matterId, n })), minutes };
}
