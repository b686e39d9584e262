// Benchmark 1, call-next: N clerks at N open counters loop call-next → start over HTTP (the
// next call-next finishes the serving ticket), while a producer keeps issuing tickets through
// POST /tickets and the round starts from the same number of waiting tickets. Baseline: the same
// pick-and-mark transaction in raw SQL (sql.ts) with N concurrent connections on an identical
// hall in the same database, its producer issuing with the raw issuing transaction. Both are
// driven from the load process (loadgen.ts); each round also times the no-op HTTP floor.
import {
  callNextRound,
  rawDriver,
  type CallNextRound,
  type CallNextRoundOptions,
  type HallRef,
} from './drivers.ts';
import type { BenchApp, BenchHall, PgEnv } from './env.ts';
import { doubleCalls, seedWaiting, setupHall, startApp, waitingCount } from './env.ts';
import { LoadProcess, type Target } from './loadgen.ts';
import { profileWhile, type CpuShares } from './profile.ts';
import { countStatements, type Statements } from './probe.ts';
import { kyselyRunner, pgRunner, rawCallNext, rawStart } from './sql.ts';
import { medianOfRounds } from './stats.ts';

export type { CallNextRound } from './drivers.ts';

export interface CallNextOptions {
  clerks: number;
  /** Successful calls each clerk makes per round. */
  callsPerClerk: number;
  /** Waiting tickets at the start of every round (topped up by bulk seeding). */
  preIssued: number;
  /** Tickets the producer issues per second during a round. */
  producerPerSec: number;
  rounds: number;
  /** A round stops early after this long (ms). */
  maxRoundMs?: number;
  /**
   * Also run the baseline over as many connections as the server's pool (the clerks then share
   * them), for information: the baseline has one connection per clerk.
   */
  poolSizedBaseline?: boolean;
}

export interface CallNextResult {
  backend: 'postgres' | 'pglite';
  options: CallNextOptions;
  app: CallNextRound;
  baseline: CallNextRound;
  appRounds: CallNextRound[];
  baselineRounds: CallNextRound[];
  /** The baseline over the server's pool size, when asked for. */
  pooled: { median: CallNextRound; rounds: CallNextRound[]; connections: number } | null;
  /** Tickets with more than one `call` in ticket_events. */
  doubleCalls: { app: number; baseline: number };
  /** Database connections the app's pool may open; the baseline uses one per clerk. */
  appPool: number;
  baselinePool: number;
  /** The no-op HTTP request at the clerks' concurrency (the HTTP floor), median of rounds. */
  floor: { p50: number; p99: number; perSec: number } | null;
  /** Statements of one call-next (finishing the serving ticket) and one start (PostgreSQL). */
  statements: { callNext: Statements; start: Statements } | null;
  /** The server process's CPU profile over one more hallq round, after the measured ones. */
  profile: CpuShares;
}

type Round = (o: CallNextRoundOptions) => Promise<CallNextRound>;

const remote =
  (load: LoadProcess, target: Target, hall: HallRef): Round =>
  (o) =>
    load.run<CallNextRound>('callNextRound', { target, hall, o });

async function topUp(b: BenchApp, hall: BenchHall, target: number, seed: number): Promise<void> {
  const n = target - (await waitingCount(b.handle.db, hall.hallId));
  await seedWaiting(b.handle.db, hall, n, { seed });
}

/**
 * Runs the call-next benchmark on PostgreSQL (`env`) or on PGlite (no env: the app's one
 * in-process connection, and the baseline's raw SQL through that same connection).
 */
export async function benchCallNext(env: PgEnv | null, opts: CallNextOptions): Promise<CallNextResult> {
  const url = env ? await env.createDatabase() : undefined;
  const b = await startApp(url ? { databaseUrl: url } : {});
  const load = await LoadProcess.start();
  const appPool = b.handle.pool?.options.max ?? 1;
  try {
    const appHall = await setupHall(b, { code: 'cn-app', counters: opts.clerks, openCounters: opts.clerks });
    const rawHall = await setupHall(b, { code: 'cn-raw', counters: opts.clerks, openCounters: 0 });
    const poolHall =
      url && opts.poolSizedBaseline
        ? await setupHall(b, { code: 'cn-pool', counters: opts.clerks, openCounters: 0 })
        : null;
    const app = remote(load, { kind: 'http', baseUrl: b.baseUrl }, appHall);
    // PostgreSQL: the baseline's pg clients in the load process too; PGlite: its one connection
    // lives in the server's process, so the baseline's SQL runs there.
    const raw: Round = url
      ? remote(load, { kind: 'pg', url, pool: opts.clerks }, rawHall)
      : (o) => callNextRound(rawDriver(kyselyRunner(b.handle.db), rawHall), o);
    const pooled = url && poolHall ? remote(load, { kind: 'pg', url, pool: appPool }, poolHall) : null;
    const o = {
      clerks: opts.clerks,
      calls: opts.callsPerClerk,
      producerPerSec: opts.producerPerSec,
      maxRoundMs: opts.maxRoundMs ?? 30_000,
    };
    // Warm-up (JIT, caches, connections), not recorded.
    const drivers: [Round, BenchHall][] = [
      [app, appHall],
      [raw, rawHall],
    ];
    if (pooled && poolHall) drivers.push([pooled, poolHall]);
    for (const [d, h] of drivers) {
      await topUp(b, h, opts.preIssued, 99);
      await d({ ...o, calls: 1, producerPerSec: 0 });
    }
    const floorOpts = { concurrency: opts.clerks, requests: opts.clerks * opts.callsPerClerk * 2 };
    await load.run('noopRound', { target: { kind: 'http', baseUrl: b.baseUrl }, o: floorOpts });
    const results = drivers.map(() => [] as CallNextRound[]);
    const floors: { p50: number; p99: number; perSec: number }[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      // Alternate which goes first so drift on a shared machine hits all alike.
      const order = drivers.map((_, k) => k);
      if (r % 2 === 1) order.reverse();
      for (const k of order) {
        const [round, hall] = drivers[k]!;
        await topUp(b, hall, opts.preIssued, r + 1);
        results[k]!.push(await round(o));
      }
      const f = await load.run<{ p50: number; p99: number; ticketsPerSec: number }>('noopRound', {
        target: { kind: 'http', baseUrl: b.baseUrl },
        o: floorOpts,
      });
      floors.push({ p50: f.p50, p99: f.p99, perSec: f.ticketsPerSec });
    }
    const [appRounds, baselineRounds, pooledRounds] = [results[0]!, results[1]!, results[2]];
    await topUp(b, appHall, opts.preIssued, opts.rounds + 1);
    const profile = await profileWhile(`call-next-${b.kind}`, async () => {
      const r = await app(o);
      return 2 * r.calls + r.empty + r.issued; // each call is followed by a start
    });
    const statements = url ? await probeStatements(b, url, appHall, rawHall) : null;
    return {
      backend: b.kind,
      options: opts,
      app: medianOfRounds(appRounds),
      baseline: medianOfRounds(baselineRounds),
      appRounds,
      baselineRounds,
      pooled: pooledRounds
        ? { median: medianOfRounds(pooledRounds), rounds: pooledRounds, connections: appPool }
        : null,
      doubleCalls: {
        app: await doubleCalls(b.handle.db, appHall.hallId),
        baseline: await doubleCalls(b.handle.db, rawHall.hallId),
      },
      appPool,
      baselinePool: url ? opts.clerks : 1,
      floor: medianOfRounds(floors),
      statements,
      profile,
    };
  } finally {
    await load.close();
    await b.close();
  }
}

/**
 * One call-next (its counter serves a ticket, so it finishes it) and one start, sent from here at
 * a quiet moment, and the same through the baseline's SQL, counted by the probe.
 */
async function probeStatements(
  b: BenchApp,
  url: string,
  appHall: BenchHall,
  rawHall: BenchHall,
): Promise<{ callNext: Statements; start: Statements }> {
  const c = appHall.counters[0]!;
  const runner = pgRunner(url, 1);
  try {
    await topUp(b, appHall, 5, 7);
    await topUp(b, rawHall, 5, 7);
    let id = '';
    const appCall = await countStatements(async () => {
      const res = await b.http.expect<{ id: string }>(200, 'POST', `/api/v1/counters/${c.id}/call-next`, {
        cookie: c.cookie!,
      });
      id = res.id;
    });
    const appStart = await countStatements(() =>
      b.http.expect(200, 'POST', `/api/v1/tickets/${id}/start`, { cookie: c.cookie! }),
    );
    const rc = rawHall.counters[0]!.id;
    await runner.one('select 1'); // the connection, outside the count
    let rawId: string | null = null;
    const rawCall = await countStatements(async () => {
      rawId = await rawCallNext(runner, rawHall.hallId, rc);
    });
    const rawStarted = await countStatements(() => rawStart(runner, rawHall.hallId, rc, rawId!));
    return { callNext: { app: appCall, baseline: rawCall }, start: { app: appStart, baseline: rawStarted } };
  } finally {
    await runner.close();
  }
}
