// Tickets only for a wait that leads somewhere (issue 13), at the kiosk: outside hours it shows
// one big notice in both languages with the next opening and no tiles; a matter that no counter
// serves is a greyed tile that says why, cannot be chosen, and the matters that can be taken
// now are named. The app's clock is the test's (served.t.clock); the page is reloaded after
// the clock moves, as the kiosk itself re-reads availability every minute.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, ensureWebBuilt, launchChromium, openScreen, PORTRAIT, ServedApp } from './harness.ts';

describe('the kiosk issues only where a wait leads somewhere', () => {
  let served: ServedApp;
  let browser: Browser;
  let kiosk: Page;
  let errors: string[];

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    browser = await launchChromium();
    kiosk = (await openScreen(browser, PORTRAIT)).page;
    errors = collectErrors(kiosk);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const open = async () => {
    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
  };

  it('at 03:00 shows the hall closed, in Chinese and English, with the next opening, and no tiles', async () => {
    served.t.clock.set('2026-11-18T19:00:00Z'); // Thursday 2026-11-19 03:00 in Beijing
    await open();
    await kiosk.waitForSelector('[data-testid=hall-closed]');
    const zh = await kiosk.textContent('[data-testid=next-opening-zh]');
    const en = await kiosk.textContent('[data-testid=next-opening-en]');
    expect(zh).toContain('下次开放');
    expect(zh).toMatch(/19日.*\d\d:\d\d/);
    expect(en).toMatch(/Opens next: Thursday 19 November.*\d\d:\d\d/);
    expect(await kiosk.textContent('[data-testid=hall-closed]')).toContain('The hall is closed now');
    expect(await kiosk.locator('[data-testid^=matter-]:visible').count()).toBe(0);
    const before = await served.ticketCount();
    expect(before).toBe(0);
  });

  it('in hours greys out a matter no counter serves and names those that can be taken now', async () => {
    served.t.clock.set('2026-11-18T02:00:00Z'); // Wednesday 10:00 in Beijing
    const manager = await served.login('manager');
    await served.api(
      'POST',
      `/halls/${served.hallId}/matters`,
      { code: 'nobody', name: '无人办理的事项', nameEn: 'Unserved matter', prefix: 'U' },
      manager,
    );
    await open();
    await kiosk.waitForSelector('[data-testid=matter-B][data-available=true]');
    expect(await kiosk.locator('[data-testid=hall-closed]').count()).toBe(0);
    // Seven matters: the grey one may be on the next page (the home also offers elder mode).
    while ((await kiosk.locator('[data-testid=matter-U]').count()) === 0) {
      expect(await kiosk.isDisabled('[data-testid=page-next]')).toBe(false);
      await kiosk.click('[data-testid=page-next]');
    }
    await kiosk.waitForSelector('[data-testid=matter-U][data-available=false]');
    expect(await kiosk.isDisabled('[data-testid=matter-U]')).toBe(true);
    const reason = await kiosk.textContent('[data-testid=reason-U]');
    expect(reason).toContain('今天暂无窗口办理此事项');
    expect(reason).toContain('No counter serves this matter today');
    const now = await kiosk.textContent('[data-testid=available-now]');
    expect(now).toContain('现在可以取号');
    expect(now).not.toContain('U ');
    // Touching the grey tile does nothing: no materials, no ticket.
    await kiosk.click('[data-testid=matter-U]', { force: true });
    expect(await kiosk.locator('[data-testid=confirm]').count()).toBe(0);
    expect(await served.ticketCount()).toBe(0);

    await kiosk.click('[data-testid=lang]'); // English: the reason follows
    await kiosk.waitForFunction(() =>
      document
        .querySelector('[data-testid=available-now]')
        ?.textContent?.includes('Tickets can be taken now'),
    );
    expect(await kiosk.textContent('[data-testid=reason-U]')).toBe('No counter serves this matter today');
    expect(errors).toEqual([]);
  });
});
