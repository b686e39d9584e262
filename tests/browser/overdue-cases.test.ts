// Overdue 差评 cases stand out (issue 15, two deadlines): a case not followed up (回访核实) by its
// follow-up day, or not rectified (整改反馈) by its due day, is marked in the manager's ledger,
// can be filtered there, and raises a banner on the live floor until it is handled.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCounter } from '../helpers/queue.ts';
import { rate, servedTicket } from '../helpers/ratings.ts';
import { expectAccessible } from './axe.ts';
import { LANDSCAPE, openScreens, ServedApp, waitForText } from './harness.ts';

describe('overdue 差评 cases in the ledger and on the floor', () => {
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let manager: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    const screens = await openScreens(LANDSCAPE);
    ({ served, browser } = screens);
    [page] = screens.pages;
    errors = screens.errors[0]!;
    const t = served.t;
    manager = await served.login('manager');
    // Wednesday 2026-11-18: follow up within 1 working day (11-19), rectify within 3 (11-23).
    const put = await t.req('PUT', `/api/v1/halls/${served.hallId}/rating-rules`, {
      cookie: manager,
      body: { followUpWorkingDays: 1, rectifyWorkingDays: 3 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const clerk = await openCounter(t, 'clerk1', 1);
    for (let i = 0; i < 2; i++) {
      const ticket = await servedTicket(t, clerk);
      expect((await rate(t, ticket, { score: 1, reasons: ['服务态度'] })).statusCode).toBe(201);
    }
    const ledger = await served.api<{ complaints: { id: string; ticketNumber: string }[] }>(
      'GET',
      `/halls/${served.hallId}/complaints`,
      undefined,
      manager,
    );
    for (const c of ledger.complaints) ids.set(c.ticketNumber, c.id);
    expect(ids.size).toBe(2);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const caseOf = (number: string) => page.locator(`[data-testid=case-${number}]`);
  /** Days later the sessions have lapsed: the manager signs in again, in the API and the page. */
  const signIn = async () => {
    manager = await served.login('manager');
    await page.goto(`${served.url}/admin/#floor`);
    await page.fill('input[name=username]', 'manager');
    await page.fill('input[name=password]', served.t.demo.passwords.manager!);
    await page.click('[data-testid=sign-in]');
    await page.waitForSelector('[data-testid=floor]');
  };

  it('marks nothing while both deadlines are ahead', async () => {
    await signIn();
    await page.click('[data-testid=tab-complaints]');
    await page.waitForSelector('[data-testid=case-A001]');
    expect(await caseOf('A001').getAttribute('data-follow-up-overdue')).toBe('false');
    expect(await caseOf('A001').locator('[data-testid=follow-up-due]').textContent()).toBe(
      '回访期限 2026-11-19',
    );
    await page.click('[data-testid=tab-floor]');
    await page.waitForSelector('[data-testid=floor]');
    expect(await page.locator('[data-testid=floor-cases-overdue]').count()).toBe(0);
  });

  it('marks a case not followed up by its day, on the floor and in the ledger, until followed up', async () => {
    served.t.clock.set('2026-11-20T02:00:00Z'); // Friday: the follow-up day (Thursday) has passed
    manager = await served.login('manager');
    const follow = await served.t.req('POST', `/api/v1/complaints/${ids.get('A002')}/follow-up`, {
      cookie: manager,
      body: { outcome: 'unsatisfied', note: '已回访' },
    });
    expect(follow.statusCode, follow.body).toBe(200);
    await signIn();
    await waitForText(page, '[data-testid=floor-cases-overdue]', '回访逾期 1 件，整改逾期 0 件');
    await expectAccessible(page, 'floor with overdue cases');

    await page.click('[data-testid=floor-cases-overdue] a');
    await page.waitForSelector('[data-testid=case-A001][data-follow-up-overdue=true]');
    expect(await caseOf('A001').locator('[data-testid=follow-up-due]').textContent()).toBe(
      '回访已超期（期限 2026-11-19）',
    );
    expect(await caseOf('A001').getAttribute('class')).toContain('case-overdue');
    expect(await caseOf('A002').getAttribute('data-follow-up-overdue')).toBe('false');
    expect(await caseOf('A002').getAttribute('class')).not.toContain('case-overdue');
    await page.click('[data-testid=filter-follow-up-overdue]');
    await page.waitForSelector('[data-testid=case-A002]', { state: 'detached' });
    expect(await page.locator('[data-testid^=case-A]').count()).toBe(1);
    await expectAccessible(page, 'ledger filtered to follow-up overdue');
  });

  it('marks both past the rectification day, across the weekend', async () => {
    served.t.clock.set('2026-11-24T02:00:00Z'); // Tuesday: due Monday 11-23 (the weekend not counted)
    await signIn();
    await waitForText(page, '[data-testid=floor-cases-overdue]', '回访逾期 1 件，整改逾期 2 件');
    await page.click('[data-testid=tab-complaints]');
    await page.waitForSelector('[data-testid=case-A002][data-overdue=true]');
    expect(await caseOf('A002').locator('[data-testid=rectify-due]').textContent()).toBe(
      '已超期（期限 2026-11-23）',
    );
    expect(errors).toEqual([]);
  });
});
