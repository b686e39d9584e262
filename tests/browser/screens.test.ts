// The three screens together in headless Chromium: a ticket taken at the kiosk, called at the
// clerk console, shown and announced on the wall display; recalls, reloads and reconnects.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callText } from '../../server/src/domain/call-speech.ts';
import {
  announcements,
  LANDSCAPE,
  openCounterInConsole,
  openScreens,
  PORTRAIT,
  ServedApp,
  waitForText,
  printedAtLeast,
} from './harness.ts';

const waitForAnnouncements = (page: Page, n: number) =>
  page.waitForFunction(
    (count) => (window as unknown as { __announcements: string[] }).__announcements.length >= count,
    n,
    {
      timeout: 15_000,
    },
  );

describe('the hall screens', () => {
  let served: ServedApp;
  let browser: Browser;
  let display: Page;
  let kiosk: Page;
  let clerk: Page;
  const errors: string[][] = [];

  beforeAll(async () => {
    const screens = await openScreens(LANDSCAPE, PORTRAIT, LANDSCAPE);
    ({ served, browser } = screens);
    [display, kiosk, clerk] = screens.pages;
    errors.push(...screens.errors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('takes a ticket at the kiosk, calls it at the console, and the display shows and announces it', async () => {
    await display.goto(`${served.url}/display/?hall=${served.hallId}`);
    await display.waitForSelector('[data-ready=true]');

    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await kiosk.click('[data-testid=matter-A]');
    await kiosk.waitForSelector('[data-testid=materials]');
    expect(await kiosk.textContent('[data-testid=materials]')).toContain('居民身份证');
    await kiosk.click('[data-testid=confirm]');
    await waitForText(kiosk, '[data-testid=ticket-number]', 'A001');
    expect(await printedAtLeast(kiosk, 1)).toBe(1);
    expect(await kiosk.getAttribute('[data-testid=ticket] img', 'src')).toMatch(/^data:image\/png/);

    await openCounterInConsole(clerk, served, 'clerk1', 1);
    await waitForText(clerk, '[data-testid=queue]', 'A001');
    await clerk.keyboard.press('F1');
    await waitForText(clerk, '[data-testid=current-number]', 'A001');
    await waitForText(clerk, '[data-testid=call-count]', '1');

    await waitForText(display, '[data-testid=now-number]', 'A001');
    await waitForText(display, '[data-testid=counter-1]', 'A001');
    await waitForAnnouncements(display, 1);
    // The number spelled, the counter said as a number (issue 21).
    expect(await announcements(display)).toEqual(['请 A 零 零 一 号到 一 号窗口办理']);
  });

  it('announces a recall again, as a recall', async () => {
    await clerk.keyboard.press('r');
    await waitForText(clerk, '[data-testid=call-count]', '2');
    await waitForAnnouncements(display, 2);
    expect(await announcements(display)).toEqual([
      '请 A 零 零 一 号到 一 号窗口办理',
      '请 A 零 零 一 号再次到 一 号窗口办理',
    ]);
  });

  it('shows the current state after a reload and does not announce old calls again', async () => {
    await display.reload();
    await display.waitForSelector('[data-ready=true]');
    await waitForText(display, '[data-testid=now-number]', 'A001');
    await waitForText(display, '[data-testid=counter-1]', 'A001');

    // A new call after the reload is the only one announced: events come in order, so an old
    // call announced again would have come first.
    served.t.clock.advance(1);
    await clerk.keyboard.press('s');
    await waitForText(clerk, '[data-testid=current]', '办理用时');
    const b = await served.api<{ number: string }>('POST', `/halls/${served.hallId}/tickets`, {
      matterId: served.t.demo.matters.A,
    });
    await waitForText(clerk, '[data-testid=queue]', b.number);
    await clerk.keyboard.press(' '); // Space: finishes A001 and calls the next
    await waitForText(clerk, '[data-testid=current-number]', b.number);
    await waitForAnnouncements(display, 1);
    expect(await announcements(display)).toEqual([callText({ number: b.number, counterNumber: 1 })]);
    await waitForText(display, '[data-testid=now-number]', b.number);
    await waitForText(display, '[data-testid=recent]', 'A001');
  });

  it('announces once a call made while the display was disconnected', async () => {
    const before = (await announcements(display)).length;
    const cookie = await served.login('clerk2');
    await served.api('POST', `/counters/${served.t.demo.counters[2]}/open`, undefined, cookie);
    const c = await served.api<{ number: string }>('POST', `/halls/${served.hallId}/tickets`, {
      matterId: served.t.demo.matters.F,
    });
    served.t.clock.advance(1);
    // Every socket drops; the call happens before any of them is back.
    served.app!.realtime.io.disconnectSockets(true);
    await served.api('POST', `/counters/${served.t.demo.counters[2]}/call-next`, undefined, cookie);
    await waitForText(display, '[data-testid=now-number]', c.number, 20_000);
    await waitForText(display, '[data-testid=counter-2]', c.number);
    await waitForAnnouncements(display, before + 1);
    // Give a duplicate the time to show up if there were one.
    await display.waitForTimeout(1500);
    expect((await announcements(display)).slice(before)).toEqual([
      callText({ number: c.number, counterNumber: 2 }),
    ]);
  });

  it('serves at the console: no-show and requeue, transfer, a chosen call, pause and close', async () => {
    // The current ticket (called) is marked a no-show, then requeued.
    const current = (await clerk.textContent('[data-testid=current-number]'))!.trim();
    await clerk.keyboard.press('n');
    await waitForText(clerk, '[data-testid=action-requeue]', current);
    await clerk.keyboard.press('q');
    await waitForText(clerk, '[data-testid=queue]', current);

    // 特呼: call the requeued ticket from the list, start it, transfer it to another matter.
    await clerk.click(`[data-testid=call-${current}]`);
    await waitForText(clerk, '[data-testid=current-number]', current);
    await clerk.keyboard.press('s');
    await waitForText(clerk, '[data-testid=current]', '办理用时');
    await clerk.keyboard.press('t');
    await clerk.waitForSelector('[data-testid=transfer-dialog]');
    // Only what an open counter serves is offered: counter 2 (A, F) is the other one open.
    await clerk.click('[data-testid=transfer-matter-F]');
    await clerk.waitForSelector('[data-testid=transfer-dialog]', { state: 'detached' });
    await waitForText(clerk, '[data-testid=current]', '当前没有号码');
    const moved = await served.db
      .selectFrom('tickets')
      .select(['status', 'matter_id'])
      .where('number', '=', current)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ status: 'waiting', matter_id: served.t.demo.matters.F });

    await clerk.keyboard.press('p');
    await waitForText(clerk, '[data-testid=counter-status]', '暂停');
    await waitForText(display, '[data-testid=counter-1]', '暂停');
    // The key obeys the disabled button and says why, in words.
    await clerk.keyboard.press('F1');
    await waitForText(clerk, '[data-testid=message]', '窗口已暂停');
    await clerk.keyboard.press('p');
    await waitForText(clerk, '[data-testid=counter-status]', '开放');

    // A second tab shows the same counter, from the server.
    const second = await clerk.context().newPage();
    await second.goto(`${served.url}/counter/`);
    await second.waitForSelector('[data-testid=console]');
    await waitForText(second, '[data-testid=counter-status]', '开放');
    await second.close();

    await clerk.keyboard.press('c');
    await clerk.click('[data-testid=close-confirm]');
    await clerk.waitForSelector('[data-testid=open-counter-1]');
    await display.waitForSelector('[data-testid=counter-1]', { state: 'detached' });
  });

  it('ran every screen without a script error', () => {
    expect(errors.flat()).toEqual([]);
  });
});
