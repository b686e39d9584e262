// Statistics read the same hours as slots and issuing (issue 13): the report's open time over a
// week counts weekday hours less lunch, a Saturday, an evening given for one date, and no time
// on a closed date or a Sunday; served tickets per open hour follow from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTime } from '../../server/src/domain/hours.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { putSchedule } from '../helpers/appointments.ts';

const DAY = { open: '09:00', close: '17:00', lunchStart: '12:00', lunchEnd: '13:00' }; // 420 min

describe('the statistics count the hall’s open time from its hours', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await makeTestApp('pglite');
    await putSchedule(t, {
      hours: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY, 6: { open: '09:00', close: '12:00' }, 7: null },
      closedDates: ['2026-11-18'],
      dateHours: { '2026-11-19': { ...DAY, close: '19:00' } }, // 延时服务: 540 min
    });
  });
  afterAll(async () => t?.close());

  it('reports open days, minutes and served per open hour for a week', async () => {
    const manager = await t.login('manager');
    const res = await t.req(
      'GET',
      `/api/v1/halls/${t.demo.hallId}/stats?from=2026-11-16&to=2026-11-22&groupBy=matter`,
      { cookie: manager },
    );
    expect(res.statusCode, res.body).toBe(200);
    // Mon 420 + Tue 420 + Wed closed + Thu 540 + Fri 420 + Sat 180 + Sun none.
    expect(res.json().opening).toEqual({ days: 5, minutes: 1980, servedPerOpenHour: 0 });
  });

  it('counts nothing on holidays and follows the weekday in a year not yet confirmed', () => {
    const h = {
      hours: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY },
      calendar: { closedDates: [], extraWorkingDays: [], overrides: [] },
    };
    // 2026-10-01..07 国庆节 (holidays), 2026-10-10 a Saturday 调休 working day.
    expect(openTime('2026-10-01', '2026-10-07', h)).toEqual({ days: 0, minutes: 0 });
    expect(openTime('2026-10-10', '2026-10-10', h)).toEqual({ days: 1, minutes: 420 });
    // 2027 is unknown: walk-ins still follow the weekday hours (Friday 2027-01-08).
    expect(openTime('2027-01-08', '2027-01-08', h)).toEqual({ days: 1, minutes: 420 });
  });
});
