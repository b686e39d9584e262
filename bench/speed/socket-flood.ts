// Socket flood: REST latency for other clients while one anonymous Socket.IO client floods
// `subscribe` messages, against the same REST calls on the idle server measured in the same run.
// Target: p99 under flood within 2× of idle, and the flooder cut off.
//
//   npx tsx bench/speed/socket-flood.ts            # prints the rows
//
// bench/run.ts can call `benchSocketFlood()` and add `socketFloodRows(result)` to its table
// (the row shape is bench/speed/report.ts's Row).
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { buildApp } from '../../server/src/app.ts';
import { bootstrap } from '../../server/src/bootstrap.ts';
import { openDatabase } from '../../server/src/db/index.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { HttpClient } from './http.ts';
import type { Row } from './report.ts';

export interface SocketFloodOptions {
  /** REST calls measured in each phase. */
  requests: number;
  /** Subscribe messages the flooder sends per event-loop turn, until it is cut off. */
  floodBatch: number;
}

export interface SocketFloodResult {
  idleP99Ms: number;
  floodP99Ms: number;
  idleP50Ms: number;
  floodP50Ms: number;
  /** Messages the flooder sent before the server disconnected it (null: never cut off). */
  sentBeforeCutOff: number | null;
  answeredOk: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export async function benchSocketFlood(
  opts: SocketFloodOptions = { requests: 400, floodBatch: 50 },
): Promise<SocketFloodResult> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(handle.db as never);
  const seeded = await bootstrap(handle.db, { adminPassword: 'bench-admin-2026', seedDemo: true });
  const app = await buildApp({ db: handle.db, secret: 'bench-secret-'.padEnd(48, 'x'), logLevel: 'silent' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const hallId = seeded.hallId!;
  const http = new HttpClient(base);
  const measure = async () => {
    const times: number[] = [];
    for (let i = 0; i < opts.requests; i++) {
      const started = performance.now();
      const res = await http.request('GET', `/api/v1/halls/${hallId}/board`);
      if (res.status !== 200) throw new Error(`board answered ${res.status}`);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b);
  };
  try {
    await measure(); // warm-up
    const idle = await measure();

    const flooder = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      flooder.on('connect', () => resolve());
      flooder.on('connect_error', reject);
    });
    let sent = 0;
    let answeredOk = 0;
    let cutOffAt: number | null = null;
    flooder.on('disconnect', () => (cutOffAt = sent));
    const flood = setInterval(() => {
      if (!flooder.connected) return;
      for (let i = 0; i < opts.floodBatch; i++) {
        sent++;
        flooder.emit('subscribe', { hallId }, (a: { ok: boolean }) => {
          if (a.ok) answeredOk++;
        });
      }
    }, 0);
    const flooded = await measure();
    clearInterval(flood);
    flooder.disconnect();
    return {
      idleP50Ms: quantile(idle, 0.5),
      idleP99Ms: quantile(idle, 0.99),
      floodP50Ms: quantile(flooded, 0.5),
      floodP99Ms: quantile(flooded, 0.99),
      sentBeforeCutOff: cutOffAt,
      answeredOk,
    };
  } finally {
    http.agent.destroy();
    await app.close();
    await handle.close();
  }
}

export function socketFloodRows(r: SocketFloodResult): Row[] {
  const ratio = r.floodP99Ms / r.idleP99Ms;
  return [
    {
      section: 'Socket flood',
      figure: 'GET board p99 while one socket floods subscribe',
      value: `${r.floodP99Ms.toFixed(1)} ms (p50 ${r.floodP50Ms.toFixed(1)})`,
      baseline: `${r.idleP99Ms.toFixed(1)} ms idle (p50 ${r.idleP50Ms.toFixed(1)})`,
      ratio: `${ratio.toFixed(2)}×`,
      target: '≤ 2× idle, flooder cut off',
      result: ratio <= 2 && r.sentBeforeCutOff !== null ? 'MET' : 'MISSED',
    },
    {
      section: 'Socket flood',
      figure: 'flooder cut off after',
      value:
        r.sentBeforeCutOff === null
          ? 'never'
          : `${r.sentBeforeCutOff} messages (${r.answeredOk} answered ok)`,
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
