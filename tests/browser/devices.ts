// The device start flags of docs/DEVICES.md that matter in a test: silent printing and sound
// without a click. The browser tests of unattended devices start Chromium with them (and the
// test checks that DEVICES.md still gives every one of them).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Viewport } from './harness.ts';

export const DEVICE_FLAGS = [
  '--kiosk-printing',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=Translate',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
] as const;

/**
 * A device page as a hall runs it: the real `window.print` (which --kiosk-printing sends
 * straight to the default printer), counted on the way through.
 */
export async function openDevice(
  browser: Browser,
  viewport: Viewport,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addInitScript(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    const print = window.print.bind(window);
    window.print = () => {
      w.__printed += 1;
      print();
    };
  });
  return { context, page: await context.newPage() };
}

export const sounded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sounded: string[] }).__sounded.slice());
