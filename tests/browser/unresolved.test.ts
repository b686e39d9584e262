// Issue 14 in headless Chromium: at the 办不成事反映窗口 the clerk finishes a ticket with a summary
// of what could not be done and the matter it concerned, and the case shows in the manager's ledger.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { openCounterInConsole, openScreens, ServedApp, waitForText } from './harness.ts';

const SCREEN = { width: 1366, height: 768 } as const;

describe('the 办不成事 window', () => {
  let served: ServedApp;
  let browser: Browser;
  let console_: Page;
  let admin: Page;
  let errors: string[][];

  beforeAll(async () => {
    const screens = await openScreens(SCREEN, SCREEN);
    ({ served, browser, errors } = screens);
    [console_, admin] = screens.pages;
    const manager = await served.login('manager');
    const res = await served.t.req('PATCH', `/api/v1/matters/${served.t.demo.matters.A}`, {
      cookie: manager,
      body: { unresolvedWindow: true },
    });
    expect(res.statusCode, res.body).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('asks the clerk for a summary at the finish, and the case appears in the ledger', async () => {
    await openCounterInConsole(console_, served, 'clerk1', 1);
    const ticket = await served.api<{ number: string }>('POST', `/halls/${served.hallId}/tickets`, {
      matterId: served.t.demo.matters.A,
    });
    await console_.click('[data-testid=action-callNext]');
    await waitForText(console_, '[data-testid=current-number]', ticket.number);
    await console_.click('[data-testid=action-start]');
    await console_.waitForSelector('[data-testid=current].current-serving');
    await console_.click('[data-testid=action-finish]');
    await console_.waitForSelector('[data-testid=unresolved-dialog]');
    await expectAccessible(console_, 'console: 办不成事 dialog');
    expect(await console_.isDisabled('[data-testid=unresolved-submit]')).toBe(true);
    await console_.selectOption('[data-testid=unresolved-matter]', served.t.demo.matters.E!);
    await console_.fill('[data-testid=unresolved-summary]', '不动产登记需先完成网上预审，现场无法受理');
    await console_.click('[data-testid=unresolved-submit]');
    await console_.waitForSelector('[data-testid=current].current-empty');

    await admin.goto(`${served.url}/admin/#complaints`);
    await admin.fill('input[name=username]', 'manager');
    await admin.fill('input[name=password]', served.t.demo.passwords.manager!);
    await admin.click('[data-testid=sign-in]');
    await admin.click('[data-testid=tab-complaints]');
    await admin.waitForSelector(`[data-testid=case-${ticket.number}] [data-testid=case-unresolved]`);
    const card = (await admin.textContent(`[data-testid=case-${ticket.number}]`))!;
    expect(card).toContain('办不成事');
    expect(card).toContain('现场无法受理');
    expect(card).toContain('不动产');
    await expectAccessible(admin, 'admin: 办不成事 case');
    expect(errors.flat()).toEqual([]);
  });
});
