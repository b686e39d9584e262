// Benchmark 6, growth with the number of active halls (issue 19): one PostgreSQL and one server
// process, the same steady stream of work (a ticket issued, then called and started, `perSec`
// times a second in all) spread over 1, 10 and 100 halls at once (growth-round.ts). Each hall
// has the same shape (6 matters, 3 counters, one clerk at counter 1, 20 tickets waiting at the
// start). What the server keeps per hall (its queue in memory, the booking and schedule caches,
// the event log's seq) must not make one hall's request slower when more halls are active: the
// per-hall latency at 100 halls against 1 hall, in the same run, each round of every size run
// in turn (the order rotated every round).
import type { HallRef } from './drivers.ts';
import type { GrowthRound } from './growth-round.ts';
import type { PgEnv } from './env.ts';
import { seedWaiting, setupHall, startApp } from './env.ts';
import { LoadProcess } from './loadgen.ts';
import { sectionRows, verdict, type Cells, type Row } from './report.ts';
import { medianOfRounds, ms, ratio, ratioInterval } from './stats.ts';

export interface GrowthOptions {
  halls: number[];
  /** Actions (issue → call-next → start) per second over all halls. */
  perSec: number;
  roundMs: number;
  rounds: number;
}

export interface GrowthResult {
  options: GrowthOptions;
  /** Per number of halls: the median of rounds, and the rounds. */
  sizes: { halls: number; median: GrowthRound; rounds: GrowthRound[] }[];
  setupSeconds: number;
}

export async function benchGrowth(env: PgEnv, o: GrowthOptions): Promise<GrowthResult> {
  const url = await env.createDatabase();
  const b = await startApp({ databaseUrl: url });
  const load = await LoadProcess.start();
  try {
    const t0 = performance.now();
    const most = Math.max(...o.halls);
    const halls: HallRef[] = [];
    for (let i = 0; i < most; i++) {
      const hall = await setupHall(b, { code: `gr${i}`, matters: 6, counters: 3, openCounters: 1 });
      await seedWaiting(b.handle.db, hall, 20, { seed: i + 1 });
      // The kiosk asks only for matters counter 1 serves: the stream's call-next finds them.
      const served = hall.matters.filter((m) => hall.counters[0]!.matterIds.includes(m.id));
      halls.push({ hallId: hall.hallId, matters: served, counters: hall.counters });
    }
    const setupSeconds = (performance.now() - t0) / 1000;
    const target = { kind: 'http' as const, baseUrl: b.baseUrl };
    const round = (n: number) =>
      load.run<GrowthRound>('growthRound', {
        target,
        halls: halls.slice(0, n),
        o: { perSec: o.perSec, ms: o.roundMs },
      });
    // A warm-up round of every size: every hall's state read once, connections open.
    for (const n of o.halls) await round(n);
    const rounds = new Map<number, GrowthRound[]>(o.halls.map((n) => [n, []]));
    for (let r = 0; r < o.rounds; r++) {
      const order = o.halls.map((_, i) => o.halls[(i + r) % o.halls.length]!);
      for (const n of order) rounds.get(n)!.push(await round(n));
    }
    return {
      options: o,
      setupSeconds,
      sizes: o.halls.map((n) => ({
        halls: n,
        median: medianOfRounds(rounds.get(n)!),
        rounds: rounds.get(n)!,
      })),
    };
  } finally {
    await load.close();
    await b.close();
  }
}

const sizeRound = (r: GrowthResult, n: number) => r.sizes.find((s) => s.halls === n)!;

/** The table's rows: latencies by number of halls, and the most halls against one. */
export function growthRows(r: GrowthResult): Row[] {
  const o = r.options;
  const section = `6. Growth — PostgreSQL, ${o.perSec} issue → call-next → start a second over 1 to ${Math.max(...o.halls)} halls`;
  const one = sizeRound(r, Math.min(...o.halls));
  const most = sizeRound(r, Math.max(...o.halls));
  const vs = (key: 'issueP50' | 'issueP99' | 'callP50' | 'callP99') => {
    const [lo, hi] = ratioInterval(
      most.rounds.map((x) => x[key]),
      one.rounds.map((x) => x[key]),
    );
    const value = most.median[key] / one.median[key];
    return {
      value,
      text: `${ratio(value)}${Number.isFinite(lo) ? ` [${lo.toFixed(2)}, ${hi.toFixed(2)}]` : ''}`,
    };
  };
  const rows: Cells[] = r.sizes.map((s) => ({
    figure: `${s.halls} hall${s.halls === 1 ? '' : 's'} active: issue p50 / p99, call-next p50 / p99`,
    value: `${ms(s.median.issueP50)} / ${ms(s.median.issueP99)}, ${ms(s.median.callP50)} / ${ms(s.median.callP99)}`,
    baseline:
      s === one
        ? ''
        : `${ms(one.median.issueP50)} / ${ms(one.median.issueP99)}, ${ms(one.median.callP50)} / ${ms(one.median.callP99)} (1 hall)`,
  }));
  for (const [key, what] of [
    ['issueP50', 'issue p50'],
    ['callP50', 'call-next p50'],
    ['issueP99', 'issue p99'],
    ['callP99', 'call-next p99'],
  ] as const) {
    const v = vs(key);
    const goal = key.endsWith('P50');
    rows.push({
      figure: `${what}: ${most.halls} halls against 1`,
      value: ms(most.median[key]),
      baseline: `${ms(one.median[key])} (1 hall)`,
      ratio: v.text,
      ...(goal ? { target: '≤ 1.3× (#19)', result: verdict(v.value <= 1.3) } : {}),
    });
  }
  rows.push({
    figure: `set-up of ${Math.max(...o.halls)} halls (for information)`,
    value: `${r.setupSeconds.toFixed(0)} s`,
  });
  return sectionRows(section, rows);
}
