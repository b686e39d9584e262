import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../server/src/auth/auth.service.ts';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket } from '../helpers/queue.ts';
import { act } from '../helpers/ratings.ts';
import { DAY, generateDay, local } from '../helpers/stats-day.ts';

// Statistics of closed days come from daily rollups (issue 19): on the hand-computed day they
// must give exactly what the computation from ticket_events gives, and still after more events
// of that day arrive once its rollup was built.

const GROUPS = ['matter', 'counter', 'clerk', 'hour'] as const;

describe.each(BACKENDS)('statistics rollups on %s', (backend) => {
  let t: TestApp;
  let admin: Staff;
  beforeAll(async () => {
    t = await makeTestApp(backend);
    await generateDay(t); // leaves the clock on the next morning: the day is closed
    const row = await t.handle.db
      .selectFrom('staff')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    admin = { id: row.id, username: row.username, name: row.name, role: row.role, hallId: row.hall_id };
  });
  afterAll(async () => t?.close());

  const report = (groupBy: (typeof GROUPS)[number], live: boolean, to = DAY) =>
    t.app.services.stats.report(t.demo.hallId, admin, { from: DAY, to, groupBy }, { live });
  const rolledUp = async () =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from stats_days where hall_id = ${t.demo.hallId}`.execute(t.handle.db)
    ).rows[0]!.n;

  it('gives the same figures from the rollup as from ticket_events, by every dimension', async () => {
    for (const groupBy of GROUPS) {
      const fromRollup = await report(groupBy, false);
      expect(fromRollup).toEqual(await report(groupBy, true));
    }
    expect(await rolledUp()).toBe(1);
    // the next day (today on the clock) is computed live beside the rolled-up day
    expect(await report('matter', false, '2026-11-19')).toEqual(await report('matter', true, '2026-11-19'));
    expect(await rolledUp()).toBe(1);
  });

  it('builds the rollup again when more events of the day arrive after it', async () => {
    const before = await report('matter', false);
    t.clock.set(local('12:00'));
    await makeTicket(t, 'A'); // one more ticket issued on the rolled-up day
    t.clock.set(local('09:00', '2026-11-19'));
    const after = await report('matter', false);
    expect(after.total.issued).toBe(before.total.issued! + 1);
    for (const groupBy of GROUPS) expect(await report(groupBy, false)).toEqual(await report(groupBy, true));
  });
  it('counts equal waits and service times of one day once each (a rollup row standing for several)', async () => {
    // Two tickets of the rolled-up day issued, called, started and finished at the same instants
    // at one counter: one wait row and one service row with n = 2 in the rollup.
    t.clock.set(local('13:00'));
    const clerk = { cookie: await t.login('clerk1'), counterId: t.demo.counters[1]! };
    const twins = [await makeTicket(t, 'A'), await makeTicket(t, 'A')];
    t.clock.set(local('13:05'));
    for (const ticket of twins) {
      const res = await t.req('POST', `/api/v1/counters/${clerk.counterId}/call`, {
        cookie: clerk.cookie,
        body: { ticketId: ticket.id },
      });
      expect(res.statusCode, res.body).toBe(200);
      await act(t, clerk, ticket.id, 'start');
      await act(t, clerk, ticket.id, 'finish');
    }
    t.clock.set(local('09:00', '2026-11-19'));
    for (const groupBy of GROUPS) expect(await report(groupBy, false)).toEqual(await report(groupBy, true));
    const kinds = await sql<{ kind: string }>`
      select distinct kind from stats_day_facts where hall_id = ${t.demo.hallId} and n > 1
        and kind in ('wait', 'service')`.execute(t.handle.db);
    expect(kinds.rows.map((r) => r.kind).sort()).toEqual(['service', 'wait']);
  });
  it('rolls up several days in one go with the same figures as from ticket_events', async () => {
    await sql`delete from stats_days where hall_id = ${t.demo.hallId}`.execute(t.handle.db);
    const range = (groupBy: (typeof GROUPS)[number], live: boolean) =>
      t.app.services.stats.report(t.demo.hallId, admin, { from: '2026-11-15', to: DAY, groupBy }, { live });
    for (const groupBy of GROUPS) expect(await range(groupBy, false)).toEqual(await range(groupBy, true));
    expect(await rolledUp()).toBe(4);
    expect((await range('matter', false)).total).toEqual((await report('matter', false)).total);
  });
});
