// A quick run of the benchmark harness with tiny sizes on the test PostgreSQL server (and
// PGlite): every benchmark produces its numbers, nothing is called twice, no event is missed,
// no slot is overbooked. Never a timing assertion: `npm run bench` measures, this only checks
// that it works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { benchBooking } from '../../bench/speed/booking.ts';
import { benchCallNext } from '../../bench/speed/call-next.ts';
import { PgEnv } from '../../bench/speed/env.ts';
import { benchFanout } from '../../bench/speed/fanout.ts';
import { benchIssuing } from '../../bench/speed/issuing.ts';
import { benchStatsHistory } from '../../bench/speed/stats-history.ts';
import {
  bookingRows,
  callNextRows,
  fanoutRows,
  issuingRows,
  markdownTable,
  statsHistoryRows,
} from '../../bench/speed/report.ts';

const finite = (...values: number[]) => values.every((v) => Number.isFinite(v));

// Generous time per test: the harness starts an app, a load process and halls with argon2 sign-ins,
// on a machine that may be busy with other work; nothing here is timed.
describe('benchmark harness (smoke run)', { timeout: 300_000 }, () => {
  let env: PgEnv;
  beforeAll(() => {
    env = new PgEnv(inject('pgAdminUrl'), { template: inject('pgTemplate') });
  });
  afterAll(async () => env?.close());

  it('runs call-next against its raw SQL baseline and counts no ticket called twice', async () => {
    const r = await benchCallNext(env, {
      clerks: 3,
      callsPerClerk: 3,
      preIssued: 20,
      producerPerSec: 5,
      rounds: 1,
    });
    expect(r.appRounds[0]!.calls).toBe(9);
    expect(r.baselineRounds[0]!.calls).toBe(9);
    expect(finite(r.app.p50, r.app.p99, r.app.callsPerSec, r.baseline.p99, r.baseline.callsPerSec)).toBe(
      true,
    );
    expect(r.doubleCalls).toEqual({ app: 0, baseline: 0 });
    expect(markdownTable(callNextRows(r))).toContain('call-next p99');
  });

  it('runs call-next on PGlite', async () => {
    const r = await benchCallNext(null, {
      clerks: 2,
      callsPerClerk: 2,
      preIssued: 10,
      producerPerSec: 2,
      rounds: 1,
    });
    expect(r.backend).toBe('pglite');
    expect(r.appRounds[0]!.calls).toBe(4);
    expect(r.doubleCalls).toEqual({ app: 0, baseline: 0 });
  });

  it('runs issuing against its raw SQL baseline', async () => {
    const r = await benchIssuing(env, {
      concurrency: 3,
      ticketsPerRound: 10,
      preIssued: 5,
      openCounters: 2,
      rounds: 1,
    });
    expect(r.appRounds[0]!.tickets).toBe(10);
    expect(finite(r.app.ticketsPerSec, r.baseline.ticketsPerSec, r.app.p99)).toBe(true);
    expect(issuingRows(r).map((row) => row.figure)).toEqual(
      expect.arrayContaining(['tickets/s', 'issue p50', 'issue p99']),
    );
    // the HTTP floor, timed in the same run from the load process
    expect(finite(r.floor.p50, r.floor.p99)).toBe(true);
  });

  it('fans out to Socket.IO clients and bare ws, and a reconnect with lastSeq misses nothing', async () => {
    const r = await benchFanout(env, {
      clients: 20,
      callsPerSec: 10,
      roundMs: 500,
      rounds: 1,
      drop: 5,
      awayMs: 300,
    });
    expect(r.app.receipts).toBeGreaterThan(0);
    expect(r.app.missing).toBe(0);
    expect(r.baseline.receipts).toBeGreaterThan(0);
    expect(finite(r.app.p50, r.app.p99, r.baseline.p99)).toBe(true);
    expect(r.replay).toMatchObject({ dropped: 5, reconnected: 5, missed: 0, duplicatesOrDisorder: 0 });
    expect(fanoutRows(r).length).toBeGreaterThan(3);
  });

  it('rushes a slot and a day of slots without going past capacity', async () => {
    const r = await benchBooking(env, { bookers: 16, capacity: 5, daySlots: 2, rounds: 1 });
    expect(bookingRows(r).length).toBeGreaterThan(0);
    if (r.skipped) return; // the appointments API is not in this build
    expect(r.slot.exact).toBe(true);
    expect(r.day.exact).toBe(true);
    expect(r.slot.appRounds[0]!.successes).toBe(5);
    expect(r.day.appRounds[0]!.successes).toBe(10);
    expect(finite(r.slot.app.bookingsPerSec, r.slot.baseline.bookingsPerSec)).toBe(true);
  });

  it('times statistics over rollups against the ticket_events computation, with equal totals', async () => {
    const r = await benchStatsHistory(env, { ticketsPerDay: 8, days: 10, rounds: 1 });
    expect(r.events).toBe(8 * 10 * 4);
    expect(r.same).toBe(true);
    expect(r.ranges.map((x) => x.tickets)).toEqual([56, 80, 80]);
    expect(finite(...r.ranges.flatMap((x) => [x.rollupMs, x.liveMs, x.firstMs]))).toBe(true);
    expect(markdownTable(statsHistoryRows(r))).toContain('rollups');
  });
});
