// Screenshots of every screen in both orientations, for a person to look at: written to
// test-output/screenshots/ (not committed). A busy hall first, so the screens have content.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callText } from '../../server/src/domain/call-speech.ts';
import {
  collectErrors,
  ensureWebBuilt,
  LANDSCAPE,
  launchChromium,
  openScreen,
  PORTRAIT,
  SCREENSHOTS,
  ServedApp,
  waitForText,
} from './harness.ts';

const ORIENTATIONS = [
  ['landscape', LANDSCAPE],
  ['portrait', PORTRAIT],
] as const;

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Both orientations of what the page shows now. */
async function shootBoth(page: Page, name: string): Promise<void> {
  for (const [orientation, size] of ORIENTATIONS) {
    await page.setViewportSize(size);
    await shoot(page, `${name}-${orientation}`);
  }
}

describe('screenshots of the screens', () => {
  let served: ServedApp;
  let browser: Browser;
  const errors: string[][] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureWebBuilt();
    served = await ServedApp.start();
    browser = await launchChromium();

    // A hall at work: tickets waiting, three counters serving, one paused.
    const { matters, counters } = served.t.demo;
    const issue = (prefix: string) =>
      served.api('POST', `/halls/${served.hallId}/tickets`, { matterId: matters[prefix] });
    for (const prefix of ['A', 'A', 'B', 'B', 'B', 'C', 'D', 'E', 'F', 'A', 'C', 'F']) await issue(prefix);
    for (const [user, number] of [
      ['clerk2', 3],
      ['clerk3', 7],
      ['clerk4', 5],
    ] as const) {
      const cookie = await served.login(user);
      await served.api('POST', `/counters/${counters[number]}/open`, undefined, cookie);
      served.t.clock.advance(2);
      if (number === 5) await served.api('POST', `/counters/${counters[number]}/pause`, undefined, cookie);
      else await served.api('POST', `/counters/${counters[number]}/call-next`, undefined, cookie);
    }
    served.t.clock.advance(3);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('shows the landing page', async () => {
    const { page } = await openScreen(browser, LANDSCAPE);
    errors.push(collectErrors(page));
    await page.goto(`${served.url}/`);
    await page.waitForSelector('.hall a');
    await shoot(page, 'landing');
    await page.close();
  });

  it('shows the kiosk: home, materials, ticket and the 80 mm printout', async () => {
    const { page } = await openScreen(browser, PORTRAIT);
    errors.push(collectErrors(page));
    await page.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await page.waitForSelector('[data-testid=kiosk][data-online=true]');
    await waitForText(page, '[data-testid=matter-A]', '分钟');
    await shootBoth(page, 'kiosk-home');
    await page.click('[data-testid=lang]');
    await shoot(page, 'kiosk-home-en-portrait');
    await page.click('[data-testid=lang]');

    await page.click('[data-testid=matter-D]');
    await page.waitForSelector('[data-testid=materials]');
    await shootBoth(page, 'kiosk-materials');

    await page.click('[data-testid=confirm]');
    await page.waitForSelector('[data-testid=ticket] img');
    await shootBoth(page, 'kiosk-ticket');

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 302, height: 700 }); // 80 mm at 96 dpi
    await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-print-80mm.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('shows the clerk console: sign-in, counter choice, serving, transfer', async () => {
    const { page } = await openScreen(browser, LANDSCAPE);
    errors.push(collectErrors(page));
    await page.goto(`${served.url}/counter/`);
    await page.waitForSelector('[data-testid=login]');
    await shootBoth(page, 'counter-sign-in');

    await page.setViewportSize(LANDSCAPE);
    await page.fill('input[name=username]', 'clerk1');
    await page.fill('input[name=password]', served.t.demo.passwords.clerk1!);
    await page.click('[data-testid=sign-in]');
    await page.waitForSelector('[data-testid=open-counter-1]');
    await waitForText(page, '[data-testid=open-counter-3]', '李强');
    await shootBoth(page, 'counter-choose');

    await page.setViewportSize(LANDSCAPE);
    await page.click('[data-testid=open-counter-1]');
    await page.waitForSelector('[data-testid=console]');
    await shoot(page, 'counter-idle-landscape');
    await page.keyboard.press('F1');
    await page.waitForSelector('[data-testid=current-number]');
    await waitForText(page, '[data-testid=queue]', '分钟');
    await shootBoth(page, 'counter-serving');

    await page.setViewportSize(LANDSCAPE);
    await page.keyboard.press('t');
    await page.waitForSelector('[data-testid=transfer-dialog]');
    await shoot(page, 'counter-transfer-landscape');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('shows the wall display with a fresh call flashing', async () => {
    const { page } = await openScreen(browser, LANDSCAPE);
    errors.push(collectErrors(page));
    await page.goto(`${served.url}/display/?hall=${served.hallId}`);
    await page.waitForSelector('[data-ready=true]');
    await shoot(page, 'display-start-sound-landscape');
    if (await page.$('[data-testid=start-sound]')) await page.click('[data-testid=start-sound]');
    await page.waitForSelector('[data-testid=sound-on]');

    const cookie = await served.login('clerk2');
    await served.api('POST', `/tickets/${await currentTicketOf(served, 3)}/start`, undefined, cookie);
    served.t.clock.advance(1);
    const called = await served.api<{ number: string }>(
      'POST',
      `/counters/${served.t.demo.counters[3]}/call-next`,
      undefined,
      cookie,
    );
    await waitForText(page, '[data-testid=now-number]', called.number);
    await page.waitForSelector('.d-now.flashing');
    await shootBoth(page, 'display');
    expect(await page.evaluate(() => window.__announcements)).toContain(
      callText({ number: called.number, counterNumber: 3 }),
    );
    await page.close();
  });

  it('rendered every screen without a script error', () => {
    expect(errors.flat()).toEqual([]);
  });
});

async function currentTicketOf(served: ServedApp, counterNumber: number): Promise<string> {
  const c = await served.api<{ currentTicket: { id: string } | null }>(
    'GET',
    `/counters/${served.t.demo.counters[counterNumber]}`,
  );
  return c.currentTicket!.id;
}
