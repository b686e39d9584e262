// The wall display tells the truth: after a reload it shows exactly what it showed before
// (now calling, recent calls with transfers and requeues, counters), it never shows a number
// as called once that call is over, every word is readable across the hall (24 px and up),
// a matter nobody serves says so, and axe finds nothing.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { LANDSCAPE, openScreens, ServedApp, waitForText } from './harness.ts';

/** What the wall shows, minus the clock. */
const visible = (page: Page) =>
  page.evaluate(() => {
    const text = (sel: string) => document.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return {
      now: text('[data-testid=now-calling]'),
      recent: text('[data-testid=recent]'),
      counters: text('[data-testid=counters]'),
      waiting: text('[data-testid=waiting]'),
    };
  });

describe('the wall display', () => {
  let served: ServedApp;
  let browser: Browser;
  let wall: Page;
  const errors: string[][] = [];
  const cookies: Record<number, string> = {};
  const counter = (n: number) => served.t.demo.counters[n]!;
  const act = <T = { id: string; number: string }>(path: string, n: number, body?: unknown) =>
    served.api<T>('POST', path, body, cookies[n]);

  beforeAll(async () => {
    const screens = await openScreens(LANDSCAPE);
    ({ served, browser } = screens);
    [wall] = screens.pages;
    errors.push(...screens.errors);
    for (const n of [1, 2, 3]) {
      cookies[n] = await served.login(`clerk${n}`);
      await act(`/counters/${counter(n)}/open`, n);
    }
    for (const m of ['A', 'A', 'A', 'E'])
      await served.api('POST', `/halls/${served.hallId}/tickets`, { matterId: served.t.demo.matters[m] });
    await wall.goto(`${served.url}/display/?hall=${served.hallId}`);
    await wall.waitForSelector('[data-ready=true]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const reloadAndCompare = async () => {
    // The waiting counts follow events with a short delay: wait until they are the server's.
    const board = await served.api<{ waiting: { count: number }[] }>('GET', `/halls/${served.hallId}/board`);
    await wall.waitForFunction(
      (want) => [...document.querySelectorAll('.d-w-count')].map((e) => e.textContent).join() === want,
      board.waiting.map((w) => String(w.count)).join(),
    );
    const before = await visible(wall);
    await wall.reload();
    await wall.waitForSelector('[data-ready=true]');
    await wall.waitForFunction(() => document.querySelector('[data-testid=waiting] tbody tr'));
    expect(await visible(wall)).toEqual(before);
    return before;
  };

  it('never shows a finished, transferred or requeued number as being called, before or after a reload', async () => {
    served.t.clock.advance(1);
    const a1 = await act(`/counters/${counter(1)}/call-next`, 1);
    served.t.clock.advance(1);
    const a2 = await act(`/counters/${counter(2)}/call-next`, 2);
    served.t.clock.advance(1);
    await act(`/tickets/${a2.id}/transfer`, 2, { matterId: served.t.demo.matters.B });
    served.t.clock.advance(1);
    const a3 = await act(`/counters/${counter(2)}/call-next`, 2);
    served.t.clock.advance(1);
    await act(`/tickets/${a3.id}/no-show`, 2);
    await act(`/tickets/${a3.id}/requeue`, 2);
    served.t.clock.advance(1);
    await act(`/tickets/${a1.id}/start`, 1);
    await act(`/tickets/${a1.id}/finish`, 1);
    await waitForText(wall, '[data-testid=counter-1]', '空闲');
    await wall.waitForFunction(() => !document.querySelector('[data-testid=now-number]'));
    const shown = await reloadAndCompare();
    // Every call of the day is in the recent list, the transferred and requeued ones too.
    for (const n of [a1.number, a2.number, a3.number]) expect(shown.recent).toContain(n);
    expect(shown.now).not.toContain(a1.number);
  });

  it('shows a new call, and the same after a reload', async () => {
    served.t.clock.advance(1);
    const b = await act(`/counters/${counter(3)}/call-next`, 3);
    await waitForText(wall, '[data-testid=now-number]', b.number);
    const shown = await reloadAndCompare();
    expect(shown.now).toContain(b.number);
    await expectAccessible(wall, 'wall with a call');
  });

  it('says plainly that no counter serves a matter now, instead of 待定', async () => {
    const { waiting } = await visible(wall);
    expect(waiting).not.toContain('待定');
    expect(waiting).toContain('暂无窗口办理');
  });

  it('has no text under 24 px', async () => {
    const small = await wall.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !n.textContent?.trim()) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 24 && el.getClientRects().length) out.push(`${size}px: ${n.textContent.trim()}`);
      }
      return out;
    });
    expect(small).toEqual([]);
  });

  it('ran without a script error', () => {
    expect(errors.flat()).toEqual([]);
  });
});
