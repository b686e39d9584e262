// axe-core (WCAG 2.1 AA) on every screen in its main states. The console and the wall are also
// checked in their own tests (console.test.ts, wall.test.ts); a new screen's test calls
// `expectAccessible` from ./axe.ts the same way.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { openScreen, openScreens, PORTRAIT, ServedApp } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };

describe('accessibility of every screen', () => {
  let served: ServedApp;
  let browser: Browser;
  const found: Record<string, string[]> = {};
  const check = async (page: Page, state: string) => {
    await page.evaluate(() => document.fonts.ready);
    found[state] = await axeViolations(page);
    if (found[state].length) console.log(`${state}:\n  ${found[state].join('\n  ')}`);
  };

  beforeAll(async () => {
    ({ served, browser } = await openScreens());
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('the landing page, the kiosk and its ticket', async () => {
    const { page } = await openScreen(browser, PORTRAIT);
    await page.goto(`${served.url}/`);
    await page.waitForLoadState('networkidle');
    await check(page, 'landing');
    await page.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await page.waitForSelector('[data-testid=matter-A]');
    await check(page, 'kiosk home');
    await page.click('[data-testid=matter-A]');
    await page.waitForSelector('[data-testid=materials]');
    await check(page, 'kiosk materials');
    await page.click('[data-testid=confirm]');
    await page.waitForSelector('[data-testid=ticket-number]');
    await check(page, 'kiosk ticket');
    await page.close();
  }, 240_000);

  it('the resident pages on a phone', async () => {
    const { page } = await openScreen(browser, PHONE);
    await page.goto(`${served.url}/resident/book?hall=${served.hallId}`);
    await page.waitForSelector('[data-testid=matter-E]');
    await check(page, 'book: matters');
    await page.click('[data-testid=matter-E]');
    await page.waitForSelector('[data-testid^=day-]');
    await check(page, 'book: calendar');
    const t = await served.api<{ id: string; token: string }>('POST', `/halls/${served.hallId}/tickets`, {
      matterId: served.t.demo.matters.A,
    });
    await page.goto(`${served.url}/resident/ticket?${new URLSearchParams({ id: t.id, token: t.token })}`);
    await page.waitForSelector('[data-testid=ticket-number], .ticket-number');
    await check(page, 'ticket page');
    await page.close();
  }, 240_000);

  it('the counter sign-in, picker and rating pad', async () => {
    const { page } = await openScreen(browser, DESK);
    await page.goto(`${served.url}/counter/`);
    await page.waitForSelector('input[name=username]');
    await check(page, 'counter sign-in');
    await page.fill('input[name=username]', 'clerk4');
    await page.fill('input[name=password]', served.t.demo.passwords.clerk4!);
    await page.click('[data-testid=sign-in]');
    await page.waitForSelector('[data-testid=open-counter-4]');
    await check(page, 'counter picker');
    await page.goto(`${served.url}/counter/pad?counter=${served.t.demo.counters[4]}`);
    await page.waitForLoadState('networkidle');
    await check(page, 'rating pad (unpaired)');
    await page.close();
  }, 240_000);

  it('the admin console', async () => {
    const { page } = await openScreen(browser, DESK);
    await page.goto(`${served.url}/admin/`);
    await page.waitForSelector('input[name=username]');
    await check(page, 'admin sign-in');
    await page.fill('input[name=username]', 'manager');
    await page.fill('input[name=password]', served.t.demo.passwords.manager!);
    await page.click('[data-testid=sign-in]');
    // Signed in once the tabs are there; every tab is then checked (a missing one fails below).
    await page.waitForSelector('[data-testid=tab-floor]');
    for (const tab of [
      'floor',
      'stats',
      'staffing',
      'complaints',
      'matters',
      'counters',
      'schedule',
      'staff',
      'audit',
      'hall',
    ]) {
      await page.click(`[data-testid=tab-${tab}]`);
      await page.waitForSelector(`[data-testid=panel-${tab}]`);
      await page.waitForLoadState('networkidle');
      await check(page, `admin ${tab}`);
    }
    await page.close();
  }, 400_000);

  it('finds no violation anywhere', () => {
    const bad = Object.fromEntries(Object.entries(found).filter(([, v]) => v.length));
    // 4 kiosk and landing states, 3 resident, 3 counter, the admin sign-in and its 10 tabs.
    expect(Object.keys(found)).toHaveLength(21);
    expect(bad).toEqual({});
  });
});
