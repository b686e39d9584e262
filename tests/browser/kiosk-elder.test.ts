// 适老化 (issue 14): the kiosk's elder mode. One large button on the home screen turns it on:
// larger text, fewer tiles a page, each step and its choices read aloud (recorded in
// window.__announcements as the wall's calls are), no countdown, and a 请工作人员协助 button on
// every step that shows on the help desk's screen at once. The mode ends at the kiosk's idle
// reset (longer in this mode; the kiosk page runs on Playwright's clock to get there).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { LANDSCAPE, openScreens, PORTRAIT, printedAtLeast, type ServedApp, waitForText } from './harness.ts';

const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __announcements?: string[] }).__announcements?.slice() ?? []);

/** Waits until something said contains every one of `parts`; answers that text. */
async function saidWith(page: Page, ...parts: string[]): Promise<string> {
  const handle = await page.waitForFunction(
    (want) =>
      ((window as unknown as { __announcements?: string[] }).__announcements ?? []).find((s) =>
        want.every((p) => s.includes(p)),
      ),
    parts,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as string;
}

const fontSize = (page: Page, selector: string) =>
  page.$eval(selector, (e) => parseFloat(getComputedStyle(e).fontSize));
const tileNames = (page: Page) =>
  page.$$eval('.tiles .tile-name', (els) => els.map((e) => e.textContent!.trim()));

describe('the kiosk in elder mode', () => {
  let served: ServedApp;
  let close: () => Promise<void>;
  let kiosk: Page;
  let desk: Page;
  let errors: string[][];

  beforeAll(async () => {
    const screens = await openScreens(PORTRAIT, LANDSCAPE);
    served = screens.served;
    [kiosk, desk] = screens.pages;
    errors = screens.errors;
    close = async () => {
      await screens.browser.close();
      await served.close();
    };
    // The kiosk's timers run on Playwright's clock (flowing as usual until fast-forwarded).
    await kiosk.clock.install();
    await desk.goto(`${served.url}/counter/desk/`);
    await desk.fill('input[name=username]', 'clerk2');
    await desk.fill('input[name=password]', served.t.demo.passwords.clerk2!);
    await desk.click('[data-testid=sign-in]');
    await desk.waitForSelector('[data-testid=desk-help][data-watching=true]', { state: 'attached' });
    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
    await kiosk.waitForSelector('[data-testid=matter-A]');
  }, 240_000);

  afterAll(async () => close?.());

  it('turns on with larger text and fewer tiles a page, and reads the home and its choices', async () => {
    const normal = {
      title: await fontSize(kiosk, '.home-title'),
      tile: await fontSize(kiosk, '.tile-name'),
      tiles: (await tileNames(kiosk)).length,
    };
    expect(normal.tiles).toBeGreaterThan(4); // the demo hall's six matters fit one page
    expect(await spoken(kiosk)).toEqual([]); // silent until asked
    await kiosk.click('[data-testid=elder-mode]');
    await kiosk.waitForSelector('[data-testid=kiosk][data-elder=true]');
    await kiosk.waitForSelector('[data-testid=elder-help]');
    await waitForText(kiosk, '[data-testid=page-cue]', '第 1/2 页');
    expect(await fontSize(kiosk, '.home-title')).toBeGreaterThan(normal.title);
    expect(await fontSize(kiosk, '.tile-name')).toBeGreaterThan(normal.tile);
    const first = await tileNames(kiosk);
    expect(first.length).toBe(4);

    // The home step: the mode's introduction, the title, then every choice on the page.
    const home = await saidWith(kiosk, '长者模式已开启', '请选择要办理的事项', ...first, '下一页');
    expect(home).toContain('可以选择');
    await expectAccessible(kiosk, 'kiosk: elder mode home');

    // Another page of matters is read as it shows.
    await kiosk.click('[data-testid=page-next]');
    await waitForText(kiosk, '[data-testid=page-cue]', '第 2/2 页');
    const second = await tileNames(kiosk);
    expect(second.length).toBe(2);
    await saidWith(kiosk, '请选择要办理的事项', ...second, '上一页');
  });

  it('reads the materials step, and its help button shows on the desk at once', async () => {
    await kiosk.click('[data-testid=page-prev]');
    await kiosk.click('[data-testid=matter-B]');
    await kiosk.waitForSelector('[data-testid=materials]');
    await saidWith(kiosk, '一次性告知', '材料已带齐，取号', '返回');
    expect(await desk.locator('[data-testid=help-alert]').count()).toBe(0);

    await kiosk.click('[data-testid=elder-help]');
    await waitForText(kiosk, '[data-testid=elder-help-status]', '已通知工作人员');
    await saidWith(kiosk, '已通知工作人员，请在这里稍候');
    await expectAccessible(kiosk, 'kiosk: elder mode materials, help asked');
    // On the desk: which kiosk (this one is not paired) and when.
    await desk.waitForSelector('[data-testid=help-alert]');
    expect(await desk.textContent('[data-testid=help-alert]')).toContain('未登记的自助机');
    expect(await desk.textContent('[data-testid=help-alert]')).toMatch(/\d\d:\d\d 求助/);
    await expectAccessible(desk, 'desk: a help alert');
    // A second press within the minute tells nobody twice.
    await kiosk.click('[data-testid=elder-help]');
    await waitForText(kiosk, '[data-testid=elder-help-status]', '已通知工作人员');
    expect(await served.db.selectFrom('help_alerts').selectAll().execute()).toHaveLength(1);
    await desk.click('[data-testid=help-ack]');
    await desk.waitForSelector('[data-testid=help-alert]', { state: 'detached' });
    const [row] = await served.db.selectFrom('help_alerts').selectAll().execute();
    expect(row!.acknowledged_at).not.toBeNull();
  });

  it('reads the ticket, shows no countdown, and ends at the idle reset (later than usual)', async () => {
    await kiosk.click('[data-testid=confirm]');
    const number = (await kiosk.waitForSelector('[data-testid=ticket-number]')).textContent();
    expect(await printedAtLeast(kiosk, 1)).toBe(1);
    await saidWith(kiosk, '取号成功', `您的号码 ${(await number)!.trim()}`, '完成');
    expect(await kiosk.locator('.ticket-auto').count()).toBe(0); // no "返回首页 in 60 s"
    expect(await kiosk.locator('[data-testid=elder-help]').count()).toBe(1);

    // The usual minute passes: an older resident is not hurried.
    await kiosk.clock.fastForward(61_000);
    await kiosk.waitForSelector('[data-testid=ticket]');
    expect(await kiosk.getAttribute('[data-testid=kiosk]', 'data-elder')).toBe('true');
    // Three minutes without a touch: back home, in the usual mode.
    await kiosk.clock.fastForward(120_000);
    await kiosk.waitForSelector('[data-testid=kiosk][data-elder=false]');
    await kiosk.waitForSelector('[data-testid=elder-mode]');
    expect(await kiosk.locator('[data-testid=elder-help]').count()).toBe(0);
    expect(await fontSize(kiosk, '.home-title')).toBeLessThan(60);
    expect(errors.flat()).toEqual([]);
  });

  it('ends once the resident finishes with the ticket', async () => {
    await kiosk.click('[data-testid=elder-mode]');
    await kiosk.waitForSelector('[data-testid=kiosk][data-elder=true]');
    await kiosk.click('[data-testid=matter-A]');
    await kiosk.click('[data-testid=confirm]');
    await kiosk.waitForSelector('[data-testid=ticket-number]');
    expect(await printedAtLeast(kiosk, 2)).toBe(2);
    await kiosk.click('[data-testid=done]');
    await kiosk.waitForSelector('[data-testid=kiosk][data-elder=false]');
    expect(errors.flat()).toEqual([]);
  });
});
