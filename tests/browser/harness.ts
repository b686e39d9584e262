// Browser tests: the web build (made once, skipped when fresh), Debian's Chromium driven by
// playwright-core, and the app listening on a real port, which can be stopped and started
// again on the same port and database (a server restart).
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.ts';
import { ROOT, WEB_DIST } from '../../server/src/web.ts';
import { BROWSER_SOURCES } from '../../vite.config.ts';
import { makeTestApp, SECRET, type TestApp } from '../helpers/app.ts';

export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
/** A rating pad or a counter screen (docs/DEVICES.md). */
export const TABLET = { width: 1280, height: 800 };

export interface Viewport {
  width: number;
  height: number;
}

const MARKER = join(WEB_DIST, '.built');
const LOCK = join(ROOT, 'dist', '.web-build.lock');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function buildIsFresh(): boolean {
  try {
    const built = statSync(MARKER).mtimeMs;
    const sources = [...BROWSER_SOURCES, 'vite.config.ts'].map((p) => newestMtime(join(ROOT, p)));
    return built >= Math.max(...sources);
  } catch {
    return false;
  }
}

/**
 * Builds the screens unless dist/web is newer than every source. Test files run in parallel
 * workers, so the build is guarded by a lock directory; the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (buildIsFresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // the lock went away meanwhile
      }
      await new Promise((r) => setTimeout(r, 250));
      if (buildIsFresh()) return;
    }
  }
  try {
    if (!buildIsFresh()) {
      const { build } = await import('vite');
      await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `extraArgs`: e.g. the device start flags of docs/DEVICES.md (tests/browser/devices.ts). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * A browser context for one screen. `window.print` is replaced by a counter (headless Chromium
 * has no printer) so tests can tell how many tickets went to the printer.
 */
export async function openScreen(
  browser: Browser,
  viewport: Viewport,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'UTC' });
  await context.addInitScript(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed += 1;
    };
  });
  const page = await context.newPage();
  return { context, page };
}

/**
 * The setup of a browser test: builds the web screens, starts the app, launches Chromium and
 * opens one screen a viewport (in that order), collecting each page's errors.
 */
export async function openScreens<const V extends readonly Viewport[]>(
  ...viewports: V
): Promise<{ served: ServedApp; browser: Browser; pages: { [K in keyof V]: Page }; errors: string[][] }> {
  await ensureWebBuilt();
  const served = await ServedApp.start();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const pages: Page[] = [];
    for (const viewport of viewports) pages.push((await openScreen(browser, viewport)).page);
    return {
      served,
      browser,
      pages: pages as { [K in keyof V]: Page },
      errors: pages.map((page) => collectErrors(page)),
    };
  } catch (e) {
    await browser?.close();
    await served.close();
    throw e;
  }
}

/** The app on 127.0.0.1 at a real port, on a PGlite database with the demo hall. */
export class ServedApp {
  private constructor(
    readonly t: TestApp,
    public app: FastifyInstance | null,
    readonly port: number,
  ) {}

  static async start(): Promise<ServedApp> {
    const t = await makeTestApp('pglite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    return new ServedApp(t, t.app, (t.app.server.address() as AddressInfo).port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get hallId(): string {
    return this.t.demo.hallId;
  }

  get db() {
    return this.t.handle.db;
  }

  /** Stops the server process's app (sockets and HTTP); the database stays. */
  async stop(): Promise<void> {
    await this.app?.close();
    this.app = null;
  }

  /** A new app on the same database and port, as after a restart. */
  async startAgain(): Promise<void> {
    const app = await buildApp({
      db: this.t.handle.db,
      secret: SECRET,
      clock: this.t.clock,
      logLevel: 'silent',
    });
    await app.listen({ port: this.port, host: '127.0.0.1' });
    this.app = app;
  }

  /** JSON API call on the running app, as staff when a cookie is given. */
  async api<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, cookie?: string): Promise<T> {
    if (!this.app) throw new Error('the app is stopped');
    const res = await this.app.inject({
      method,
      url: `/api/v1${path}`,
      headers: cookie ? { cookie } : {},
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    if (res.statusCode >= 400) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return (res.body ? res.json() : null) as T;
  }

  async login(username: string): Promise<string> {
    const res = await this.app!.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: this.t.demo.passwords[username] },
    });
    const c = res.cookies.find((x) => x.name === 'hallq_session');
    if (!c) throw new Error(`login ${username} failed: ${res.body}`);
    return `hallq_session=${c.value}`;
  }

  async ticketCount(): Promise<number> {
    const row = await this.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.t.handle.close();
  }
}

/** Waits until the element's text contains `text`. */
export async function waitForText(
  page: Page,
  selector: string,
  text: string,
  timeout = 15_000,
): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel!)?.textContent?.includes(want!) ?? false,
    [selector, text],
    { timeout },
  );
}

/**
 * The tickets the page has sent to the printer, once at least `n` have gone. The kiosk prints
 * only after the ticket's QR code is drawn and decoded, a moment after the number shows, so a
 * test waits for the print rather than reading the count at once; then it asserts the exact
 * count (a ticket printed twice still fails).
 */
export async function printedAtLeast(page: Page, n: number, timeout = 15_000): Promise<number> {
  await page.waitForFunction((want) => (window as unknown as { __printed: number }).__printed >= want, n, {
    timeout,
  });
  return page.evaluate(() => (window as unknown as { __printed: number }).__printed);
}

/** Page errors and failed console messages, to assert a screen ran clean. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Signs in on the counter console and opens counter `number`. */
export async function openCounterInConsole(page: Page, served: ServedApp, username: string, number: number) {
  await page.goto(`${served.url}/counter/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', served.t.demo.passwords[username]!);
  await page.click('[data-testid=sign-in]');
  await page.click(`[data-testid=open-counter-${number}]`);
  await page.waitForSelector('[data-testid=console]');
}

export const announcements = (page: Page) =>
  page.evaluate(() => (window as unknown as { __announcements: string[] }).__announcements.slice());
