// The console's audit tab (issue 16, finding 8) reads in words: "呼叫 A001" with the clerk's
// name, not a route and an ID; its person, action and day pickers filter the log.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectErrors,
  ensureWebBuilt,
  LANDSCAPE,
  launchChromium,
  openScreen,
  ServedApp,
  waitForText,
} from './harness.ts';

const ROWS = '[data-testid=audit] tbody tr';

/** Waits until every row of the log satisfies `want` (given each row's text) and there is one. */
async function rowsAll(page: Page, want: string, not?: string) {
  await page.waitForFunction(
    ([sel, w, n]) => {
      const rows = [...document.querySelectorAll(sel!)].map((r) => r.textContent ?? '');
      return rows.length > 0 && rows.every((r) => r.includes(w!) && (!n || !r.includes(n)));
    },
    [ROWS, want, not ?? ''],
    { timeout: 15_000 },
  );
}

describe('the console’s audit tab', () => {
  let served: ServedApp;
  let browser: Browser;
  let admin: Page;
  let errors: string[];
  let number: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    const { hallId, matters, counters } = served.t.demo;
    ({ number } = await served.api<{ number: string }>('POST', `/halls/${hallId}/tickets`, {
      matterId: matters.A,
    }));
    const clerk = await served.login('clerk1');
    await served.api('POST', `/counters/${counters[1]}/open`, undefined, clerk);
    await served.api('POST', `/counters/${counters[1]}/call-next`, undefined, clerk);
    browser = await launchChromium();
    admin = (await openScreen(browser, LANDSCAPE)).page;
    errors = collectErrors(admin);
    await admin.goto(`${served.url}/admin/#audit`);
    await admin.fill('input[name=username]', 'manager');
    await admin.fill('input[name=password]', served.t.demo.passwords.manager!);
    await admin.click('[data-testid=sign-in]');
    await admin.click('[data-testid=tab-audit]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('shows who called which ticket, in words', async () => {
    expect(number).toBe('A001');
    await waitForText(admin, '[data-testid=audit] tr[data-action="ticket.call"]', `呼叫 ${number}`);
    const row = await admin.textContent('[data-testid=audit] tr[data-action="ticket.call"]');
    expect(row).toContain('王芳');
    expect(row).not.toMatch(/\/api\/v1|[0-9a-f]{8}-[0-9a-f]{4}/);
    // The manager's own sign-in is in the log too.
    await waitForText(admin, '[data-testid=audit] tr[data-action="auth.sign-in"]', '陈主任');
  });

  it('filters by person, action and day', async () => {
    const clerk1 = await served.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'clerk1')
      .executeTakeFirstOrThrow();
    await admin.selectOption('select[name=staffId]', clerk1.id);
    await rowsAll(admin, '王芳', '陈主任');
    await admin.selectOption('select[name=action]', 'counter.open');
    await rowsAll(admin, '开窗');
    expect(await admin.locator(ROWS).count()).toBe(1);
    await admin.fill('input[name=day]', '2026-11-17');
    await waitForText(admin, '[data-testid=audit]', '暂无操作记录');
    await admin.fill('input[name=day]', '2026-11-18');
    await rowsAll(admin, '开窗');
    expect(errors).toEqual([]);
  });
});
