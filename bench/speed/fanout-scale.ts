// Benchmark 3b, fan-out at scale (issue 19's growth curves): `halls` halls with `socketsPerHall`
// Socket.IO clients each (in a process of their own, as in fanout.ts), all on one server
// process. While the sockets connect, hall by hall, the server process's memory is read at
// each step (after a full GC): RSS and JS heap against the number of sockets, and per socket
// the growth from no sockets. Then the first clerk of each hall calls in turn, `callsPerSec`
// calls a second over all halls (call-next → start), and every `ticket.called` receipt is
// timed from its commit exactly as in fanout.ts. No baseline: the goal is absolute (≤ 100 ms).
import v8 from 'node:v8';
import vm from 'node:vm';
import type { BenchHall, PgEnv } from './env.ts';
import { seedWaiting, setupHall, startApp } from './env.ts';
import { callStream, ClientPool, probeCommits } from './fanout.ts';
import { type Row, sectionRows, verdict } from './report.ts';
import { latencyOf, ms, sleep } from './stats.ts';

export interface FanoutScaleOptions {
  halls: number;
  socketsPerHall: number;
  callsPerSec: number;
  /** Length of the measured stream (ms). */
  ms: number;
  /** Memory is read after this many halls' sockets each (and at the end). */
  memoryEvery: number;
}

export interface MemoryPoint {
  sockets: number;
  rss: number;
  heapUsed: number;
}

export interface FanoutScaleResult {
  options: FanoutScaleOptions;
  p50: number;
  p99: number;
  calls: number;
  receipts: number;
  missing: number;
  /** From no sockets to all of them, in steps. */
  memory: MemoryPoint[];
  /** Bytes per socket: growth from no sockets to all of them. */
  perSocket: { rss: number; heapUsed: number };
}

/** A full GC, so that heap readings are of live objects (the flag set at run time). */
function fullGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return gc;
}

async function memoryAt(sockets: number, gc: () => void): Promise<MemoryPoint> {
  await sleep(200); // let the handshakes' garbage become garbage
  gc();
  const m = process.memoryUsage();
  return { sockets, rss: m.rss, heapUsed: m.heapUsed };
}

export async function benchFanoutScale(env: PgEnv, o: FanoutScaleOptions): Promise<FanoutScaleResult> {
  const url = await env.createDatabase();
  const b = await startApp({ databaseUrl: url });
  let pool: ClientPool | null = null;
  try {
    const gc = fullGc();
    const halls: BenchHall[] = [];
    const perHall = Math.ceil((o.callsPerSec * (o.ms + 2000)) / 1000 / o.halls) + 5;
    for (let i = 0; i < o.halls; i++) {
      const hall = await setupHall(b, { code: `sc${i}`, matters: 2, counters: 1, openCounters: 1 });
      await seedWaiting(b.handle.db, hall, perHall, { spreadMinutes: 20, seed: i + 1 });
      halls.push(hall);
    }
    const pokes = probeCommits(b.app.services.publisher);
    pool = new ClientPool({ kind: 'socketio', url: b.baseUrl, hallId: halls[0]!.hallId });
    await pool.call('connect', { n: 0 }); // the client process is up: its own cost is not counted
    const memory = [await memoryAt(0, gc)];
    for (let i = 0; i < halls.length; i++) {
      await pool.call('connect', { n: o.socketsPerHall, hallId: halls[i]!.hallId });
      if ((i + 1) % o.memoryEvery === 0 || i === halls.length - 1)
        memory.push(await memoryAt((i + 1) * o.socketsPerHall, gc));
    }

    // Warm-up (one call per hall, at the same rate), then the measured stream.
    await callStream(b, halls, { callsPerSec: o.callsPerSec, ms: 0, minCalls: halls.length }, pokes);
    await sleep(300);
    await pool.call('collect');
    pokes.length = 0;
    const calls = await callStream(b, halls, { callsPerSec: o.callsPerSec, ms: o.ms }, pokes);
    await sleep(500); // let the last events land
    const receipts = new Map(await pool.call<[string, number[]][]>('collect'));
    const fromCommit: number[] = [];
    let missing = 0;
    for (const c of calls) {
      const got = receipts.get(c.id) ?? [];
      missing += Math.max(0, o.socketsPerHall - got.length);
      for (const t of got) fromCommit.push(t - c.commit);
    }
    const lat = latencyOf(fromCommit);
    const first = memory[0]!;
    const last = memory.at(-1)!;
    return {
      options: o,
      p50: lat.p50,
      p99: lat.p99,
      calls: calls.length,
      receipts: fromCommit.length,
      missing,
      memory,
      perSocket: {
        rss: (last.rss - first.rss) / Math.max(1, last.sockets),
        heapUsed: (last.heapUsed - first.heapUsed) / Math.max(1, last.sockets),
      },
    };
  } finally {
    await pool?.close();
    await b.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function fanoutScaleRows(r: FanoutScaleResult): Row[] {
  const o = r.options;
  const sockets = o.halls * o.socketsPerHall;
  return sectionRows(
    `3b. Fan-out at scale — ${o.halls} halls × ${o.socketsPerHall} Socket.IO clients (${sockets} sockets) on one server process, ${o.callsPerSec} calls/s over all halls`,
    [
      {
        figure: 'commit → receipt p99',
        value: ms(r.p99),
        target: '≤ 100 ms (#19)',
        result: verdict(r.p99 <= 100 && r.missing === 0),
      },
      { figure: 'commit → receipt p50', value: ms(r.p50) },
      {
        figure: 'ticket.called receipts missing',
        value: `${r.missing} of ${r.calls * o.socketsPerHall} (${r.calls} calls)`,
        target: '0',
        result: verdict(r.missing === 0),
      },
      {
        figure: 'server process memory against sockets (RSS / JS heap after a full GC)',
        value: r.memory.map((m) => `${m.sockets}: ${mb(m.rss)} / ${mb(m.heapUsed)}`).join('; '),
      },
      {
        figure: `memory per socket (growth from 0 to ${sockets} sockets, RSS / JS heap)`,
        value: `${kb(r.perSocket.rss)} / ${kb(r.perSocket.heapUsed)}`,
      },
    ],
  );
}
