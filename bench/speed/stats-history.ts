// Benchmark 5, statistics against history (issue 19): a busy hall's past (T tickets a day, each
// issued, called, started and finished at one of its counters, a tenth of them rated) seeded in
// bulk for a year before today, then GET /halls/:hallId/stats for the last week, 3 months and
// year. hallq answers closed days from daily rollups (stats.rollup.ts): the first request of a
// range builds what is missing (timed on its own), the rounds after it read them. Reference in
// the same run: the same report computed from ticket_events for every day (the computation
// before rollups, `report(…, { live: true })`), the year once (it takes long).
import type { PgEnv } from './env.ts';
import { setupHall, startApp, TIMEZONE } from './env.ts';
import { medianOfRounds } from './stats.ts';

export interface StatsHistoryOptions {
  ticketsPerDay: number;
  days: number;
  rounds: number;
}

export interface StatsRange extends Record<string, number> {
  days: number;
  /** Median ms of a report over rollups already built. */
  rollupMs: number;
  /** The first report of the range (it builds the missing rollups). */
  firstMs: number;
  /** Median ms of the same report computed from ticket_events (fewer rounds for long ranges). */
  liveMs: number;
  tickets: number;
}

export interface StatsHistoryResult {
  options: StatsHistoryOptions;
  seedSeconds: number;
  events: number;
  ranges: StatsRange[];
  /** Rollup and live reports were equal (total row) for every range. */
  same: boolean;
}

const isoDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE }).format(d);

export async function benchStatsHistory(env: PgEnv, o: StatsHistoryOptions): Promise<StatsHistoryResult> {
  const url = await env.createDatabase();
  const b = await startApp({ databaseUrl: url });
  try {
    const hall = await setupHall(b, { code: 'st', matters: 6, counters: 10, openCounters: 0 });
    const db = b.handle.db;
    const t0 = performance.now();
    const { sql } = await import('kysely');
    const matters = hall.matters.map((m) => m.id);
    const prefixes = hall.matters.map((m) => m.prefix);
    const counters = hall.counters.map((c) => c.id);
    // Tickets: day d (before today, in the hall's zone), ticket g issued 08:30 + g·(8 h / T).
    await sql`
      insert into tickets (id, hall_id, matter_id, prefix, seq, number, service_day, class, status, channel,
                           issued_at, queue_time, token_hash, updated_at, counter_id, call_count)
      select gen_random_uuid(), ${hall.hallId}::uuid, (${matters}::uuid[])[1 + g % 6],
             (${prefixes}::text[])[1 + g % 6], g, (${prefixes}::text[])[1 + g % 6] || lpad(g::text, 4, '0'),
             d::date, 'normal', 'done', 'kiosk', ts, ts, md5(g::text || d::text), ts,
             (${counters}::uuid[])[1 + g % 10], 1
      from generate_series(1, ${o.days}) k
      cross join lateral (select ((now() at time zone ${TIMEZONE})::date - k) as d) dd
      cross join generate_series(1, ${o.ticketsPerDay}) g
      cross join lateral (
        select ((d::timestamp + interval '8 hours 30 minutes'
                 + (g * (480.0 / ${o.ticketsPerDay})) * interval '1 minute') at time zone ${TIMEZONE}) as ts
      ) t
    `.execute(db);
    // Events: issue; call after a wait of 0–20 min; start at once; finish 4–16 min later.
    await sql`
      insert into ticket_events (hall_id, ticket_id, at, action, from_status, to_status, counter_id, matter_id, data)
      select t.hall_id, t.id, x.at, x.action, x.from_s, x.to_s, case when x.action = 'issue' then null else t.counter_id end,
             t.matter_id, case when x.action = 'issue' then '{"class":"normal","channel":"kiosk"}'::jsonb else '{}'::jsonb end
      from tickets t
      cross join lateral (select (abs(hashtext(t.id::text)) % 1200) as wait_s, (240 + abs(hashtext(t.number)) % 720) as svc_s) r
      cross join lateral (values
        ('issue', null, 'waiting', t.issued_at),
        ('call', 'waiting', 'called', t.issued_at + r.wait_s * interval '1 second'),
        ('start', 'called', 'serving', t.issued_at + r.wait_s * interval '1 second'),
        ('finish', 'serving', 'done', t.issued_at + (r.wait_s + r.svc_s) * interval '1 second')
      ) as x(action, from_s, to_s, at)
      where t.hall_id = ${hall.hallId}
    `.execute(db);
    await sql`analyze`.execute(db);
    const events = Number(
      (
        await sql<{
          n: string;
        }>`select count(*)::text as n from ticket_events where hall_id = ${hall.hallId}`.execute(db)
      ).rows[0]!.n,
    );
    const seedSeconds = (performance.now() - t0) / 1000;

    const yesterday = isoDay(new Date(Date.now() - 86_400_000));
    const from = (days: number) => isoDay(new Date(Date.now() - days * 86_400_000));
    const get = (days: number) =>
      b.http.expect<{ total: { issued: number } }>(
        200,
        'GET',
        `/api/v1/halls/${hall.hallId}/stats?from=${from(days)}&to=${yesterday}&groupBy=matter`,
        { cookie: b.adminCookie },
      );
    const admin = await db
      .selectFrom('staff')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const staff = {
      id: admin.id,
      username: admin.username,
      name: admin.name,
      role: admin.role,
      hallId: null,
    };
    const live = (days: number) =>
      b.app.services.stats.report(
        hall.hallId,
        staff,
        { from: from(days), to: yesterday, groupBy: 'matter' },
        { live: true },
      );
    const timed = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
      const s = performance.now();
      const v = await fn();
      return [performance.now() - s, v];
    };
    const ranges: StatsRange[] = [];
    let same = true;
    for (const days of [7, 91, Math.min(365, o.days)]) {
      const [firstMs, first] = await timed(() => get(days));
      const rollupRounds: { ms: number }[] = [];
      for (let r = 0; r < o.rounds; r++) rollupRounds.push({ ms: (await timed(() => get(days)))[0] });
      const liveRounds: { ms: number }[] = [];
      let liveTotal: { issued: number | null } | null = null;
      const liveN = days > 100 ? 1 : days > 10 ? 3 : o.rounds;
      for (let r = 0; r < liveN; r++) {
        const [ms, rep] = await timed(() => live(days));
        liveRounds.push({ ms });
        liveTotal = rep.total;
      }
      if (JSON.stringify(liveTotal) !== JSON.stringify((await get(days)).total)) same = false;
      ranges.push({
        days,
        rollupMs: medianOfRounds(rollupRounds).ms,
        firstMs,
        liveMs: medianOfRounds(liveRounds).ms,
        tickets: first.total.issued,
      });
    }
    return { options: o, seedSeconds, events, ranges, same };
  } finally {
    await b.close();
  }
}
