// Benchmark 4, issuing: C concurrent kiosks take tickets through POST /halls/:hallId/tickets
// (the answer carries the ticket's position and estimated wait), every round starting from the
// same waiting queue with the same counters open. Baseline: the raw SQL number-and-insert
// transaction (sql.ts rawIssue) with the same concurrency on an identical hall.
import type { BenchApp, BenchHall, PgEnv } from './env.ts';
import { clearWaiting, seedWaiting, setupHall, startApp } from './env.ts';
import { kyselyRunner, pgRunner, rawIssue, type SqlRunner } from './sql.ts';
import { latencyOf, medianOfRounds, runWorkers } from './stats.ts';

export interface IssuingOptions {
  concurrency: number;
  ticketsPerRound: number;
  /** Waiting tickets at the start of each round. */
  preIssued: number;
  /** Open counters (with clerks) in the app's hall: what the estimates run over. */
  openCounters: number;
  rounds: number;
}

export interface IssuingRound extends Record<string, number> {
  ticketsPerSec: number;
  p50: number;
  p99: number;
  tickets: number;
}

export interface IssuingResult {
  backend: 'postgres' | 'pglite';
  options: IssuingOptions;
  app: IssuingRound;
  baseline: IssuingRound;
  appRounds: IssuingRound[];
  baselineRounds: IssuingRound[];
  appPool: number;
  baselinePool: number;
}

type Issue = (k: number) => Promise<unknown>;

export async function issuingRound(
  issue: Issue,
  o: { concurrency: number; tickets: number },
): Promise<IssuingRound> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await runWorkers(o.concurrency, async () => {
    for (let k = next++; k < o.tickets; k = next++) {
      const s = performance.now();
      await issue(k);
      latencies.push(performance.now() - s);
    }
  });
  const elapsed = performance.now() - t0;
  const l = latencyOf(latencies);
  return { ticketsPerSec: o.tickets / (elapsed / 1000), p50: l.p50, p99: l.p99, tickets: o.tickets };
}

function httpIssue(b: BenchApp, hall: BenchHall): Issue {
  // Walk-ins are refused (MATTER_UNSERVED) for a matter no counter lists; ask for the matters the
  // open counters serve, which is what the round then calls.
  const open = hall.matters.filter((m) => hall.counters.some((c) => c.cookie && c.matterIds.includes(m.id)));
  const matters = open.length ? open : hall.matters;
  return (k) =>
    b.http.expect(201, 'POST', `/api/v1/halls/${hall.hallId}/tickets`, {
      body: { matterId: matters[k % matters.length]!.id },
    });
}

function rawIssuer(r: SqlRunner, hall: BenchHall): Issue {
  return (k) => rawIssue(r, hall.hallId, hall.matters[k % hall.matters.length]!);
}

export async function benchIssuing(env: PgEnv | null, opts: IssuingOptions): Promise<IssuingResult> {
  const url = env ? await env.createDatabase() : undefined;
  const b = await startApp(url ? { databaseUrl: url } : {});
  const poolSize = b.handle.pool?.options.max ?? 1;
  const runner = url ? pgRunner(url, Math.min(opts.concurrency, poolSize)) : kyselyRunner(b.handle.db);
  try {
    const counters = Math.max(opts.openCounters, 1);
    const appHall = await setupHall(b, { code: 'is-app', counters, openCounters: opts.openCounters });
    const rawHall = await setupHall(b, { code: 'is-raw', counters, openCounters: 0 });
    const app = httpIssue(b, appHall);
    const raw = rawIssuer(runner, rawHall);
    const reset = async (hall: BenchHall, seed: number) => {
      await clearWaiting(b.handle.db, hall.hallId);
      await seedWaiting(b.handle.db, hall, opts.preIssued, { seed });
    };
    const o = { concurrency: opts.concurrency, tickets: opts.ticketsPerRound };
    for (const [issue, hall] of [
      [app, appHall],
      [raw, rawHall],
    ] as const) {
      await reset(hall, 99);
      await issuingRound(issue, { ...o, tickets: Math.min(o.tickets, 2 * o.concurrency) });
    }
    const appRounds: IssuingRound[] = [];
    const baselineRounds: IssuingRound[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const order = r % 2 === 0 ? (['app', 'raw'] as const) : (['raw', 'app'] as const);
      for (const which of order) {
        await reset(which === 'app' ? appHall : rawHall, r + 1);
        const res = await issuingRound(which === 'app' ? app : raw, o);
        (which === 'app' ? appRounds : baselineRounds).push(res);
      }
    }
    return {
      backend: b.kind,
      options: opts,
      app: medianOfRounds(appRounds),
      baseline: medianOfRounds(baselineRounds),
      appRounds,
      baselineRounds,
      appPool: poolSize,
      baselinePool: url ? Math.min(opts.concurrency, poolSize) : 1,
    };
  } finally {
    await runner.close();
    await b.close();
  }
}
