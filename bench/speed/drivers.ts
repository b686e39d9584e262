// What the load process runs (load-child.ts): the clerks' call-next loop, the kiosks' issuing,
// the booking rush and the no-op HTTP floor, each against either the server over HTTP or the
// hand-written SQL of its baseline (sql.ts). Nothing here imports the server (only pure domain
// code): the load process stays a client.
import { randomBytes } from 'node:crypto';
import { idCheckDigit } from '../../server/src/domain/id-number.ts';
import type { HttpClient } from './http.ts';
import { rawBook, rawCallNext, rawIssue, rawStart, type SqlRunner } from './sql.ts';
import { latencyOf, runWorkers, sleep } from './stats.ts';

/** The part of a bench hall the load process needs (serializable). */
export interface HallRef {
  hallId: string;
  matters: { id: string; prefix: string }[];
  counters: { id: string; matterIds: string[]; cookie: string | null }[];
}

export interface Driver {
  callNext(i: number): Promise<string | null>;
  start(i: number, ticketId: string): Promise<void>;
  issue(k: number): Promise<unknown>;
}

export function httpDriver(http: HttpClient, hall: HallRef): Driver {
  const counter = (i: number) => {
    const c = hall.counters[i];
    if (!c?.cookie) throw new Error(`counter ${i + 1} has no clerk`);
    return c;
  };
  // Walk-ins are refused (MATTER_UNSERVED) for a matter no open counter lists: ask for the
  // matters the open counters serve.
  const open = hall.matters.filter((m) => hall.counters.some((c) => c.cookie && c.matterIds.includes(m.id)));
  const matters = open.length ? open : hall.matters;
  return {
    async callNext(i) {
      const c = counter(i);
      const res = await http.request('POST', `/api/v1/counters/${c.id}/call-next`, { cookie: c.cookie! });
      if (res.status === 204) return null;
      if (res.status !== 200) throw new Error(`call-next: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { id: string }).id;
    },
    async start(i, ticketId) {
      await http.expect(200, 'POST', `/api/v1/tickets/${ticketId}/start`, { cookie: counter(i).cookie! });
    },
    issue: (k) =>
      http.expect(201, 'POST', `/api/v1/halls/${hall.hallId}/tickets`, {
        body: { matterId: matters[k % matters.length]!.id },
      }),
  };
}

export function rawDriver(r: SqlRunner, hall: HallRef): Driver {
  return {
    callNext: (i) => rawCallNext(r, hall.hallId, hall.counters[i]!.id),
    start: (i, id) => rawStart(r, hall.hallId, hall.counters[i]!.id, id),
    issue: (k) => rawIssue(r, hall.hallId, hall.matters[k % hall.matters.length]!),
  };
}

export interface CallNextRound extends Record<string, number> {
  p50: number;
  p99: number;
  callsPerSec: number;
  calls: number;
  empty: number;
  issued: number;
}

export interface CallNextRoundOptions {
  clerks: number;
  calls: number;
  producerPerSec: number;
  maxRoundMs: number;
}

/** One round: every clerk makes `calls` successful calls (or the round times out). */
export async function callNextRound(driver: Driver, o: CallNextRoundOptions): Promise<CallNextRound> {
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

export interface IssuingRound extends Record<string, number> {
  ticketsPerSec: number;
  p50: number;
  p99: number;
  tickets: number;
}

/** `tickets` issues by `concurrency` kiosks at once. */
export async function issuingRound(
  issue: (k: number) => Promise<unknown>,
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

/** The HTTP floor: a no-op route through the same server, plugins and hooks. */
export async function noopRound(http: HttpClient, o: { concurrency: number; requests: number }) {
  return issuingRound(
    async () => {
      const r = await http.request('POST', '/bench/noop', { body: {} });
      if (r.status !== 200) throw new Error(`no-op: ${r.status}`);
    },
    { concurrency: o.concurrency, tickets: o.requests },
  );
}

export interface RushRound extends Record<string, number> {
  bookingsPerSec: number;
  rejectionsPerSec: number;
  successes: number;
  rejections: number;
  capacity: number;
  p99: number;
  other: number;
}

/** A booking rush: `attempts` bookers at once on the slots `starts` (attempt i on starts[i % n]). */
export interface RushSpec {
  hallId: string;
  matterId: string;
  starts: { start: string; end: string }[];
  capacity: number;
  attempts: number;
  /** First made-up resident's number (each attempt is a different person). */
  person: number;
}

/** A made-up resident: region 110105, a birth date in the past, a sequence number; valid check digit. */
export function resident(n: number): { name: string; idNumber: string; phone: string } {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return {
    name: '测试',
    idNumber: first17 + idCheckDigit(first17),
    phone: `139${String(n).padStart(8, '0')}`,
  };
}

export async function rush(
  s: RushSpec,
  book: (i: number) => Promise<'ok' | 'full' | 'other'>,
): Promise<RushRound> {
  let successes = 0;
  let rejections = 0;
  let other = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  await runWorkers(s.attempts, async (i) => {
    const t = performance.now();
    const r = await book(i);
    lat.push(performance.now() - t);
    if (r === 'ok') successes++;
    else if (r === 'full') rejections++;
    else other++;
  });
  const secs = (performance.now() - t0) / 1000;
  return {
    bookingsPerSec: successes / secs,
    rejectionsPerSec: rejections / secs,
    successes,
    rejections,
    capacity: s.capacity * s.starts.length,
    p99: latencyOf(lat).p99,
    other,
  };
}

export function httpBook(http: HttpClient, s: RushSpec) {
  return async (i: number): Promise<'ok' | 'full' | 'other'> => {
    const r = await http.request('POST', `/api/v1/halls/${s.hallId}/appointments`, {
      body: { matterId: s.matterId, start: s.starts[i % s.starts.length]!.start, ...resident(s.person + i) },
    });
    if (r.status === 201) return 'ok';
    if (r.status === 409 && (r.body as { error?: { code?: string } }).error?.code === 'SLOT_FULL')
      return 'full';
    return 'other';
  };
}

export function sqlBook(runner: SqlRunner, s: RushSpec) {
  return (i: number) => {
    const slot = s.starts[i % s.starts.length]!;
    return rawBook(runner, {
      hallId: s.hallId,
      matterId: s.matterId,
      start: slot.start,
      end: slot.end,
      capacity: s.capacity,
      idHash: randomBytes(32).toString('hex'),
      idMasked: '110105********0000',
      phoneEnc: randomBytes(40).toString('base64'),
    });
  };
}
