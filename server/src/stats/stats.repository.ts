import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.ts';
import { SATISFIED_MIN_SCORE } from '../domain/ratings.ts';

// The statistics query. Every figure comes from the append-only `ticket_events` log (plus the
// ratings, which are immutable once given), never from the tickets' current state, so the same
// question always gets the same answer.
//
// The cohort is the tickets *issued* in [start, end). Each of them becomes "facts", one per thing
// measured, each carrying the dimensions it is attributed to (matter, counter, clerk, and the
// hour of day of the ticket's issue in the hall's zone); then one GROUP BY over the chosen
// dimension, with GROUPING SETS for the total row.
//
// Facts of closed days can come from the daily rollups instead (stats.rollup.ts): the same fact
// rows, grouped, each with how many (n); continuous values (waits, service times) are expanded
// back to one row each before the percentiles, so both paths give the same figures.

export type StatsDimension = 'matter' | 'counter' | 'clerk' | 'hour';

const DIMENSION_COLUMN: Record<StatsDimension, string> = {
  matter: 'matter_id',
  counter: 'counter_id',
  clerk: 'staff_id',
  hour: 'hour',
};

export interface StatsQueryRow {
  key: string | number | null;
  is_total: number;
  issued: number;
  called: number;
  served: number;
  no_shows: number;
  requeued: number;
  transfers: number;
  cancelled: number;
  expired: number;
  wait_count: number;
  wait_mean: number | null;
  wait_p50: number | null;
  wait_p90: number | null;
  service_mean: number | null;
  service_p50: number | null;
  service_p90: number | null;
  appointments: number;
  appointments_on_time: number;
  ratings: number;
  satisfied: number;
  mean_score: number | null;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
}

/** Where and how facts are computed: a hall, its zone, and the appointment rules. */
export interface FactsScope {
  hallId: string;
  timezone: string;
  /** Fallback slot start of an appointment ticket with no appointment row: due_at + lead. */
  dueLeadMinutes: number;
  /** An appointment is punctual when its first call comes at most this long after slot start. */
  punctualMinutes: number;
}

/**
 * The facts of the tickets issued in [start, end), one row each (n = 1): kind, matter_id,
 * counter_id, staff_id, hour, v, n, and day (the date of the ticket's issue in the hall's zone,
 * what a daily rollup is keyed by). A query expression, for a CTE or an INSERT … SELECT.
 */
export function factsSql(q: FactsScope, start: Date, end: Date) {
  return sql`
    with issued as (
      select e.ticket_id, e.at as issued_at, e.matter_id,
             extract(hour from (e.at at time zone ${q.timezone}))::int as hour,
             (e.at at time zone ${q.timezone})::date as day,
             coalesce(e.data->>'class', 'normal') as class
      from ticket_events e
      where e.hall_id = ${q.hallId} and e.action = 'issue' and e.at >= ${start} and e.at < ${end}
    ),
    ev as (
      select e.id, e.ticket_id, e.at, e.action, e.matter_id, e.counter_id, e.staff_id, e.data, i.hour, i.day,
             -- The latest start up to this event: where a finish's service began.
             max(e.at) filter (where e.action = 'start')
               over (partition by e.ticket_id order by e.at, e.id) as last_start
      from ticket_events e
      join issued i on i.ticket_id = e.ticket_id
      where e.hall_id = ${q.hallId}
    ),
    first_call as (
      select distinct on (ticket_id) ticket_id, at, matter_id, counter_id, staff_id
      from ev where action = 'call'
      order by ticket_id, at, id
    ),
    finish as (
      select f.ticket_id, f.at, f.matter_id, f.counter_id, f.staff_id, f.hour, f.day, f.last_start as started_at
      from ev f where f.action = 'finish'
    ),
    facts as (
      select 'issue'::text as kind, i.matter_id, null::uuid as counter_id, null::uuid as staff_id,
             i.hour, null::float8 as v, i.day
      from issued i
      union all
      select e.action,
             case when e.action = 'transfer'
                  then coalesce((e.data->>'fromMatterId')::uuid, e.matter_id) else e.matter_id end,
             e.counter_id, e.staff_id, e.hour, null::float8, e.day
      from ev e
      where e.action in ('call', 'no_show', 'requeue', 'transfer', 'cancel', 'expire')
      union all
      select 'wait', fc.matter_id, fc.counter_id, fc.staff_id, i.hour,
             (extract(epoch from (fc.at - i.issued_at)) / 60.0)::float8, i.day
      from first_call fc join issued i on i.ticket_id = fc.ticket_id
      union all
      select 'service', f.matter_id, f.counter_id, f.staff_id, f.hour,
             (extract(epoch from (f.at - f.started_at)) / 60.0)::float8, f.day
      from finish f
      union all
      select 'appointment', i.matter_id, fc.counter_id, fc.staff_id, i.hour,
             case when fc.at is not null
                   and fc.at <= coalesce(a.slot_start, t.due_at + (${q.dueLeadMinutes}::int * interval '1 minute'))
                                + (${q.punctualMinutes}::int * interval '1 minute')
                  then 1.0 else 0.0 end::float8, i.day
      from issued i
      join tickets t on t.id = i.ticket_id
      left join appointments a on a.id = t.appointment_id
      left join first_call fc on fc.ticket_id = i.ticket_id
      where i.class = 'appointment'
      union all
      select 'rating', f.matter_id, f.counter_id, f.staff_id, f.hour, r.score::float8, f.day
      from ratings r join finish f on f.ticket_id = r.ticket_id
      -- A rating an appeal review found mistaken is kept and marked, but counts nowhere.
      where r.hall_id = ${q.hallId} and not r.excluded
    )
    select kind, matter_id, counter_id, staff_id, hour, v, 1 as n, day from facts
  `;
}

export async function statsRows(
  db: Db,
  q: FactsScope & {
    /** Live facts for the tickets issued in [start, end)… */
    start: Date;
    end: Date;
    /** …plus the rolled-up facts of these days (YYYY-MM-DD), none of them in [start, end). */
    rolledUpDays?: string[];
    groupBy: StatsDimension;
  },
): Promise<StatsQueryRow[]> {
  const dim = sql.ref(DIMENSION_COLUMN[q.groupBy]);
  const days = q.rolledUpDays ?? [];
  const rolled = (where: RawBuilder<unknown>) =>
    sql`from stats_day_facts where hall_id = ${q.hallId} and day = any(${days}::date[]) and ${where}`;
  // One row per wait and service time (the percentiles need them); other kinds keep their count
  // as a weight w. A rolled-up wait or service row stands for n equal values: only the few with
  // n > 1 (two tickets of one day waited exactly as long) are expanded again, the rest pass as
  // they are (a set-returning call for every row cost a year's report 40 % of its time).
  const rolledRows = days.length
    ? sql`union all
      select kind, matter_id, counter_id, staff_id, hour, v, n as w
      ${rolled(sql`(n = 1 or kind not in ('wait', 'service'))`)}
      union all
      select kind, matter_id, counter_id, staff_id, hour, v, 1
      from (select kind, matter_id, counter_id, staff_id, hour, v, n
            ${rolled(sql`n > 1 and kind in ('wait', 'service')`)}) f
      cross join lateral generate_series(1, f.n) g`
    : sql``;
  const query = sql<StatsQueryRow>`
    with facts as (
      -- live facts are one row each (n = 1)
      select kind, matter_id, counter_id, staff_id, hour, v, 1 as w
      from (${factsSql(q, q.start, q.end)}) live
      ${rolledRows}
    )
    select ${dim} as key,
      grouping(${dim})::int as is_total,
      coalesce(sum(w) filter (where kind = 'issue'), 0)::int as issued,
      coalesce(sum(w) filter (where kind = 'call'), 0)::int as called,
      coalesce(sum(w) filter (where kind = 'service'), 0)::int as served,
      coalesce(sum(w) filter (where kind = 'no_show'), 0)::int as no_shows,
      coalesce(sum(w) filter (where kind = 'requeue'), 0)::int as requeued,
      coalesce(sum(w) filter (where kind = 'transfer'), 0)::int as transfers,
      coalesce(sum(w) filter (where kind = 'cancel'), 0)::int as cancelled,
      coalesce(sum(w) filter (where kind = 'expire'), 0)::int as expired,
      coalesce(sum(w) filter (where kind = 'wait'), 0)::int as wait_count,
      avg(v) filter (where kind = 'wait') as wait_mean,
      percentile_cont(0.5) within group (order by v) filter (where kind = 'wait') as wait_p50,
      percentile_cont(0.9) within group (order by v) filter (where kind = 'wait') as wait_p90,
      avg(v) filter (where kind = 'service') as service_mean,
      percentile_cont(0.5) within group (order by v) filter (where kind = 'service') as service_p50,
      percentile_cont(0.9) within group (order by v) filter (where kind = 'service') as service_p90,
      coalesce(sum(w) filter (where kind = 'appointment'), 0)::int as appointments,
      coalesce(sum(w) filter (where kind = 'appointment' and v = 1), 0)::int as appointments_on_time,
      coalesce(sum(w) filter (where kind = 'rating'), 0)::int as ratings,
      coalesce(sum(w) filter (where kind = 'rating' and v >= ${SATISFIED_MIN_SCORE}), 0)::int as satisfied,
      sum(v * w) filter (where kind = 'rating') / nullif(sum(w) filter (where kind = 'rating'), 0) as mean_score,
      coalesce(sum(w) filter (where kind = 'rating' and v = 1), 0)::int as s1,
      coalesce(sum(w) filter (where kind = 'rating' and v = 2), 0)::int as s2,
      coalesce(sum(w) filter (where kind = 'rating' and v = 3), 0)::int as s3,
      coalesce(sum(w) filter (where kind = 'rating' and v = 4), 0)::int as s4,
      coalesce(sum(w) filter (where kind = 'rating' and v = 5), 0)::int as s5
    from facts
    group by grouping sets ((${dim}), ())
  `;
  // No JIT for this statement: the planner cannot estimate the expansion above (a set-returning
  // call gets 1000 rows a row), so once autovacuum has analysed stats_day_facts a year's report
  // was costed at tens of millions of rows and JIT-compiled with inlining and optimisation,
  // ~3 s of compiling for a query that runs in a few hundred ms (issue 19).
  return db.transaction().execute(async (tx) => {
    await sql`set local jit = off`.execute(tx);
    return (await query.execute(tx)).rows;
  });
}
