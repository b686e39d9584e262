import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { shanghai } from '../helpers/appointments.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';
import { act } from '../helpers/ratings.ts';

// A few served tickets on two past days, driven through the real API on the manual clock, then
// next week's staffing proposal from that history.
describe('staffing advisor (PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    for (const day of ['2026-11-16', '2026-11-17']) {
      t.clock.set(shanghai(`${day}T08:50`));
      const c1 = await openCounter(t, 'clerk1', 1);
      const c3 = await openCounter(t, 'clerk2', 3);
      for (const [i, [hhmm, prefix]] of (
        [
          ['09:00', 'A'],
          ['09:05', 'B'],
          ['09:10', 'A'],
          ['10:00', 'B'],
          ['10:20', 'A'],
        ] as const
      ).entries()) {
        t.clock.set(shanghai(`${day}T${hhmm}`));
        const tk = await makeTicket(t, prefix);
        const clerk = prefix === 'A' ? c1 : c3;
        const call = await t.req('POST', `/api/v1/counters/${clerk.counterId}/call`, {
          cookie: clerk.cookie,
          body: { ticketId: tk.id },
        });
        expect(call.statusCode, call.body).toBe(200);
        await act(t, clerk, tk.id, 'start');
        t.clock.set(new Date(shanghai(`${day}T${hhmm}`).getTime() + (6 + i) * 60_000));
        await act(t, clerk, tk.id, 'finish');
      }
      t.clock.set(shanghai(`${day}T17:00`));
      for (const c of [c1, c3])
        await t.req('POST', `/api/v1/counters/${c.counterId}/close`, { cookie: c.cookie });
    }
    t.clock.set(shanghai('2026-11-18T08:00'));
  });
  afterAll(async () => t?.close());

  it('proposes counters per hour and skills, each beside today’s configuration', async () => {
    const cookie = await t.login('manager');
    const res = await t.req(
      'GET',
      `/api/v1/halls/${t.demo.hallId}/staffing?targetShare=0.8&targetMinutes=15&maxMattersPerCounter=2&historyDays=7`,
      { cookie },
    );
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a.basedOn).toMatchObject({ days: 2, tickets: 10 });
    expect(a.hours.length).toBeGreaterThan(0);
    expect(a.hours[0].hour).toBe('09:00');
    for (const h of a.hours) {
      expect(h.proposedCounters).toBeGreaterThanOrEqual(1);
      expect(h.proposedCounters).toBeLessThanOrEqual(h.todayCounters);
    }
    for (const c of a.skills.counters) {
      expect(c.proposed.length).toBeGreaterThanOrEqual(1);
      expect(c.proposed.length).toBeLessThanOrEqual(2);
    }
    // Every matter with history is still served by some counter.
    const served = new Set(a.skills.counters.flatMap((c: { proposed: string[] }) => c.proposed));
    expect(served).toEqual(new Set([t.demo.matters.A, t.demo.matters.B]));
    for (const f of [
      a.skills.today,
      a.skills.proposed,
      a.skills.pooled,
      a.staffing.today,
      a.staffing.proposed,
    ])
      expect(
        Number.isFinite(f.meanWaitMinutes) && f.calledWithinTarget >= 0 && f.calledWithinTarget <= 1,
      ).toBe(true);
  });

  it('is for managers, checks its query, and needs history', async () => {
    const clerk = await t.login('clerk1');
    const url = `/api/v1/halls/${t.demo.hallId}/staffing`;
    expect((await t.req('GET', url, { cookie: clerk })).statusCode).toBe(403);
    const manager = await t.login('manager');
    const bad = await t.req('GET', `${url}?targetShare=2`, { cookie: manager });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    t.clock.set(shanghai('2026-12-30T08:00'));
    const later = await t.login('manager');
    const none = await t.req('GET', `${url}?historyDays=7`, { cookie: later });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('NOT_ENOUGH_HISTORY');
  });
});
