// A hall publishes its real week and the coming year's holidays from the console (issue 13):
// Saturday hours and a Thursday evening saved in the schedule tab give slots and walk-in tickets
// on those days; a dated evening is kept; the console warns about an unconfirmed year, keeps
// warning after a single override in it, and stops once the admin enters and confirms the
// State Council notice.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_2027 } from '../helpers/appointments.ts';
import { LANDSCAPE, openScreens, ServedApp, waitForText } from './harness.ts';

describe('the schedule tab', () => {
  let served: ServedApp;
  let browser: Browser;
  let admin: Page;
  let errors: string[];
  let cookie: string;

  beforeAll(async () => {
    const screens = await openScreens(LANDSCAPE);
    ({ served, browser } = screens);
    [admin] = screens.pages;
    errors = screens.errors[0]!;
    cookie = await served.login('admin');
    await admin.goto(`${served.url}/admin/#schedule`);
    await admin.fill('input[name=username]', 'admin');
    await admin.fill('input[name=password]', served.t.demo.passwords.admin!);
    await admin.click('[data-testid=sign-in]');
    await admin.waitForSelector('[data-testid=calendar-years]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const slots = (date: string) =>
    served.api<{ start: string }[]>(
      'GET',
      `/halls/${served.hallId}/slots?matterId=${served.t.demo.matters.E}&from=${date}&to=${date}`,
    );

  it('saves Saturday hours, a Thursday evening and a dated evening, and they take effect', async () => {
    expect(await slots('2026-11-21')).toEqual([]); // a Saturday, closed so far
    await admin.check('[data-testid=hours-6-on]');
    await admin.fill('[data-testid=hours-6-open]', '09:00');
    await admin.fill('[data-testid=hours-6-close]', '12:00');
    await admin.fill('[data-testid=hours-6-lunchStart]', '');
    await admin.fill('[data-testid=hours-6-lunchEnd]', '');
    await admin.fill('[data-testid=hours-4-close]', '19:00');
    await admin.click('[data-testid=add-date-hours]');
    await admin.fill('[data-testid=date-hours-0-date]', '2026-11-25');
    await admin.fill('[data-testid=date-hours-0-close]', '20:00');
    await admin.click('[data-testid=save-schedule]');
    await admin.waitForSelector('[data-testid=schedule-form] .status-ok');

    const s = await served.api<{
      hours: Record<string, { open: string; close: string } | null>;
      dateHours: object;
    }>('GET', `/halls/${served.hallId}/schedule`);
    expect(s.hours['6']).toMatchObject({ open: '09:00', close: '12:00' });
    expect(s.hours['4']).toMatchObject({ close: '19:00' });
    expect(s.dateHours).toEqual({ '2026-11-25': { open: '09:00', close: '20:00' } });

    const saturday = await slots('2026-11-21');
    expect(saturday.length).toBeGreaterThan(0);
    expect(saturday.every((x) => x.start >= '2026-11-21T09:00' && x.start < '2026-11-21T12:00')).toBe(true);
    expect((await slots('2026-11-19')).some((x) => x.start.startsWith('2026-11-19T18:'))).toBe(true);

    // Walk-ins on Saturday at 10:00 Beijing are issued; after the reload the form shows the hours.
    served.t.clock.set('2026-11-21T02:00:00Z');
    const gate = await served.api<{ matters: { available: boolean; reason: string | null }[] }>(
      'GET',
      `/halls/${served.hallId}/availability`,
    );
    expect(gate.matters.some((m) => m.available)).toBe(true);
    expect(gate.matters.every((m) => m.reason !== 'closed')).toBe(true);
    served.t.clock.set('2026-11-18T02:00:00Z');
    await admin.reload();
    await admin.waitForSelector('[data-testid=hours-6-on]:checked');
    expect(await admin.inputValue('[data-testid=hours-6-close]')).toBe('12:00');
    expect(await admin.inputValue('[data-testid=date-hours-0-close]')).toBe('20:00');
  });

  it('warns about 2027 until it is confirmed, not until an override exists', async () => {
    await waitForText(admin, '[data-testid=year-warning-2027]', '2027');
    expect(await admin.getAttribute('[data-testid=year-2027]', 'data-source')).toBe('unknown');

    // One national override in 2027 (元旦) does not end the warning.
    const res = await served.t.req('PUT', '/api/v1/calendar/overrides', {
      cookie,
      body: { overrides: [{ date: '2027-01-01', kind: 'holiday', note: '元旦' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    await admin.reload();
    await waitForText(admin, '[data-testid=year-warning-2027]', '尚未确认');
    expect(await admin.inputValue('[data-testid=notice-2027] [data-testid=days-off]')).toBe(
      '2027-01-01 元旦',
    );

    // A notice missing 元旦 is refused with what is wrong; the warning stays.
    const lines = NOTICE_2027.daysOff.map((d) => `${d.from}${d.to ? ` 至 ${d.to}` : ''} ${d.note}`);
    await admin.fill('[data-testid=days-off]', lines.slice(1).join('\n'));
    await admin.fill('[data-testid=workdays]', NOTICE_2027.workdays.map((w) => w.date).join('\n'));
    await admin.click('[data-testid=confirm-year]');
    await waitForText(admin, '[data-testid=notice-problems]', '2027-01-01');
    expect(await admin.$('[data-testid=year-warning-2027]')).not.toBeNull();

    // The whole notice: confirmed, the warning goes, 2027 is bookable.
    await admin.fill('[data-testid=days-off]', lines.join('\n'));
    await admin.click('[data-testid=confirm-year]');
    await admin.waitForSelector('[data-testid=year-2027][data-source=confirmed]');
    await admin.waitForSelector('[data-testid=year-warning-2027]', { state: 'detached' });
    const years = await served.api<{ years: { year: number; source: string }[] }>('GET', '/calendar/years');
    expect(years.years.find((y) => y.year === 2027)?.source).toBe('confirmed');
    expect(errors).toEqual([]);
  });
});
