// Issue 14 in headless Chromium: the help desk (导服台) issues a ticket for a resident, finds it by
// number and reprints it and marks it 帮办, and books a slot for a resident; each is audited with
// the desk's staff member.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResident } from '../helpers/appointments.ts';
import { expectAccessible } from './axe.ts';
import { openScreens, printedAtLeast, ServedApp, waitForText } from './harness.ts';

describe('the help desk', () => {
  let served: ServedApp;
  let browser: Browser;
  let desk: Page;
  let errors: string[][];

  beforeAll(async () => {
    const screens = await openScreens({ width: 1366, height: 768 });
    ({ served, browser, errors } = screens);
    [desk] = screens.pages;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('issues and reprints a ticket, marks it 帮办, and books for a resident', async () => {
    await desk.goto(`${served.url}/counter/desk/`);
    await desk.fill('input[name=username]', 'clerk2');
    await desk.fill('input[name=password]', served.t.demo.passwords.clerk2!);
    await desk.click('[data-testid=sign-in]');
    await desk.waitForSelector('[data-testid=desk][data-state=ready]');
    await expectAccessible(desk, 'desk: ready');

    await desk.selectOption('[data-testid=desk-matter]', served.t.demo.matters.B!);
    await desk.selectOption('[data-testid=desk-category]', 'elderly');
    await desk.click('[data-testid=desk-issue]');
    await desk.waitForSelector('[data-testid=desk-ticket-number]');
    const number = (await desk.textContent('[data-testid=desk-ticket-number]'))!.trim();
    expect(number).toMatch(/^B\d{3}$/);
    expect(await printedAtLeast(desk, 1)).toBe(1);

    await desk.fill('[data-testid=desk-number]', number);
    await desk.click('[data-testid=desk-find]');
    await desk.waitForSelector(`[data-testid=found-${number}]`);
    await desk.click(`[data-testid=found-${number}] [data-testid=desk-reprint]`);
    expect(await printedAtLeast(desk, 2)).toBe(2);
    await desk.click(`[data-testid=found-${number}] [data-testid=desk-assist]`);
    await waitForText(desk, `[data-testid=found-${number}]`, '已帮办');
    await expectAccessible(desk, 'desk: ticket found');

    const resident = makeResident();
    await desk.waitForFunction(
      () => (document.querySelector('[data-testid=book-slot]') as HTMLSelectElement | null)?.value !== '',
    );
    await desk.fill('[data-testid=book-name]', resident.name);
    await desk.fill('[data-testid=book-id]', resident.idNumber);
    await desk.fill('[data-testid=book-phone]', resident.phone);
    await desk.click('[data-testid=book-submit]');
    await waitForText(desk, '[data-testid=book-done]', '预约码');
    await expectAccessible(desk, 'desk: booked');

    const tickets = await served.db.selectFrom('tickets').selectAll().where('number', '=', number).execute();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ channel: 'desk', priority_category: 'elderly', assisted: true });
    expect(await served.db.selectFrom('appointments').select('id').execute()).toHaveLength(1);
    const audit = await served.db
      .selectFrom('audit_log as a')
      .innerJoin('staff as s', 's.id', 'a.staff_id')
      .select(['a.route', 's.username'])
      .execute();
    const routes = audit.filter((a) => a.username === 'clerk2').map((a) => a.route);
    expect(routes).toEqual(
      expect.arrayContaining([
        '/api/v1/halls/:hallId/tickets',
        '/api/v1/tickets/:ticketId/reprint',
        '/api/v1/tickets/:ticketId/assisted',
        '/api/v1/halls/:hallId/appointments',
      ]),
    );
    expect(errors.flat()).toEqual([]);
  });
});
