import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../server/src/domain/sim/rng.ts';
import type { Services } from '../../server/src/services.ts';
import { lunchBreakSource } from '../../server/src/tickets/lunch-history.ts';
import { QueueService, type QueueSnapshot } from '../../server/src/tickets/queue.service.ts';
import { makeTestApp, secondProcess, type TestApp } from '../helpers/app.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';

// Each server process keeps its halls' queues in memory, moved by the committed hall events
// (issue 19: an issue estimates without reading the queue back). These tests drive a hall
// through a long random day of every ticket action and compare, after each step, what the
// process holds with what a fresh read of the database gives: they must be the same, to the
// estimate.

/** What a snapshot says, in an order that does not depend on how it was built. */
function essence(s: QueueSnapshot) {
  return {
    seq: s.seq,
    tickets: [...s.tickets].sort((a, b) => a.id.localeCompare(b.id)),
    counters: s.counters.map((c) => ({ id: c.id, status: c.status, currentTicket: c.currentTicket })),
    estimates: [...s.estimates].sort(([a], [b]) => a.localeCompare(b)),
    byMatter: [...s.byMatter].sort(([a], [b]) => a.localeCompare(b)),
  };
}

/** A queue service that has never seen the hall: its snapshot is a fresh read. */
function freshQueue(t: TestApp, services: Services): QueueService {
  const q = new QueueService(t.handle.db, t.clock, services.halls, services.matters, services.counters);
  q.setPausedUntil((hallId, now) => services.schedule.lunchEndAt(hallId, now));
  q.setLunchBreak(
    lunchBreakSource(t.handle.db, (hallId, now) => services.schedule.lunchBreakAt(hallId, now)),
  );
  return q;
}

type Clerk = { cookie: string; counterId: string };

/** One random step of a hall's day through the API; the clock moves 5 to 30 s first. */
async function randomStep(t: TestApp, rng: () => number, clerks: Clerk[], manager: string): Promise<string> {
  t.clock.set(new Date(t.clock.now().getTime() + 5_000 + Math.floor(rng() * 25_000)));
  const prefixes = ['A', 'B', 'C', 'D', 'F'];
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)]!;
  const clerk = pick(clerks);
  const r = rng();
  const current = async () => {
    const c = (await t.req('GET', `/api/v1/counters/${clerk.counterId}`, { cookie: clerk.cookie })).json();
    return c.currentTicket as { id: string; status: string } | null;
  };
  if (r < 0.35) {
    await makeTicket(t, pick(prefixes));
    return 'issue';
  }
  if (r < 0.4) {
    await makeTicket(t, pick(prefixes), { cookie: manager, body: { class: 'green' } });
    return 'issue green';
  }
  if (r < 0.6) {
    await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk);
    return 'call-next';
  }
  const cur = await current();
  if (!cur) return 'idle';
  if (r < 0.7) {
    await t.req('POST', `/api/v1/tickets/${cur.id}/${cur.status === 'called' ? 'start' : 'finish'}`, clerk);
    return cur.status === 'called' ? 'start' : 'finish';
  }
  if (r < 0.75) {
    await t.req('POST', `/api/v1/tickets/${cur.id}/recall`, clerk);
    return 'recall';
  }
  if (r < 0.82 && cur.status === 'called') {
    await t.req('POST', `/api/v1/tickets/${cur.id}/no-show`, clerk);
    if (rng() < 0.5) await t.req('POST', `/api/v1/tickets/${cur.id}/requeue`, clerk);
    return 'no-show';
  }
  if (r < 0.9) {
    const to =
      rng() < 0.5 ? { counterId: pick(clerks).counterId } : { matterId: t.demo.matters[pick(prefixes)] };
    await t.req('POST', `/api/v1/tickets/${cur.id}/transfer`, { cookie: clerk.cookie, body: to });
    return 'transfer';
  }
  if (r < 0.95) {
    await t.req('POST', `/api/v1/tickets/${cur.id}/assisted`, { cookie: manager });
    return 'assisted';
  }
  const paused = (await t.req('POST', `/api/v1/counters/${clerk.counterId}/pause`, clerk)).statusCode === 200;
  if (paused) await t.req('POST', `/api/v1/counters/${clerk.counterId}/resume`, clerk);
  return 'pause';
}

describe('the queue each process keeps in memory', () => {
  let t: TestApp;
  let clerks: Clerk[];
  let manager: string;

  beforeAll(async () => {
    t = await makeTestApp('pglite');
    clerks = [
      await openCounter(t, 'clerk1', 1),
      await openCounter(t, 'clerk2', 3),
      await openCounter(t, 'clerk3', 7),
      await openCounter(t, 'clerk4', 5),
    ];
    manager = await t.login('manager');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers an issue from memory: the queue is not read back after the ticket commits', async () => {
    const queue = t.app.services.queue;
    await makeTicket(t, 'A'); // the first question reads the hall
    const reads = queue.reads;
    const tk = await makeTicket(t, 'A');
    const again = await makeTicket(t, 'B');
    expect(queue.reads).toBe(reads);
    expect(tk.ahead).toBeGreaterThanOrEqual(1);
    expect(again.estimatedWaitMinutes).not.toBeNull();
    // The same answer as a process that reads the hall now.
    const fresh = await freshQueue(t, t.app.services).estimateFor(t.demo.hallId, tk.id);
    expect({ ahead: tk.ahead, estimatedWaitMinutes: tk.estimatedWaitMinutes }).toEqual(fresh);
  });

  it('holds what a fresh read gives after every step of a random day', async () => {
    const rng = mulberry32(20261202);
    const steps: string[] = [];
    const reads = t.app.services.queue.reads;
    for (let i = 0; i < 120; i++) {
      steps.push(await randomStep(t, rng, clerks, manager));
      const held = await t.app.services.queue.snapshot(t.demo.hallId);
      const read = await freshQueue(t, t.app.services).snapshot(t.demo.hallId);
      expect(essence(held), `after step ${i}: ${steps.slice(-3).join(', ')}`).toEqual(essence(read));
    }
    // Most steps were answered from memory (reads: a pause, a new minute of state age).
    expect(t.app.services.queue.reads - reads).toBeLessThan(steps.length / 2);
    // The day covered every action the state follows.
    for (const s of ['issue', 'issue green', 'call-next', 'start', 'finish', 'recall', 'no-show', 'transfer'])
      expect(steps).toContain(s);
  }, 600_000);
});

// Two app instances on one PostgreSQL, as two server processes: what one does reaches the
// other's memory through the NOTIFY of each event, and the other answers as a fresh read would.
describe('the queue in memory of a second process', () => {
  let a: TestApp;
  let second: Awaited<ReturnType<typeof secondProcess>>;
  let b: Awaited<ReturnType<typeof secondProcess>>['app'];

  beforeAll(async () => {
    a = await makeTestApp('postgres');
    second = await secondProcess(a);
    b = second.app;
  });
  afterAll(async () => {
    await second?.close();
    await a?.close();
  });

  it('follows the other process’s steps', async () => {
    const clerks = [await openCounter(a, 'clerk1', 1), await openCounter(a, 'clerk3', 7)];
    const manager = await a.login('manager');
    const hallId = a.demo.hallId;
    const rng = mulberry32(7);
    await b.services.queue.snapshot(hallId); // b reads the hall once
    const reads = b.services.queue.reads;
    for (let i = 0; i < 40; i++) {
      const step = await randomStep(a, rng, clerks, manager);
      const seq = (
        await a.handle.db
          .selectFrom('halls')
          .select('event_seq')
          .where('id', '=', hallId)
          .executeTakeFirstOrThrow()
      ).event_seq;
      await vi.waitFor(() => expect(b.services.publisher.deliveredSeq(hallId)).toBe(seq), {
        timeout: 10_000,
      });
      const held = await b.services.queue.snapshot(hallId);
      const read = await freshQueue(a, b.services).snapshot(hallId);
      expect(essence(held), `after step ${i}: ${step}`).toEqual(essence(read));
    }
    expect(b.services.queue.reads - reads).toBeLessThan(20);
  }, 600_000);
});
