// The clerk's console as a clerk works it at a 1366×768 or 1280×720 screen with the browser's
// own bars (about 650 and 590 px left for the page): every action in sight, a call made
// offline refused plainly and never sent later, shortcuts that obey the buttons, and a
// transfer that offers only what can serve the ticket and says where it went.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { openCounterInConsole, openScreens, ServedApp, waitForText } from './harness.ts';

const SIZES = [
  { width: 1366, height: 650 },
  { width: 1280, height: 590 },
];
const ACTIONS = ['callNext', 'recall', 'start', 'finish', 'noShow', 'requeue', 'transfer', 'pause', 'close'];

/** Each action button's box, and whether the page scrolls. */
async function geometry(page: Page) {
  return page.evaluate((ids) => {
    const out: string[] = [];
    for (const id of ids) {
      const el = document.querySelector(`[data-testid=action-${id}]`);
      if (!el) {
        out.push(`${id}: missing`);
        continue;
      }
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth)
        out.push(
          `${id}: ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
    }
    const root = document.scrollingElement!;
    if (root.scrollHeight > innerHeight) out.push(`page scrolls: ${root.scrollHeight} > ${innerHeight}`);
    return out;
  }, ACTIONS);
}

const ticketStatus = async (served: ServedApp, number: string) =>
  (
    await served.db
      .selectFrom('tickets')
      .select('status')
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
  ).status;

describe('the clerk console', () => {
  let served: ServedApp;
  let browser: Browser;
  let clerk: Page;
  const errors: string[][] = [];
  const issued: string[] = [];

  beforeAll(async () => {
    const screens = await openScreens(SIZES[0]!);
    ({ served, browser } = screens);
    [clerk] = screens.pages;
    errors.push(...screens.errors);
    for (let i = 0; i < 14; i++) {
      const t = await served.api<{ number: string }>('POST', `/halls/${served.hallId}/tickets`, {
        matterId: served.t.demo.matters.A,
      });
      issued.push(t.number);
    }
    await openCounterInConsole(clerk, served, 'clerk1', 1);
    await waitForText(clerk, '[data-testid=queue]', issued[0]!);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('shows every action without scrolling at 1366×650 and 1280×590, idle, called and serving', async () => {
    const seen: Record<string, string[]> = {};
    const measure = async (state: string) => {
      for (const size of SIZES) {
        await clerk.setViewportSize(size);
        seen[`${state} ${size.width}×${size.height}`] = await geometry(clerk);
      }
    };
    await measure('idle');
    await clerk.keyboard.press('F1');
    await waitForText(clerk, '[data-testid=current-number]', issued[0]!);
    await measure('called');
    await clerk.keyboard.press('s');
    await waitForText(clerk, '[data-testid=current]', '办理用时');
    await clerk.keyboard.press('p'); // refused locally: a message shows
    await clerk.waitForSelector('[data-testid=message] .msg');
    await measure('serving with a message');
    for (const list of Object.values(seen)) expect(list).toEqual([]);
    expect(Object.keys(seen)).toHaveLength(6);
    await expectAccessible(clerk, 'console serving');
  });

  it('refuses a shortcut the way the disabled button does, saying why, without asking the server', async () => {
    // Serving: pause is disabled, so P explains instead of sending a refusal-bound request.
    const text = (await clerk.textContent('[data-testid=message]'))!;
    expect(text).toContain('当前号码');
    expect(text).not.toContain('操作未成功');
    const paused = await served.db
      .selectFrom('counters')
      .select('status')
      .where('number', '=', 1)
      .executeTakeFirstOrThrow();
    expect(paused.status).toBe('open');
  });

  it('refuses a call made offline plainly, never sends it later, and clears the error when back', async () => {
    await clerk.keyboard.press('f'); // finish the one being served
    await waitForText(clerk, '[data-testid=current]', '当前没有号码');
    const next = issued[1]!;
    await clerk.context().setOffline(true);
    await clerk.keyboard.press('F1');
    await waitForText(clerk, '[data-testid=message]', '未发送');
    await clerk.waitForSelector('[data-testid=offline]');
    const banner = (await clerk.textContent('[data-testid=offline]'))!;
    expect(banner).not.toContain('无需操作');
    expect(banner).toContain('重新');
    await clerk.context().setOffline(false);
    // Back online: the error about the connection goes, and nothing was sent meanwhile.
    await clerk.waitForSelector('[data-testid=offline]', { state: 'detached', timeout: 20_000 });
    await clerk.waitForFunction(() => !document.querySelector('[data-testid=message] .msg-error'));
    expect(await ticketStatus(served, next)).toBe('waiting');
    expect(await clerk.textContent('[data-testid=current]')).toContain('当前没有号码');
    await clerk.keyboard.press('F1');
    await waitForText(clerk, '[data-testid=current-number]', next);
    expect(await ticketStatus(served, next)).toBe('called');
    expect(await ticketStatus(served, issued[2]!)).toBe('waiting');
  });

  it('clears a refusal once the state it was about has gone', async () => {
    // Called: a second F1 is refused ("start, recall or no-show first") ...
    await clerk.keyboard.press('F1');
    await clerk.waitForSelector('[data-testid=message] .msg');
    // ... and once the ticket is being served, that sentence is no longer true.
    await clerk.click('[data-testid=action-start]');
    await waitForText(clerk, '[data-testid=current]', '办理用时');
    await clerk.waitForFunction(() => !document.querySelector('[data-testid=message] .msg'));
  });

  it('offers only open counters and matters served now, and says where the ticket went', async () => {
    const cookie = await served.login('clerk3');
    await served.api('POST', `/counters/${served.t.demo.counters[3]}/open`, undefined, cookie);
    await clerk.keyboard.press('t');
    await clerk.waitForSelector('[data-testid=transfer-dialog]');
    await clerk.waitForSelector('[data-testid=transfer-counter-3]');
    // Counter 3 (B, C) is the only other one open: B and C are served, A only here (and not by
    // another open counter), D, E, F by nobody open.
    const counters = await clerk.$$eval('[data-testid^=transfer-counter-]', (els) =>
      els.map((e) => e.getAttribute('data-testid')),
    );
    expect(counters).toEqual(['transfer-counter-3']);
    const matters = await clerk.$$eval('[data-testid^=transfer-matter-]', (els) =>
      els.map((e) => e.getAttribute('data-testid')),
    );
    expect(matters.sort()).toEqual(['transfer-matter-B', 'transfer-matter-C']);
    for (const size of SIZES) {
      await clerk.setViewportSize(size);
      const box = await clerk.evaluate(() => {
        const r = document.querySelector('[data-testid=dialog-cancel]')!.getBoundingClientRect();
        const modal = document.querySelector('.modal')!.getBoundingClientRect();
        return { bottom: r.bottom, right: r.right, modalBottom: modal.bottom, vh: innerHeight };
      });
      expect(box.bottom).toBeLessThanOrEqual(Math.min(box.modalBottom, box.vh));
    }
    await expectAccessible(clerk, 'transfer dialog');
    const moving = (await clerk.textContent('[data-testid=current-number]'))!.trim();
    await clerk.click('[data-testid=transfer-matter-B]');
    await waitForText(clerk, '[data-testid=message]', moving);
    const said = (await clerk.textContent('[data-testid=message]'))!;
    expect(said).toContain('社保');
    await clerk.click('[data-testid=lang]');
    await waitForText(clerk, '[data-testid=message]', 'Social insurance');
    await clerk.click('[data-testid=lang]');
  });

  it('ran without a script error', () => {
    expect(errors.flat()).toEqual([]);
  });
});
