// Benchmark 3, fan-out: N Socket.IO clients (websocket transport) subscribed to one hall while a
// clerk calls the next ticket at a steady rate over HTTP (call-next → start, so each call also
// finishes the previous ticket: three hall events per call). Latency of every `ticket.called`
// receipt, measured from the commit of its transaction (the moment the service pokes the event
// publisher, which it does right after COMMIT returns: a measuring probe wraps `poke`) and, as an
// upper bound, from just before the call-next request was sent. Baseline: a bare `ws` server
// broadcasting the same three payloads per call to N bare `ws` clients, from just before the send
// loop. The clients of both run in a process of their own (fanout-clients.mjs) and timestamp a
// receipt identically (in the message handler, after decoding). Then some clients are dropped mid-stream and come back with {hallId, lastSeq}: every seq
// after their last one must arrive exactly once, in order.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { WebSocketServer } from 'ws';
import type { BenchApp, BenchHall, PgEnv } from './env.ts';
import { seedWaiting, setupHall, startApp } from './env.ts';
import { profileWhile, type CpuShares } from './profile.ts';
import { latencyOf, medianOfRounds, sleep } from './stats.ts';

export interface FanoutOptions {
  clients: number;
  callsPerSec: number;
  /** Length of one measured round (ms). */
  roundMs: number;
  rounds: number;
  /** Clients dropped and reconnected in the replay check. */
  drop: number;
  /** How long the dropped clients stay away (ms). */
  awayMs?: number;
}

export interface FanoutRound extends Record<string, number> {
  /** From commit (the publisher poke after COMMIT) to receipt. */
  p50: number;
  p99: number;
  /** From just before the call-next request was sent to receipt: an upper bound. */
  upperP50: number;
  upperP99: number;
  /** From the call-next HTTP answer to receipt (negative when the event came first). */
  afterAnswerP50: number;
  calls: number;
  receipts: number;
  missing: number;
}

export interface BaselineRound extends Record<string, number> {
  p50: number;
  p99: number;
  messages: number;
  receipts: number;
}

export interface FanoutResult {
  options: FanoutOptions;
  app: FanoutRound;
  baseline: BaselineRound;
  appRounds: FanoutRound[];
  baselineRounds: BaselineRound[];
  replay: {
    dropped: number;
    reconnected: number;
    /** Seqs a client should have had and did not (summed over clients): must be 0. */
    missed: number;
    /** Seqs received twice or out of order (summed over clients): must be 0. */
    duplicatesOrDisorder: number;
    /** Events the stream carried while the dropped clients were away. */
    eventsWhileAway: number;
  };
  /** Whether the optional native add-on of ws was loaded. */
  wsNative: { bufferutil: boolean };
  /** The server process's CPU profile over one more hallq round, after the measured ones. */
  profile?: CpuShares;
}

interface HallEventMsg {
  hallId: string;
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** Absolute milliseconds, comparable with the client worker's. */
export const now = () => performance.timeOrigin + performance.now();

/** A pool of clients in a process of its own, driven by messages. */
export class ClientPool {
  private readonly worker: ChildProcess;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(data: { kind: 'socketio' | 'ws'; url: string; hallId?: string }) {
    this.worker = fork(fileURLToPath(new URL('./fanout-clients.mjs', import.meta.url)), [], {
      execArgv: [],
      env: { ...process.env, FANOUT_CLIENTS: JSON.stringify(data) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) w?.resolve(m.result);
      else w?.reject(new Error(m.error));
    });
    this.worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.send({ id, cmd, ...args });
    });
  }

  async close(): Promise<void> {
    await this.call('close').catch(() => {});
    if (this.worker.exitCode !== null || this.worker.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.worker.once('exit', () => r()));
    this.worker.kill();
    await exited;
  }
}

/**
 * Measuring probe: the times of the publisher's pokes after a local COMMIT (the commit hook pokes
 * right after COMMIT returns).
 */
export function probeCommits(publisher: BenchApp['app']['services']['publisher']): number[] {
  const pokes: number[] = [];
  const poke = publisher.poke.bind(publisher);
  publisher.poke = (...args: Parameters<typeof poke>) => {
    if (args[1]?.local) pokes.push(now());
    poke(...args);
  };
  return pokes;
}

/**
 * A clerk calling at a steady rate (with several halls, their first clerks in turn); per call:
 * send time, commit time, answer time, ticket.
 */
export async function callStream(
  b: BenchApp,
  halls: BenchHall | readonly BenchHall[],
  o: { callsPerSec: number; ms: number; minCalls?: number },
  pokes: number[],
  onCall?: (k: number) => Promise<void> | void,
) {
  const list = Array.isArray(halls) ? halls : [halls as BenchHall];
  const interval = 1000 / o.callsPerSec;
  const t0 = performance.now();
  const calls: { id: string; sent: number; commit: number; answer: number }[] = [];
  // At least `minCalls` calls however slow the machine (the replay's steps are counted in calls).
  for (let k = 0; performance.now() - t0 < o.ms || k < (o.minCalls ?? 0); k++) {
    const wait = t0 + k * interval - performance.now();
    if (wait > 0) await sleep(wait);
    await onCall?.(k);
    const counter = list[k % list.length]!.counters[0]!;
    const sent = now();
    const res = await b.http.request('POST', `/api/v1/counters/${counter.id}/call-next`, {
      cookie: counter.cookie!,
    });
    const answer = now();
    if (res.status !== 200) throw new Error(`call-next: ${res.status} ${JSON.stringify(res.body)}`);
    const id = (res.body as { id: string }).id;
    const commit = pokes.find((p) => p >= sent && p <= answer) ?? Number.NaN;
    calls.push({ id, sent, commit, answer });
    await b.http.expect(200, 'POST', `/api/v1/tickets/${id}/start`, { cookie: counter.cookie! });
  }
  return calls;
}

async function appRound(
  b: BenchApp,
  hall: BenchHall,
  pool: ClientPool,
  o: FanoutOptions,
  pokes: number[],
): Promise<FanoutRound> {
  await pool.call('collect');
  pokes.length = 0;
  const calls = await callStream(b, hall, { callsPerSec: o.callsPerSec, ms: o.roundMs }, pokes);
  await sleep(300); // let the last events land
  const receipts = new Map(await pool.call<[string, number[]][]>('collect'));
  const fromCommit: number[] = [];
  const upper: number[] = [];
  const afterAnswer: number[] = [];
  let missing = 0;
  for (const c of calls) {
    const got = receipts.get(c.id) ?? [];
    missing += Math.max(0, o.clients - got.length);
    for (const t of got) {
      fromCommit.push(t - c.commit);
      upper.push(t - c.sent);
      afterAnswer.push(t - c.answer);
    }
  }
  const lat = latencyOf(fromCommit);
  const up = latencyOf(upper);
  return {
    p50: lat.p50,
    p99: lat.p99,
    upperP50: up.p50,
    upperP99: up.p99,
    afterAnswerP50: latencyOf(afterAnswer).p50,
    calls: calls.length,
    receipts: fromCommit.length,
    missing,
  };
}

/** A bare `ws` server broadcasting the same payloads to bare `ws` clients (in a worker). */
async function startWsBaseline(o: FanoutOptions): Promise<{
  round(payloads: HallEventMsg[]): Promise<BaselineRound>;
  close(): Promise<void>;
}> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const { port } = wss.address() as AddressInfo;
  const pool = new ClientPool({ kind: 'ws', url: `ws://127.0.0.1:${port}` });
  await pool.call('connect', { n: o.clients });
  let seq = 0;
  return {
    async round(payloads) {
      await pool.call('collect');
      const sentAt = new Map<number, number>();
      const interval = 1000 / o.callsPerSec;
      const t0 = performance.now();
      for (let k = 0; performance.now() - t0 < o.roundMs; k++) {
        const wait = t0 + k * interval - performance.now();
        if (wait > 0) await sleep(wait);
        // finish, call and start of one call, as the hall's log carries them
        for (const p of payloads) {
          const msg = JSON.stringify({ ...p, seq: ++seq, at: new Date().toISOString() });
          if (p.type === 'ticket.called') sentAt.set(seq, now());
          for (const client of wss.clients) client.send(msg);
          if (p.type === 'ticket.called') await sleep(0); // the start comes in a later request
        }
      }
      await sleep(300);
      const got = new Map(await pool.call<[number, number[]][]>('collect'));
      const lat: number[] = [];
      for (const [s, t] of sentAt) for (const x of got.get(s) ?? []) lat.push(x - t);
      const l = latencyOf(lat);
      return { p50: l.p50, p99: l.p99, messages: sentAt.size, receipts: lat.length };
    },
    async close() {
      await pool.close();
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

function wsNativeLoaded(): { bufferutil: boolean } {
  if (process.env.WS_NO_BUFFER_UTIL) return { bufferutil: false };
  try {
    // resolvable next to ws → loaded by it
    createRequire(import.meta.url).resolve('bufferutil');
    return { bufferutil: true };
  } catch {
    return { bufferutil: false };
  }
}

/** One call's three events (finish, call, start) as a subscriber receives them. */
async function samplePayloads(b: BenchApp, hall: BenchHall, afterSeq: number): Promise<HallEventMsg[]> {
  const sample: HallEventMsg[] = [];
  const socket = io(b.baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('event', (e: HallEventMsg) => sample.push(e));
  await new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(null));
    socket.once('connect_error', reject);
  });
  await socket.timeout(30_000).emitWithAck('subscribe', { hallId: hall.hallId, lastSeq: afterSeq });
  await sleep(200);
  socket.disconnect();
  const called = sample.find((e) => e.type === 'ticket.called');
  const updated = sample.filter((e) => e.type === 'ticket.updated');
  return called && updated[0] ? [updated[0], called, updated[updated.length - 1]!] : sample.slice(0, 3);
}

export async function benchFanout(env: PgEnv, o: FanoutOptions): Promise<FanoutResult> {
  const url = await env.createDatabase();
  const b = await startApp({ databaseUrl: url });
  let pool: ClientPool | null = null;
  try {
    // Two matters, both served by the calling counter: every waiting ticket is eligible.
    const hall = await setupHall(b, { code: 'fan', matters: 2, counters: 2, openCounters: 1 });
    const away = o.awayMs ?? 1000;
    const ms = 1000 + (o.rounds + 1) * o.roundMs + away + 2000;
    await seedWaiting(b.handle.db, hall, Math.ceil((o.callsPerSec * ms) / 1000) + 50, { spreadMinutes: 20 });
    const publisher = b.app.services.publisher;
    const pokes = probeCommits(publisher);
    pool = new ClientPool({ kind: 'socketio', url: b.baseUrl, hallId: hall.hallId });
    const froms = await pool.call<number[]>('connect', { n: o.clients });
    // Warm-up, and one call's three events as the payloads of the baseline.
    await callStream(b, hall, { callsPerSec: o.callsPerSec, ms: 500 }, pokes);
    const payloads = await samplePayloads(b, hall, Math.max(...froms));

    // Rounds alternate with the baseline's (both sets of clients stay connected), so the noise
    // of a shared machine hits both alike.
    const ws = await startWsBaseline(o);
    const appRounds: FanoutRound[] = [];
    const base: BaselineRound[] = [];
    try {
      await ws.round(payloads); // warm-up
      for (let r = 0; r < o.rounds; r++) {
        if (r % 2 === 0) {
          appRounds.push(await appRound(b, hall, pool, o, pokes));
          base.push(await ws.round(payloads));
        } else {
          base.push(await ws.round(payloads));
          appRounds.push(await appRound(b, hall, pool, o, pokes));
        }
      }
    } finally {
      await ws.close();
    }
    // One more hallq round under the profiler: what the server process does while it fans out.
    const profile = await profileWhile('fanout', async () => {
      const r = await appRound(b, hall, pool!, o, pokes);
      return r.calls * 2; // each call is a call-next and a start over HTTP
    });

    // Replay: drop some clients mid-stream, bring them back with their last seq.
    let lastSeqBefore = 0;
    let seqAtReturn = 0;
    let back: Promise<number> | null = null;
    const dropAt = Math.round((500 * o.callsPerSec) / 1000);
    const returnAt = Math.round(((500 + away) * o.callsPerSec) / 1000);
    const stream = { callsPerSec: o.callsPerSec, ms: away + 2000, minCalls: returnAt + 5 };
    await callStream(b, hall, stream, pokes, async (k) => {
      if (k === dropAt) lastSeqBefore = await pool!.call<number>('drop', { n: o.drop });
      if (k === returnAt) {
        seqAtReturn = publisher.deliveredSeq(hall.hallId);
        back = pool!.call<number>('reconnect'); // in the background while the stream goes on
      }
    });
    const reconnected = back ? await back : 0;
    await sleep(500);
    await publisher.settle();
    await sleep(300);
    const final = (
      await b.handle.db
        .selectFrom('halls')
        .select('event_seq')
        .where('id', '=', hall.hallId)
        .executeTakeFirstOrThrow()
    ).event_seq;
    let missed = 0;
    let disorder = 0;
    for (const c of await pool.call<{ from: number; seqs: number[] }[]>('seqs')) {
      const distinct = new Set(c.seqs.filter((s) => s > c.from && s <= final));
      missed += final - c.from - distinct.size;
      // a seq not after the previous one: received twice, or out of order
      for (let i = 0; i < c.seqs.length; i++) if (c.seqs[i]! <= (i ? c.seqs[i - 1]! : c.from)) disorder++;
    }
    return {
      options: o,
      app: medianOfRounds(appRounds),
      baseline: medianOfRounds(base),
      appRounds,
      baselineRounds: base,
      replay: {
        dropped: o.drop,
        reconnected,
        missed,
        duplicatesOrDisorder: disorder,
        eventsWhileAway: seqAtReturn - lastSeqBefore,
      },
      wsNative: wsNativeLoaded(),
      profile,
    };
  } finally {
    await pool?.close();
    await b.close();
  }
}
