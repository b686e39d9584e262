// Benchmark 4, issuing: C concurrent kiosks take tickets through POST /halls/:hallId/tickets
// (the answer carries the ticket's position and estimated wait), every round starting from the
// same waiting queue with the same counters open. Baseline: the raw SQL number-and-insert
// transaction (sql.ts rawIssue) with the same concurrency on an identical hall. Both driven from
// the load process (loadgen.ts); each round also times the no-op HTTP floor.
import { issuingRound, rawDriver, type HallRef, type IssuingRound } from './drivers.ts';
import type { BenchHall, PgEnv } from './env.ts';
import { clearWaiting, seedWaiting, setupHall, startApp } from './env.ts';
import { LoadProcess, type Target } from './loadgen.ts';
import { countStatements, type Statements } from './probe.ts';
import { profileWhile, type CpuShares } from './profile.ts';
import { kyselyRunner, pgRunner, rawIssue } from './sql.ts';
import { medianOfRounds } from './stats.ts';

export type { IssuingRound } from './drivers.ts';

export interface IssuingOptions {
  concurrency: number;
  ticketsPerRound: number;
  /** Waiting tickets at the start of each round. */
  preIssued: number;
  /** Open counters (with clerks) in the app's hall: what the estimates run over. */
  openCounters: number;
  rounds: number;
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
  /** The no-op HTTP request at the kiosks' concurrency (the HTTP floor), median of rounds. */
  floor: IssuingRound;
  /** Statements of one issue and of the baseline's transaction (PostgreSQL). */
  statements: Statements | null;
  /** The server process's CPU profile over one more hallq round, after the measured ones. */
  profile: CpuShares;
}

type Round = (o: { concurrency: number; tickets: number }) => Promise<IssuingRound>;

const remote =
  (load: LoadProcess, target: Target, hall: HallRef): Round =>
  (o) =>
    load.run<IssuingRound>('issuingRound', { target, hall, o });

export async function benchIssuing(env: PgEnv | null, opts: IssuingOptions): Promise<IssuingResult> {
  const url = env ? await env.createDatabase() : undefined;
  const b = await startApp(url ? { databaseUrl: url } : {});
  const load = await LoadProcess.start();
  const poolSize = b.handle.pool?.options.max ?? 1;
  const baselinePool = url ? Math.min(opts.concurrency, poolSize) : 1;
  try {
    const counters = Math.max(opts.openCounters, 1);
    const appHall = await setupHall(b, { code: 'is-app', counters, openCounters: opts.openCounters });
    const rawHall = await setupHall(b, { code: 'is-raw', counters, openCounters: 0 });
    const app = remote(load, { kind: 'http', baseUrl: b.baseUrl }, appHall);
    const raw: Round = url
      ? remote(load, { kind: 'pg', url, pool: baselinePool }, rawHall)
      : (o) => {
          const d = rawDriver(kyselyRunner(b.handle.db), rawHall);
          return issuingRound((k) => d.issue(k), o);
        };
    const floor: Round = (o) =>
      load.run<IssuingRound>('noopRound', {
        target: { kind: 'http', baseUrl: b.baseUrl },
        o: { concurrency: o.concurrency, requests: o.tickets },
      });
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
      await issue({ ...o, tickets: Math.min(o.tickets, 2 * o.concurrency) });
    }
    await floor(o);
    const appRounds: IssuingRound[] = [];
    const baselineRounds: IssuingRound[] = [];
    const floorRounds: IssuingRound[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const order = r % 2 === 0 ? (['app', 'raw'] as const) : (['raw', 'app'] as const);
      for (const which of order) {
        await reset(which === 'app' ? appHall : rawHall, r + 1);
        const res = await (which === 'app' ? app : raw)(o);
        (which === 'app' ? appRounds : baselineRounds).push(res);
      }
      floorRounds.push(await floor(o));
    }
    await reset(appHall, opts.rounds + 1);
    const profile = await profileWhile(`issuing-${b.kind}`, async () => {
      await app(o);
      return o.tickets;
    });
    let statements: Statements | null = null;
    if (url) {
      const local = pgRunner(url, 1);
      await local.one('select 1'); // the connection, outside the count
      const m = appHall.matters.find((x) =>
        appHall.counters.some((c) => c.cookie && c.matterIds.includes(x.id)),
      );
      statements = {
        app: await countStatements(() =>
          b.http.expect(201, 'POST', `/api/v1/halls/${appHall.hallId}/tickets`, {
            body: { matterId: m!.id },
          }),
        ),
        baseline: await countStatements(() => rawIssue(local, rawHall.hallId, rawHall.matters[0]!)),
      };
      await local.close();
    }
    return {
      backend: b.kind,
      options: opts,
      statements,
      app: medianOfRounds(appRounds),
      baseline: medianOfRounds(baselineRounds),
      appRounds,
      baselineRounds,
      appPool: poolSize,
      baselinePool,
      floor: medianOfRounds(floorRounds),
      profile,
    };
  } finally {
    await load.close();
    await b.close();
  }
}
