// Where the server process's time goes while it serves a benchmark's requests: a V8 CPU profile
// of this process (the app runs here; the load generator and PostgreSQL are other processes),
// taken over one extra round after the measured ones so the profiler's cost stays out of the
// figures. Self time is summed by what the code belongs to (hallq's estimates, the rest of hallq,
// Kysely, pg, Fastify, …); "idle" is this process waiting (on the database, the network).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) by part of the code, over the profiled requests. */
export interface CpuShares {
  requests: number;
  /** Wall time profiled and the part of it this process was busy, ms. */
  totalMs: number;
  busyMs: number;
  /** Busy ms by part, largest first. */
  parts: { part: string; ms: number }[];
  /** Busy ms by function (hallq's and the libraries'), largest first, the first few. */
  functions: { fn: string; ms: number }[];
  /** How late the event loop ran its callbacks over the round (ms): every await in a request, a
   * transaction's next statement and its COMMIT included, waits this long on top of the database. */
  loopDelay: { p50: number; p99: number };
}

const PARTS: [RegExp, string][] = [
  [/\/server\/src\/domain\/(estimate|policy|sim)/, 'estimates and policy (server/src/domain)'],
  [/\/server\/src\//, 'hallq, the rest (server/src)'],
  [/node_modules\/kysely\//, 'Kysely'],
  [/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//, 'pg driver'],
  [/node_modules\/@electric-sql\/pglite\//, 'PGlite'],
  [
    /node_modules\/(fastify|@fastify\/[^/]+|find-my-way|avvio|light-my-request|fast-json-stringify|ajv|helmet|fast-uri|secure-json-parse|toad-cache|process-warning|abstract-logging|rfdc|fast-querystring)\//,
    'Fastify and its plugins',
  ],
  [/node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream)\//, 'logging (pino)'],
  [/node_modules\/zod\//, 'zod'],
  [/node_modules\/luxon\//, 'luxon'],
  [
    /node_modules\/(socket\.io|socket\.io-parser|socket\.io-adapter|engine\.io|engine\.io-parser|ws)\//,
    'Socket.IO',
  ],
  [/node_modules\//, 'other packages'],
  [/^node:|^internal\/|^$/, 'Node.js and V8 (HTTP, sockets, streams, timers, native)'],
];

function partOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'Node.js and V8 (HTTP, sockets, streams, timers, native)';
  for (const [re, part] of PARTS) if (re.test(url)) return part;
  return 'other';
}

/**
 * Profiles the process while `work` runs, and sums its self time by part. With BENCH_PROFILE_DIR
 * set, the whole profile is also written there as `<name>.cpuprofile` (open it in Chrome DevTools).
 */
export async function profileWhile(
  name: string,
  /** The profiled work; answers how many requests it made. */
  work: () => Promise<number>,
): Promise<CpuShares> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    let profile: Profile;
    let requests = 0;
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    try {
      requests = await work();
    } finally {
      delay.disable();
      ({ profile } = (await session.post('Profiler.stop')) as { profile: Profile });
      await session.post('Profiler.disable');
    }
    const dir = process.env.BENCH_PROFILE_DIR;
    if (dir) writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    return {
      ...summarise(profile, requests),
      loopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6 },
    };
  } finally {
    session.disconnect();
  }
}

export function summarise(profile: Profile, requests: number): Omit<CpuShares, 'loopDelay'> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // The profiler's own stop (node:inspector and what it calls) is not the server's work.
  const profiler = new Set<number>();
  const mark = (id: number) => {
    profiler.add(id);
    for (const c of byId.get(id)?.children ?? []) mark(c);
  };
  for (const n of profile.nodes) if (n.callFrame.url === 'node:inspector' && !profiler.has(n.id)) mark(n.id);
  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    if (profiler.has(id)) return;
    total += us;
    const node = byId.get(id);
    if (!node) return;
    const part = partOf(node);
    parts.set(part, (parts.get(part) ?? 0) + us);
    if (part === 'idle' || part === 'garbage collection') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^.*\/(node_modules|server\/src)\//, '').replace(/^file:\/\//, '');
    const fn = `${functionName || '(anonymous)'} (${where || 'native'}${url ? `:${lineNumber + 1}` : ''})`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  });
  const idle = parts.get('idle') ?? 0;
  parts.delete('idle');
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    requests,
    totalMs: total / 1000,
    busyMs: (total - idle) / 1000,
    parts: sorted(parts).map(([part, us]) => ({ part, ms: us / 1000 })),
    functions: sorted(fns)
      .slice(0, 5)
      .map(([fn, us]) => ({ fn, ms: us / 1000 })),
  };
}

/** "busy 62 % of the wall time, 3.1 ms a request: estimates 41 %, …" for a report row. */
export function describeShares(s: CpuShares, parts = 6): { value: string; functions: string } {
  const pct = (ms: number) => `${Math.round((100 * ms) / Math.max(s.busyMs, 1e-9))} %`;
  const perRequest = s.requests ? s.busyMs / s.requests : Number.NaN;
  return {
    value:
      `busy ${Math.round((100 * s.busyMs) / Math.max(s.totalMs, 1e-9))} % of ${(s.totalMs / 1000).toFixed(1)} s, ` +
      `${perRequest.toFixed(2)} ms CPU a request; of that: ` +
      s.parts
        .slice(0, parts)
        .map((p) => `${p.part} ${pct(p.ms)}`)
        .join(', ') +
      `; event loop late by p50 ${s.loopDelay.p50.toFixed(1)} ms, p99 ${s.loopDelay.p99.toFixed(1)} ms`,
    functions: s.functions.map((f) => `${f.fn} ${pct(f.ms)}`).join('; '),
  };
}
