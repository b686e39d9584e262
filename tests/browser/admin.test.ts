// The manager's side in headless Chromium: the console changes a counter's matters and the
// clerk's open console follows without a reload; the live floor raises its wait alert; the
// rating pad is paired, prompts after a finish and records the rating. Screenshots of every
// console tab and of the pad go to test-output/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LANDSCAPE,
  openCounterInConsole,
  openScreens,
  SCREENSHOTS,
  ServedApp,
  waitForText,
} from './harness.ts';

const TABLET = { width: 1280, height: 800 };

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, served: ServedApp, username: string): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', served.t.demo.passwords[username]!);
  await page.click('[data-testid=sign-in]');
}

describe('the manager console and the rating pad', () => {
  let served: ServedApp;
  let browser: Browser;
  let admin: Page;
  let clerk: Page;
  let pad: Page;
  const errors: string[][] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const screens = await openScreens(LANDSCAPE, LANDSCAPE, TABLET);
    ({ served, browser } = screens);
    [admin, clerk, pad] = screens.pages;
    errors.push(...screens.errors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const issue = (prefix: string) =>
    served.api<{ id: string; number: string }>('POST', `/halls/${served.hallId}/tickets`, {
      matterId: served.t.demo.matters[prefix],
    });

  it('changes a counter’s matters and the open clerk console follows without a reload', async () => {
    const { matters, counters } = served.t.demo;
    await issue('F'); // 综合咨询: not served at counter 1 (户籍 only)
    await openCounterInConsole(clerk, served, 'clerk1', 1);
    await clerk.waitForSelector('[data-testid=queue]');
    expect(await clerk.textContent('[data-testid=queue]')).not.toContain('F001');

    await admin.goto(`${served.url}/admin/#counters`);
    await signIn(admin, served, 'manager');
    await admin.click('[data-testid=edit-counter-1]');
    await admin.selectOption('[data-testid=add-matter-select]', matters.F!);
    await admin.click('[data-testid=add-matter]');
    await waitForText(admin, '[data-testid=counter-matter-1]', '综合咨询');
    await shoot(admin, 'admin-counters');
    // The counter's English name, for the wall and the pages in English (issue 17).
    await admin.fill('[data-testid=counter-name-en]', 'Household registration');
    await admin.click('[data-testid=save-counter]');

    await waitForText(clerk, '[data-testid=queue]', 'F001');
    const counter = await served.api<{ matterIds: string[]; nameEn: string }>(
      'GET',
      `/counters/${counters[1]}`,
    );
    expect(counter.matterIds).toEqual([matters.A, matters.F]);
    expect(counter.nameEn).toBe('Household registration');
    await waitForText(admin, '[data-testid=counter-row-1]', 'F 综合咨询');
  });

  it('raises the wait alert on the live floor once a matter waits past the threshold', async () => {
    await admin.click('[data-testid=tab-hall]');
    await admin.fill('input[name=waitAlertMinutes]', '10');
    await admin.click('[data-testid=save-hall]');
    await admin.waitForSelector('.status-ok');
    await shoot(admin, 'admin-hall');

    await admin.click('[data-testid=tab-floor]');
    await issue('B');
    await issue('B');
    await waitForText(admin, '[data-testid=floor-matter-B]', '2');
    expect(await admin.$('[data-testid=floor-alert]')).toBeNull();

    served.t.clock.advance(12);
    await issue('C'); // any hall event makes the dashboard read the floor again
    await waitForText(admin, '[data-testid=floor-alert]', 'B 社保');
    const alert = await admin.textContent('[data-testid=floor-alert]');
    expect(alert).toContain('12');
    expect(alert).toContain('3号窗口'); // the suggestion: a closed counter that serves 社保
    await shoot(admin, 'admin-floor');
  });

  it('pairs the pad, prompts after a finish and records the rating', async () => {
    const counterId = served.t.demo.counters[1]!;
    await pad.goto(`${served.url}/counter/pad?counter=${counterId}`);
    await pad.waitForSelector('[data-testid=pad-pair]');
    await shoot(pad, 'pad-pair');
    await signIn(pad, served, 'manager');
    await pad.waitForSelector('[data-testid=pad-idle]');
    await shoot(pad, 'pad-idle');

    const cookie = await served.login('clerk1');
    const ticket = await served.api<{ id: string; number: string }>(
      'POST',
      `/counters/${counterId}/call-next`,
      undefined,
      cookie,
    );
    await served.api('POST', `/tickets/${ticket.id}/start`, undefined, cookie);
    served.t.clock.advance(4);
    await served.api('POST', `/tickets/${ticket.id}/finish`, undefined, cookie);

    await waitForText(pad, '[data-testid=pad-prompt]', ticket.number);
    await shoot(pad, 'pad-prompt');
    await pad.click('[data-testid=level-2]');
    await pad.click('[data-testid=pad-submit]'); // no reason yet: refused on the pad
    await pad.waitForSelector('.pad-error');
    await pad.click('[data-testid="reason-办事效率"]');
    await pad.fill('[data-testid=pad-comment]', '等了很久');
    await shoot(pad, 'pad-reasons');
    await pad.click('[data-testid=pad-submit]');
    await pad.waitForSelector('[data-testid=pad-thanks]');
    await shoot(pad, 'pad-thanks');

    const rating = await served.db
      .selectFrom('ratings')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(rating.score).toBe(2);
    await pad.waitForSelector('[data-testid=pad-idle]', { timeout: 15_000 });
  });

  it('steps the 差评 case in the ledger and shows the other tabs', async () => {
    await admin.click('[data-testid=tab-complaints]');
    await admin.waitForSelector('[data-testid^=case-]');
    await admin.click('[data-testid=to-contacted]');
    await admin.fill('[data-testid=case-note]', '已电话联系办事群众，说明情况');
    await admin.click('[data-testid=case-submit]');
    await waitForText(admin, '[data-testid^=case-]', '已联系');
    await shoot(admin, 'admin-complaints');

    await admin.click('[data-testid=tab-stats]');
    await admin.waitForSelector('[data-testid=stats-table]');
    await waitForText(admin, '[data-testid=stats-table]', '综合咨询');
    await shoot(admin, 'admin-stats');

    await admin.click('[data-testid=tab-matters]');
    await admin.click('[data-testid=edit-matter-A]');
    await admin.waitForSelector('[data-testid=materials-editor]');
    await admin.fill('input[name=prefix]', 'a1');
    await admin.click('[data-testid=save-matter]');
    await waitForText(admin, '[data-testid=matter-form]', '须为一到两个大写字母'); // the API's words, by the field
    await shoot(admin, 'admin-matters');

    for (const tab of ['staff', 'schedule', 'audit'] as const) {
      await admin.click(`[data-testid=tab-${tab}]`);
      await admin.waitForSelector(`[data-testid=panel-${tab}] .card`);
      await shoot(admin, `admin-${tab}`);
    }

    served.t.clock.advance(10 * 24 * 60); // past the due date (5 working days), and the session
    await admin.click('[data-testid=tab-complaints]');
    await admin.waitForSelector('[data-testid=login]'); // a session lasts 12 hours
    await signIn(admin, served, 'manager');
    await admin.waitForSelector('.case-overdue');
    await shoot(admin, 'admin-complaints-overdue');
    await admin.click('[data-testid=lang]');
    await admin.click('[data-testid=tab-floor]');
    await waitForText(admin, '[data-testid=floor]', 'Counters now');
    await shoot(admin, 'admin-floor-en');
    expect(errors.flat()).toEqual([]);
  });
});
