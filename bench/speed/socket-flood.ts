// Socket flood: REST latency for other clients while an anonymous Socket.IO client floods
// `subscribe` messages, against the same REST calls on the idle server measured in the same run.
// Target: p99 under flood within 2× of idle, and the flooder cut off.
//
//   npx tsx bench/speed/socket-flood.ts            # prints the rows
//
// The server (app and PGlite) runs in this process; the measuring client and the flooder each run
// in a load process of their own (load-child.ts, flooder.ts), so neither the flood's CPU nor the
// server's shares the timing client's event loop. The flooder floods with one socket at a time:
// cut off, it connects again and floods again, so the flood covers the whole measured round (one
// socket alone is cut off within a few milliseconds, and a round of it would time an idle server).
// Rounds alternate idle and flood (the order swapped every round, so a machine getting busier
// weighs on both); the p99 is of all the rounds' requests pooled (rounds × requests of them).
//
// bench/run.ts calls `benchSocketFlood()` and adds `socketFloodRows(result)` to its table
// (the row shape is bench/speed/report.ts's Row).
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../server/src/app.ts';
import { bootstrap } from '../../server/src/bootstrap.ts';
import { openDatabase } from '../../server/src/db/index.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { emptyTally, type FloodTally } from './flooder.ts';
import { LoadProcess, type Target } from './loadgen.ts';
import type { Row } from './report.ts';

export interface SocketFloodOptions {
  /** GET board requests, one after another, in each round. */
  requests: number;
  /** Idle rounds and flood rounds (as many of each). */
  rounds: number;
  /** Subscribe messages the flooder sends per event-loop turn, until it is cut off. */
  floodBatch: number;
}

export interface SocketFloodResult {
  options: SocketFloodOptions;
  idleP99Ms: number;
  floodP99Ms: number;
  idleP50Ms: number;
  floodP50Ms: number;
  /** Each round's p99, idle and under flood. */
  idleRoundP99Ms: number[];
  floodRoundP99Ms: number[];
  /** The flood over all rounds. */
  flood: FloodTally;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export async function benchSocketFlood(
  opts: SocketFloodOptions = { requests: 400, rounds: 5, floodBatch: 50 },
): Promise<SocketFloodResult> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(handle.db as never);
  const seeded = await bootstrap(handle.db, { adminPassword: 'bench-admin-2026', seedDemo: true });
  const app = await buildApp({ db: handle.db, secret: 'bench-secret-'.padEnd(48, 'x'), logLevel: 'silent' });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const target: Target = { kind: 'http', baseUrl };
  const hallId = seeded.hallId!;
  const [measurer, flooder] = await Promise.all([LoadProcess.start(), LoadProcess.start()]);
  const round = () =>
    measurer.run<number[]>('boardRound', { target, o: { hallId, requests: opts.requests } });
  const flooded = async () => {
    await flooder.run('floodStart', { target, o: { hallId, batch: opts.floodBatch } });
    try {
      return await round();
    } finally {
      const t = await flooder.run<FloodTally>('floodStop', { target });
      total.sockets += t.sockets;
      total.cutOff += t.cutOff;
      total.sent += t.sent;
      total.answeredOk += t.answeredOk;
      total.refused += t.refused;
      total.sentBeforeCutOff.push(...t.sentBeforeCutOff);
    }
  };
  const total = emptyTally();
  try {
    await round(); // warm-up
    const idle: number[][] = [];
    const flood: number[][] = [];
    for (let r = 0; r < opts.rounds; r++) {
      if (r % 2 === 0) {
        idle.push(await round());
        flood.push(await flooded());
      } else {
        flood.push(await flooded());
        idle.push(await round());
      }
    }
    const idleAll = sorted(idle.flat());
    const floodAll = sorted(flood.flat());
    return {
      options: opts,
      idleP50Ms: quantile(idleAll, 0.5),
      idleP99Ms: quantile(idleAll, 0.99),
      floodP50Ms: quantile(floodAll, 0.5),
      floodP99Ms: quantile(floodAll, 0.99),
      idleRoundP99Ms: idle.map((xs) => quantile(sorted(xs), 0.99)),
      floodRoundP99Ms: flood.map((xs) => quantile(sorted(xs), 0.99)),
      flood: total,
    };
  } finally {
    await Promise.all([measurer.close(), flooder.close()]);
    await app.close();
    await handle.close();
  }
}

const median = (xs: number[]) => quantile(sorted(xs), 0.5);
const ms = (xs: number[]) => xs.map((x) => `${x.toFixed(1)} ms`).join(' / ');

export function socketFloodRows(r: SocketFloodResult): Row[] {
  const ratio = r.floodP99Ms / r.idleP99Ms;
  const f = r.flood;
  // Every socket but the one we stopped at the end of each round was cut off by the server.
  const allCutOff = f.cutOff > 0 && f.cutOff >= f.sockets - r.options.rounds;
  const n = r.options.rounds * r.options.requests;
  return [
    {
      section: 'Socket flood',
      figure: `GET board p99 (of ${n}) while one socket at a time floods subscribe`,
      value: `${r.floodP99Ms.toFixed(1)} ms (p50 ${r.floodP50Ms.toFixed(1)})`,
      baseline: `${r.idleP99Ms.toFixed(1)} ms idle (p50 ${r.idleP50Ms.toFixed(1)})`,
      ratio: `${ratio.toFixed(2)}×`,
      target: '≤ 2× idle, flooder cut off',
      result: ratio <= 2 && allCutOff ? 'MET' : 'MISSED',
      rounds: `p99 ${ms(r.floodRoundP99Ms)} vs ${ms(r.idleRoundP99Ms)}`,
    },
    {
      section: 'Socket flood',
      figure: 'flooder cut off',
      value: f.cutOff
        ? `${f.cutOff} of ${f.sockets} sockets, after ${median(f.sentBeforeCutOff)} messages (median); ${f.answeredOk} of ${f.sent} answered ok`
        : 'never',
      baseline: '',
      ratio: '',
      target: '—',
      result: '—',
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchSocketFlood();
  for (const row of socketFloodRows(result))
    console.log(`${row.figure}: ${row.value} | baseline ${row.baseline} | ${row.ratio} | ${row.result}`);
  process.exit(0);
}
