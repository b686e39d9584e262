// The browser start line of docs/DEVICES.md, in one place: the browser tests of unattended
// devices and the soak (bench/soak.ts) start Chromium with exactly these flags, and
// tests/browser/devices.test.ts checks that every start line in DEVICES.md gives every one of
// them and no flag that is not here (DEVICE_LINE_EXTRAS: what only some lines need).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Viewport } from './harness.ts';

/** Every unattended device's start line (Linux Chromium, as the tests run), in the doc's order. */
export const DEVICE_FLAGS = [
  '--kiosk',
  '--kiosk-printing',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=Translate',
  '--disable-translate',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--hide-crash-restore-bubble',
  '--no-first-run',
  '--no-default-browser-check',
  '--overscroll-history-navigation=0',
  '--disable-pinch',
  '--check-for-update-interval=31536000',
  '--enable-speech-dispatcher',
] as const;

/**
 * Flags a start line in DEVICES.md may add: its own profile (every line), Edge's kiosk type,
 * and for the staffed help desk and clerk console a normal maximised window instead of --kiosk.
 * `--enable-speech-dispatcher` is on Linux lines only (Windows has its own speech).
 */
export const DEVICE_LINE_EXTRAS = ['--user-data-dir', '--edge-kiosk-type', '--start-maximized'] as const;

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
