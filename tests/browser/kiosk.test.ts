// The kiosk under stress: a double tap, and a server restart in the middle of taking a ticket.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectErrors,
  ensureWebBuilt,
  launchChromium,
  openScreen,
  PORTRAIT,
  ServedApp,
  waitForText,
  printedAtLeast,
} from './harness.ts';

describe('the kiosk', () => {
  let served: ServedApp;
  let browser: Browser;
  let kiosk: Page;
  let errors: string[];
  const issues: Request[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    browser = await launchChromium();
    kiosk = (await openScreen(browser, PORTRAIT)).page;
    errors = collectErrors(kiosk);
    kiosk.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/tickets')) issues.push(r);
    });
    // No ?hall=: the kiosk takes the first hall.
    await kiosk.goto(`${served.url}/kiosk/`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('issues one ticket and prints once for a double tap', async () => {
    // A real double tap on the confirm button.
    await kiosk.click('[data-testid=matter-B]');
    const box = (await kiosk.locator('[data-testid=confirm]').boundingBox())!;
    await kiosk.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await waitForText(kiosk, '[data-testid=ticket-number]', 'B001');
    expect(issues).toHaveLength(1);
    expect(await served.ticketCount()).toBe(1);
    expect(await printedAtLeast(kiosk, 1)).toBe(1);
    await kiosk.click('[data-testid=done]');

    // Two taps in the same instant, before the page could even re-render.
    await kiosk.click('[data-testid=matter-B]');
    await kiosk.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid=confirm]')!;
      button.click();
      button.click();
    });
    await waitForText(kiosk, '[data-testid=ticket-number]', 'B002');
    expect(issues).toHaveLength(2);
    expect(await served.ticketCount()).toBe(2);
    expect(await printedAtLeast(kiosk, 2)).toBe(2);
    await kiosk.click('[data-testid=done]');
    await kiosk.waitForSelector('[data-testid=matter-B]');
  });

  it('prints the ticket on one page of 80 mm roll paper', async () => {
    await kiosk.click('[data-testid=matter-A]');
    await kiosk.click('[data-testid=confirm]');
    await kiosk.waitForSelector('[data-testid=ticket] img');
    const pdf = (await kiosk.pdf({ preferCSSPageSize: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
    expect(pages).toHaveLength(1);
    const [, width, height] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!;
    expect((Number(width) * 25.4) / 72).toBeCloseTo(80, 0); // points → mm
    expect((Number(height) * 25.4) / 72).toBeLessThan(200);
    await kiosk.click('[data-testid=done]');
    await kiosk.waitForSelector('[data-testid=matter-A]');
  });

  it('rides out a server restart: reconnecting, the same Idempotency-Key, one ticket', async () => {
    issues.length = 0;
    await served.stop();
    await kiosk.waitForSelector('[data-testid=offline]');
    expect(await kiosk.textContent('[data-testid=offline]')).toContain('正在重新连接');

    // A touch while the server is down: the kiosk keeps trying the same request.
    await kiosk.click('[data-testid=matter-C]');
    await kiosk.click('[data-testid=confirm]');
    await kiosk.waitForFunction(() => document.body.textContent!.includes('正在自动重试取号'));
    await served.startAgain();

    await waitForText(kiosk, '[data-testid=ticket-number]', 'C001', 30_000);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]', { timeout: 30_000 });
    expect(await kiosk.$('[data-testid=offline]')).toBeNull();
    expect(issues.length).toBeGreaterThan(1);
    const keys = new Set(issues.map((r) => r.headers()['idempotency-key']));
    expect(keys.size).toBe(1);
    expect(await served.ticketCount()).toBe(4);
    expect(await printedAtLeast(kiosk, 4)).toBe(4);

    // And it issues again as usual.
    await kiosk.click('[data-testid=done]');
    await kiosk.click('[data-testid=matter-C]');
    await kiosk.click('[data-testid=confirm]');
    await waitForText(kiosk, '[data-testid=ticket-number]', 'C002');
    expect(await served.ticketCount()).toBe(5);
  });

  it('shows walk-in-closed matters with the reason and does not let them be chosen', async () => {
    await kiosk.click('[data-testid=done]');
    const manager = await served.login('manager');
    await served.app!.inject({
      method: 'PATCH',
      url: `/api/v1/matters/${served.t.demo.matters.E}`,
      headers: { cookie: manager },
      payload: { walkIn: false },
    });
    await waitForText(kiosk, '[data-testid=matter-E]', '仅限预约');
    expect(await kiosk.isDisabled('[data-testid=matter-E]')).toBe(true);
  });

  it('switches to English and back', async () => {
    await kiosk.click('[data-testid=lang]');
    await waitForText(kiosk, 'h1', 'Choose what you need to do');
    await kiosk.click('[data-testid=lang]');
    await waitForText(kiosk, 'h1', '请选择要办理的事项');
    expect(errors).toEqual([]);
  });
});
