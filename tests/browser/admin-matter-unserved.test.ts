// The console's matters tab warns when the matter it is about to save would be offered at the
// kiosk with no counter serving it (issue 13): a new walk-in matter (no counter can list it yet),
// not a matter a counter in use serves, not a matter without walk-in tickets; once a counter
// lists the new matter, editing it shows no warning.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import {
  collectErrors,
  ensureWebBuilt,
  LANDSCAPE,
  launchChromium,
  openScreen,
  ServedApp,
} from './harness.ts';

const WARNING = '[data-testid=matter-unserved-warning]';

describe('the matters tab warns of a matter no counter serves', () => {
  let served: ServedApp;
  let browser: Browser;
  let admin: Page;
  let errors: string[];

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    browser = await launchChromium();
    admin = (await openScreen(browser, LANDSCAPE)).page;
    errors = collectErrors(admin);
    await admin.goto(`${served.url}/admin/#matters`);
    await admin.fill('input[name=username]', 'manager');
    await admin.fill('input[name=password]', served.t.demo.passwords.manager!);
    await admin.click('[data-testid=sign-in]');
    await admin.click('[data-testid=tab-matters]');
    await admin.waitForSelector('[data-testid=edit-matter-A]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('says nothing for a matter a counter serves', async () => {
    await admin.click('[data-testid=edit-matter-A]');
    await admin.waitForSelector('[data-testid=materials-editor]');
    // Once the counters are loaded the warning would show at once if it were due.
    await admin.waitForSelector('[data-testid=matter-form][data-counters=loaded]');
    expect(await admin.locator(WARNING).count()).toBe(0);
    await admin.click('[data-testid=matter-form] button:has-text("取消")');
  });

  it('warns for a new walk-in matter, not once walk-in is off, and saves it still', async () => {
    await admin.click('[data-testid=new-matter]');
    await admin.waitForSelector('[data-testid=matter-form]');
    await admin.waitForSelector(WARNING);
    expect(await admin.textContent(WARNING)).toContain('没有在用的窗口办理这个事项');
    await expectAccessible(admin, 'matters form with the unserved warning');
    await admin.fill('input[name=code]', 'new-walkin');
    await admin.fill('input[name=prefix]', 'N');
    await admin.fill('input[name=name]', '新办事项');
    await admin.fill('input[name=nameEn]', 'New matter');
    const walkIn = admin.locator('[data-testid=matter-form] .check input').first();
    await walkIn.uncheck();
    await admin.waitForSelector(WARNING, { state: 'detached' });
    await walkIn.check();
    await admin.waitForSelector(WARNING);
    const saved = admin.waitForResponse(
      (r) => r.url().endsWith('/matters') && r.request().method() === 'POST',
    );
    await admin.click('[data-testid=save-matter]');
    expect((await saved).status()).toBe(201);
    await admin.waitForSelector('[data-testid=edit-matter-N]');
  });

  it('says nothing once a counter lists the new matter', async () => {
    const { counters } = served.t.demo;
    const all = await served.api<{ id: string; prefix: string }[]>('GET', `/halls/${served.hallId}/matters`);
    const n = all.find((m) => m.prefix === 'N')!;
    const counter = await served.api<{ matterIds: string[] }>('GET', `/counters/${counters[1]}`);
    const res = await served.t.req('PATCH', `/api/v1/counters/${counters[1]}`, {
      cookie: await served.login('manager'),
      body: { matterIds: [...counter.matterIds, n.id] },
    });
    expect(res.statusCode, res.body).toBe(200);
    await admin.click('[data-testid=edit-matter-N]');
    await admin.waitForSelector('[data-testid=materials-editor]');
    await admin.waitForSelector('[data-testid=matter-form][data-counters=loaded]');
    expect(await admin.locator(WARNING).count()).toBe(0);
    expect(errors).toEqual([]);
    await admin.click('[data-testid=matter-form] button:has-text("取消")');
  });

  it('marks a matter as the 办不成事 window with its checkbox, and the API says so', async () => {
    const prefixes = await served.api<{ id: string; prefix: string; unresolvedWindow: boolean }[]>(
      'GET',
      `/halls/${served.hallId}/matters`,
    );
    const b = prefixes.find((m) => m.prefix === 'B')!;
    expect(b.unresolvedWindow).toBe(false);
    await admin.click('[data-testid=edit-matter-B]');
    const box = admin.locator('[data-testid=matter-form] input[name=unresolvedWindow]');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await box.check();
    const saved = admin.waitForResponse(
      (r) => r.url().endsWith(`/matters/${b.id}`) && r.request().method() === 'PATCH',
    );
    await admin.click('[data-testid=save-matter]');
    expect((await saved).status()).toBe(200);
    const after = await served.api<{ unresolvedWindow: boolean }>('GET', `/matters/${b.id}`);
    expect(after.unresolvedWindow).toBe(true);
    // Opened again, the form shows it ticked.
    await admin.click('[data-testid=edit-matter-B]');
    await admin.locator('[data-testid=matter-form] input[name=unresolvedWindow]:checked').waitFor();
    expect(errors).toEqual([]);
  });
});
