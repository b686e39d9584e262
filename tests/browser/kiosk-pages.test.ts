// A kiosk with many matters (issue 14): more than fit one screen are shown a page at a time with
// large 上一页/下一页 buttons and the cue "第 x/y 页 · Page x of y"; every matter is reachable by
// paging and none sits in a scroll area. 20 matters are added to the demo hall's 6 through the API;
// no counter serves them, so they show greyed, and they are still paged.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import {
  collectErrors,
  ensureWebBuilt,
  LANDSCAPE,
  launchChromium,
  openScreen,
  PORTRAIT,
  ServedApp,
  waitForText,
} from './harness.ts';

const ADDED = Array.from({ length: 20 }, (_, i) => `P${String.fromCharCode(65 + i)}`); // PA…PT

describe('the kiosk pages its matters', () => {
  let served: ServedApp;
  let browser: Browser;
  let kiosk: Page;
  let errors: string[];
  let all: string[];

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    served.t.clock.set('2026-11-18T02:00:00Z'); // Wednesday 10:00 in Beijing: the hall is open
    const manager = await served.login('manager');
    for (const [i, prefix] of ADDED.entries()) {
      await served.api(
        'POST',
        `/halls/${served.hallId}/matters`,
        { code: `many-${i}`, name: `第${i + 1}项测试事项`, nameEn: `Test matter ${i + 1}`, prefix },
        manager,
      );
    }
    const matters = await served.api<{ prefix: string }[]>('GET', `/halls/${served.hallId}/matters`);
    all = matters.map((m) => m.prefix).sort();
    expect(all).toHaveLength(26);
    browser = await launchChromium();
    kiosk = (await openScreen(browser, PORTRAIT)).page;
    errors = collectErrors(kiosk);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const shownPrefixes = () =>
    kiosk.$$eval('[data-testid^=matter-]', (els) =>
      els.map((e) => e.getAttribute('data-testid')!.slice('matter-'.length)),
    );

  /** Walks every page forward from the first; answers the matters seen, page by page. */
  async function walk(): Promise<string[][]> {
    await waitForText(kiosk, '[data-testid=page-cue]', '第 1/');
    const pages = Number(/第 1\/(\d+) 页/.exec((await kiosk.textContent('[data-testid=page-cue]'))!)![1]);
    expect(pages).toBeGreaterThan(1);
    const seen: string[][] = [];
    for (let n = 1; n <= pages; n++) {
      await waitForText(kiosk, '[data-testid=page-cue]', `第 ${n}/${pages} 页`);
      expect(await kiosk.textContent('[data-testid=page-cue]')).toContain(`Page ${n} of ${pages}`);
      expect(await kiosk.isDisabled('[data-testid=page-prev]')).toBe(n === 1);
      expect(await kiosk.isDisabled('[data-testid=page-next]')).toBe(n === pages);
      const shown = await shownPrefixes();
      // Every page but the last is full (same count as the first).
      if (n > 1 && n < pages) expect(shown.length).toBe(seen[0]!.length);
      // Nothing of the page is hidden in a scroll area.
      const tiles = await kiosk.$eval('.tiles', (e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
      expect(tiles.scroll).toBeLessThanOrEqual(tiles.client + 1);
      for (const p of shown) expect(await kiosk.isVisible(`[data-testid=matter-${p}]`)).toBe(true);
      seen.push(shown);
      if (n < pages) await kiosk.click('[data-testid=page-next]');
    }
    return seen;
  }

  it('upright: whole rows a page, every matter reachable, the cue in both languages', async () => {
    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
    const seen = await walk();
    expect(seen.flat().sort()).toEqual(all);
    expect(new Set(seen.flat()).size).toBe(26); // none twice
    // Paged matters keep their state: the added ones have no counter and show greyed.
    const last = seen.at(-1)!;
    expect(await kiosk.getAttribute(`[data-testid=matter-${last.at(-1)}]`, 'data-available')).toBe('false');
    await expectAccessible(kiosk, 'kiosk home, last page of matters');
    await kiosk.click('[data-testid=page-prev]');
    await waitForText(kiosk, '[data-testid=page-cue]', `第 ${seen.length - 1}/${seen.length} 页`);
    expect(await shownPrefixes()).toEqual(seen.at(-2));
  });

  it('lying down: fewer a page, every matter reachable', async () => {
    await kiosk.setViewportSize(LANDSCAPE);
    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
    const seen = await walk();
    expect(seen.flat().sort()).toEqual(all);
    expect(errors).toEqual([]);
  });
});
