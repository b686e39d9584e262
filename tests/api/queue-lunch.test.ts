// The estimates expect the lunch break ahead (issue 18): an open counter whose clerk goes to lunch
// calls no one between the schedule's break start and end, unless the hall's history shows it
// serving through the break. Demo hall: weekdays 09:00–17:00, lunch 12:00–13:30 (Beijing); counter
// 1 serves only A (8 minutes).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { makeTestApp } from '../helpers/app.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';

describe('estimates before the lunch break', () => {
  it('tells a ticket issued shortly before the break that it waits until the break ends', async () => {
    const t = await makeTestApp('pglite', { clock: new ManualClock(new Date('2026-11-18T03:55:00Z')) }); // 11:55
    try {
      await openCounter(t, 'clerk1', 1);
      const first = await makeTicket(t, 'A');
      expect(first.estimatedWaitMinutes).toBe(0);
      // Behind it: counter 1 is free again at 12:03, inside the break, so it calls at 13:30.
      const second = await makeTicket(t, 'A');
      expect(second.estimatedWaitMinutes).toBe(95);
    } finally {
      await t.close();
    }
  });

  it('counts on a counter that served through the break on an earlier day', async () => {
    const t = await makeTestApp('pglite', { clock: new ManualClock(new Date('2026-11-17T04:30:00Z')) }); // 12:30 the day before
    try {
      const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
      const yesterday = await makeTicket(t, 'A');
      const call = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
      expect(call.json().id).toBe(yesterday.id);
      await t.req('POST', `/api/v1/tickets/${yesterday.id}/start`, { cookie });
      await t.req('POST', `/api/v1/tickets/${yesterday.id}/finish`, { cookie });
      t.clock.set('2026-11-18T03:55:00Z'); // 11:55 the next day
      await makeTicket(t, 'A');
      const second = await makeTicket(t, 'A');
      expect(second.estimatedWaitMinutes).toBeLessThan(15);
    } finally {
      await t.close();
    }
  });
});

describe('transfers expected by the estimates', () => {
  it('reads tickets transferred into a matter over the last hour as arrivals that jump ahead', async () => {
    const t = await makeTestApp('pglite', { clock: new ManualClock(new Date('2026-11-18T02:00:00Z')) }); // 10:00
    try {
      const one = await openCounter(t, 'clerk1', 1);
      const a1 = await makeTicket(t, 'A');
      await t.req('POST', `/api/v1/counters/${one.counterId}/call-next`, one);
      await t.req('POST', `/api/v1/tickets/${a1.id}/start`, one);
      const moved = await t.req('POST', `/api/v1/tickets/${a1.id}/transfer`, {
        cookie: one.cookie,
        body: { matterId: t.demo.matters.D },
      });
      expect(moved.statusCode).toBe(200);
      t.clock.set('2026-11-18T02:10:00Z');
      // What the process holds (moved by the transfer's event) and what a read of the hall gives.
      const transfers = async () =>
        (await t.app.services.queue.current(t.demo.hallId)).inputs(t.clock.now().getTime()).priorityRecent
          .transfers;
      expect(await transfers()).toEqual([{ matterId: t.demo.matters.D, n: 1 }]);
      t.app.services.queue.invalidate(t.demo.hallId);
      expect(await transfers()).toEqual([{ matterId: t.demo.matters.D, n: 1 }]);
      t.clock.set('2026-11-18T03:30:00Z'); // over an hour later: out of the window
      expect(await transfers()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
