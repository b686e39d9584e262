import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import { factsSql, type FactsScope } from './stats.repository.ts';

// Daily rollups of the statistics' facts (issue 19). A day before today (in the hall's zone) is
// rolled up the first time a report covers it: the day's fact rows, grouped, each with how many.
// A rollup is used only while it is still what the day's events say: it is built again when the
// hall's zone or due lead changed, when a ticket_events row of one of the day's tickets came
// after it (the night's expiry, anything late), or when a rating of the day's tickets was given
// or excluded (appeal review) after it was built.

/** Days from..to (YYYY-MM-DD, inclusive) before `today`. */
export function closedDays(from: DateTime, last: DateTime, today: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= last; d = d.plus({ days: 1 })) {
    const iso = d.toISODate()!;
    if (iso >= today) break;
    out.push(iso);
  }
  return out;
}

/** Of `days`, those whose rollup is there and still current. */
async function currentDays(db: Db, scope: FactsScope, days: string[]): Promise<Set<string>> {
  const built = sql`
    select day, watermark, built_at from stats_days
    where hall_id = ${scope.hallId} and day = any(${days}::date[])
      and timezone = ${scope.timezone} and due_lead_minutes = ${scope.dueLeadMinutes}
  `;
  // The oldest watermark and build time first, as values: given as a subquery, the planner could
  // not tell that (nearly) no event comes after them, and hashed all the hall's tickets to find
  // none (300 ms for every report of a hall of 250,000 tickets); as a value, it reads the few
  // events past it from the primary key.
  const since = await sql<{ watermark: string | null; built_at: string | null }>`
    select min(watermark)::text as watermark, min(built_at)::text as built_at from (${built}) s
  `.execute(db);
  const { watermark, built_at: builtAt } = since.rows[0] ?? { watermark: null, built_at: null };
  if (watermark === null || builtAt === null) return new Set();
  const r = await sql<{ day: string }>`
    with s as (${built}),
    late_events as (
      select t.service_day as day, max(e.id) as last
      from ticket_events e join tickets t on t.id = e.ticket_id
      where e.hall_id = ${scope.hallId} and e.id > ${watermark}::bigint
      group by t.service_day
    ),
    late_ratings as (
      select t.service_day as day, max(greatest(r.created_at, coalesce(r.excluded_at, r.created_at))) as last
      from ratings r join tickets t on t.id = r.ticket_id
      where r.hall_id = ${scope.hallId}
        and greatest(r.created_at, coalesce(r.excluded_at, r.created_at)) > ${builtAt}::timestamptz
      group by t.service_day
    )
    select to_char(s.day, 'YYYY-MM-DD') as day from s
    left join late_events le on le.day = s.day
    left join late_ratings lr on lr.day = s.day
    where (le.last is null or le.last <= s.watermark) and (lr.last is null or lr.last <= s.built_at)
  `.execute(db);
  return new Set(r.rows.map((x) => x.day));
}

/** Most days one statement rolls up: a month of a busy hall's events is read in one go. */
const DAYS_PER_BUILD = 31;

/** `days` (sorted) cut into runs of consecutive days, each at most DAYS_PER_BUILD long. */
export function runsOf(days: string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let next: string | null = null;
  for (const day of days) {
    if (run.length && (day !== next || run.length >= DAYS_PER_BUILD)) {
      runs.push(run);
      run = [];
    }
    run.push(day);
    next = DateTime.fromISO(day).plus({ days: 1 }).toISODate();
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * Builds (or builds again) the rollups of a run of consecutive days, in one transaction: the
 * facts of all of them in one statement, each fact keyed by its ticket's issue date (a day at a
 * time, a year took 365 transactions: 5–10 s for a manager's first look at the year).
 */
async function buildDays(db: Db, scope: FactsScope, days: string[], now: Date): Promise<void> {
  const start = DateTime.fromISO(days[0]!, { zone: scope.timezone }).startOf('day');
  const end = DateTime.fromISO(days[days.length - 1]!, { zone: scope.timezone })
    .startOf('day')
    .plus({ days: 1 });
  await db.transaction().execute(async (tx) => {
    // Two first requests for the same days at once: the second waits here, then builds again
    // over the first's rows (rather than failing on their keys).
    await sql`select pg_advisory_xact_lock(hashtext(${`stats_days:${scope.hallId}`}))`.execute(tx);
    // The planner cannot size the facts' window and joins well; JIT compiling would cost more
    // than the statement (see statsRows).
    await sql`set local jit = off`.execute(tx);
    // Taken before the facts are read: an event committed meanwhile has a higher id and makes
    // the rollup stale at once.
    const w = await sql<{ w: string }>`select coalesce(max(id), 0)::text as w from ticket_events`.execute(tx);
    await sql`delete from stats_days where hall_id = ${scope.hallId} and day = any(${days}::date[])`.execute(
      tx,
    );
    await sql`
      insert into stats_days (hall_id, day, timezone, due_lead_minutes, watermark, built_at)
      select ${scope.hallId}::uuid, d, ${scope.timezone}::text, ${scope.dueLeadMinutes}::int,
             ${w.rows[0]!.w}::bigint, ${now}::timestamptz
      from unnest(${days}::date[]) d
    `.execute(tx);
    await sql`
      insert into stats_day_facts (hall_id, day, kind, matter_id, counter_id, staff_id, hour, v, n)
      select ${scope.hallId}::uuid, day, kind, matter_id, counter_id, staff_id, hour, v, count(*)::int
      from (${factsSql(scope, start.toJSDate(), end.toJSDate())}) f
      group by day, kind, matter_id, counter_id, staff_id, hour, v
    `.execute(tx);
  });
}

/**
 * The rolled-up days among `days` (all of them, once built): builds the missing and the stale
 * ones first.
 */
export async function rollUp(db: Db, scope: FactsScope, days: string[], now: Date): Promise<string[]> {
  if (!days.length) return [];
  const current = await currentDays(db, scope, days);
  for (const run of runsOf(days.filter((d) => !current.has(d)))) await buildDays(db, scope, run, now);
  return days;
}
