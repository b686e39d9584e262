// Benchmark 1, call-next: N clerks at N open counters loop call-next → start over HTTP (the
// next call-next finishes the serving ticket), while a producer keeps issuing tickets through
// POST /tickets and the round starts from the same number of waiting tickets. Baseline: the same
// pick-and-mark transaction in raw SQL (sql.ts) with N concurrent connections on an identical
// hall in the same database, its producer issuing with the raw issuing transaction.
import type { BenchApp, BenchHall, PgEnv } from './env.ts';
import { doubleCalls, seedWaiting, setupHall, startApp, waitingCount } from './env.ts';
import { kyselyRunner, pgRunner, rawCallNext, rawIssue, rawStart, type SqlRunner } from './sql.ts';
import { latencyOf, medianOfRounds, runWorkers, sleep } from './stats.ts';

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
   * them), for information: the issue's baseline has one connection per clerk.
   */
  poolSizedBaseline?: boolean;
}

export interface CallNextRound extends Record<string, number> {
  p50: number;
  p99: number;
  callsPerSec: number;
  calls: number;
  empty: number;
  issued: number;
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
}

interface Driver {
  callNext(i: number): Promise<string | null>;
  start(i: number, ticketId: string): Promise<void>;
  issue(k: number): Promise<unknown>;
}

function httpDriver(b: BenchApp, hall: BenchHall): Driver {
  const counter = (i: number) => {
    const c = hall.counters[i];
    if (!c?.cookie) throw new Error(`counter ${i + 1} has no clerk`);
    return c;
  };
  return {
    async callNext(i) {
      const c = counter(i);
      const res = await b.http.request('POST', `/api/v1/counters/${c.id}/call-next`, { cookie: c.cookie! });
      if (res.status === 204) return null;
      if (res.status !== 200) throw new Error(`call-next: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { id: string }).id;
    },
    async start(i, ticketId) {
      await b.http.expect(200, 'POST', `/api/v1/tickets/${ticketId}/start`, { cookie: counter(i).cookie! });
    },
    issue: (k) =>
      b.http.expect(201, 'POST', `/api/v1/halls/${hall.hallId}/tickets`, {
        body: { matterId: hall.matters[k % hall.matters.length]!.id },
      }),
  };
}

function rawDriver(r: SqlRunner, hall: BenchHall): Driver {
  return {
    callNext: (i) => rawCallNext(r, hall.hallId, hall.counters[i]!.id),
    start: (i, id) => rawStart(r, hall.hallId, hall.counters[i]!.id, id),
    issue: (k) => rawIssue(r, hall.hallId, hall.matters[k % hall.matters.length]!),
  };
}

/** One round: every clerk makes `calls` successful calls (or the round times out). */
export async function callNextRound(
  driver: Driver,
  o: { clerks: number; calls: number; producerPerSec: number; maxRoundMs: number },
): Promise<CallNextRound> {
  const latencies: number[] = [];
  let empty = 0;
  let issued = 0;
  let producerError: unknown = null;
  const pending = new Set<Promise<unknown>>();
  let k = 0;
  const timer =
    o.producerPerSec > 0
      ? setInterval(() => {
          const p: Promise<unknown> = driver
            .issue(k++)
            .then(() => issued++)
            .catch((err: unknown) => (producerError ??= err))
            .finally(() => pending.delete(p));
          pending.add(p);
        }, 1000 / o.producerPerSec)
      : null;
  const t0 = performance.now();
  const deadline = t0 + o.maxRoundMs;
  let calls = 0;
  try {
    await runWorkers(o.clerks, async (i) => {
      let done = 0;
      while (done < o.calls && performance.now() < deadline) {
        const s = performance.now();
        const id = await driver.callNext(i);
        latencies.push(performance.now() - s);
        if (!id) {
          empty++;
          await sleep(10);
          continue;
        }
        done++;
        calls++;
        await driver.start(i, id);
      }
    });
  } finally {
    if (timer) clearInterval(timer);
  }
  const elapsed = performance.now() - t0;
  await Promise.all(pending);
  if (producerError) throw producerError;
  const lat = latencyOf(latencies);
  return { p50: lat.p50, p99: lat.p99, callsPerSec: calls / (elapsed / 1000), calls, empty, issued };
}

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
  const runner = url ? pgRunner(url, opts.clerks) : kyselyRunner(b.handle.db);
  const appPool = b.handle.pool?.options.max ?? 1;
  const pooledRunner = url && opts.poolSizedBaseline ? pgRunner(url, appPool) : null;
  try {
    const appHall = await setupHall(b, { code: 'cn-app', counters: opts.clerks, openCounters: opts.clerks });
    const rawHall = await setupHall(b, { code: 'cn-raw', counters: opts.clerks, openCounters: 0 });
    const poolHall = pooledRunner
      ? await setupHall(b, { code: 'cn-pool', counters: opts.clerks, openCounters: 0 })
      : null;
    const app = httpDriver(b, appHall);
    const raw = rawDriver(runner, rawHall);
    const pooled = pooledRunner && poolHall ? rawDriver(pooledRunner, poolHall) : null;
    const o = {
      clerks: opts.clerks,
      calls: opts.callsPerClerk,
      producerPerSec: opts.producerPerSec,
      maxRoundMs: opts.maxRoundMs ?? 30_000,
    };
    // Warm-up (JIT, caches, connections), not recorded.
    const drivers: [Driver, BenchHall][] = [
      [app, appHall],
      [raw, rawHall],
    ];
    if (pooled && poolHall) drivers.push([pooled, poolHall]);
    for (const [d, h] of drivers) {
      await topUp(b, h, opts.preIssued, 99);
      await callNextRound(d, { ...o, calls: 1, producerPerSec: 0 });
    }
    const results = drivers.map(() => [] as CallNextRound[]);
    for (let r = 0; r < opts.rounds; r++) {
      // Alternate which goes first so drift on a shared machine hits all alike.
      const order = drivers.map((_, k) => k);
      if (r % 2 === 1) order.reverse();
      for (const k of order) {
        const [driver, hall] = drivers[k]!;
        await topUp(b, hall, opts.preIssued, r + 1);
        results[k]!.push(await callNextRound(driver, o));
      }
    }
    const [appRounds, baselineRounds, pooledRounds] = [results[0]!, results[1]!, results[2]];
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
    };
  } finally {
    await pooledRunner?.close();
    await runner.close();
    await b.close();
  }
}
