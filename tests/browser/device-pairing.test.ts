// The console's Devices section (设备, counters tab; docs/DEVICES.md "Kiosks, wall displays,
// counter screens"): the demo manager pairs a kiosk, the link shown once opens the kiosk in its
// own browser profile and the kiosk sends its token; the list shows when each device was last
// heard from and marks a silent one offline (issue 20); unpairing it in the console stops the
// token. A rating pad's pairing link carries its token in the fragment only; its cell in the
// counters tab follows the pad going silent and coming back without a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { LANDSCAPE, openScreens, PORTRAIT, ServedApp, waitForText } from './harness.ts';

describe('pairing a device in the manager console', () => {
  let served: ServedApp;
  let browser: Browser;
  let admin: Page;
  let kiosk: Page;
  const errors: string[][] = [];

  beforeAll(async () => {
    const screens = await openScreens(LANDSCAPE, PORTRAIT);
    ({ served, browser } = screens);
    [admin, kiosk] = screens.pages;
    errors.push(...screens.errors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** The error code of a check-in by ID number sent with the token: only a paired kiosk may. */
  const checkInCode = async (token: string) => {
    const res = await served.app!.inject({
      method: 'POST',
      url: `/api/v1/halls/${served.hallId}/check-in`,
      headers: { 'x-device-token': token },
      payload: { idNumber: 'H12345678', documentType: 'hk_macau_permit' },
    });
    return (res.json() as { error?: { code: string } }).error?.code;
  };

  let token = '';
  /** The rating pad paired at counter 3, and its pairing link. */
  let tablet: Page;
  let padLink: URL;

  it('pairs a kiosk, shows its link once, and the link pairs the kiosk', async () => {
    await admin.goto(`${served.url}/admin/#counters`);
    await admin.fill('input[name=username]', 'manager');
    await admin.fill('input[name=password]', served.t.demo.passwords.manager!);
    await admin.click('[data-testid=sign-in]');
    await admin.waitForSelector('[data-testid=pair-device]');
    await admin.selectOption('[data-testid=device-kind]', 'kiosk');
    await admin.fill('[data-testid=device-name]', '一号取号机');
    await admin.click('[data-testid=pair-device-submit]');
    await waitForText(admin, '[data-testid=device-list]', '一号取号机');
    await waitForText(admin, '[data-testid=device-list]', '自助取号机');
    const link = await admin.inputValue('[data-testid=device-link]');
    const url = new URL(link);
    expect(url.origin).toBe(served.url);
    expect(url.pathname).toBe('/kiosk/');
    expect(url.searchParams.get('device')).toBe('一号取号机');
    token = /^#device=(.+)$/.exec(url.hash)![1]!;
    expect(token.length).toBeGreaterThan(8);
    await admin.waitForSelector(`[data-testid=device-link-box] img[src^="data:image/png"]`);
    await expectAccessible(admin, 'console devices section with a new link');
    // The list never shows a token.
    expect(await admin.textContent('[data-testid=device-list]')).not.toContain(token);

    // The kiosk, in its own profile, opens the link: it keeps the token and sends it.
    const sent = kiosk.waitForRequest((r) => r.url().includes('/api/v1/halls/') && r.method() === 'GET');
    await kiosk.goto(link);
    expect((await sent).headers()['x-device-token']).toBe(token);
    await kiosk.waitForSelector('.hall-name');
    expect(new URL(kiosk.url()).hash).toBe('');
    await waitForText(kiosk, '[data-testid=status-device]', '一号取号机');
    // Paired: the check-in by ID number is let through (this ID has no appointment).
    expect(await checkInCode(token)).toBe('NOT_FOUND');
  });

  it('shows when each device was last heard from, and marks a silent one offline while the hall is open', async () => {
    await served.app!.services.lastSeen.settled(); // the kiosk's requests are noted
    // A wall display paired but never opened: never connected, and offline (the hall is open).
    await admin.selectOption('[data-testid=device-kind]', 'display');
    await admin.fill('[data-testid=device-name]', '大厅大屏');
    await admin.click('[data-testid=pair-device-submit]');
    const wall = '[data-testid="device-大厅大屏"]';
    const kioskRow = '[data-testid="device-一号取号机"]';
    await waitForText(admin, wall, '从未连接');
    expect(await admin.textContent(`${wall} [data-testid=device-offline]`)).toBe('离线');
    // The kiosk that opened its link was heard from just now.
    await waitForText(admin, `${kioskRow} [data-testid=last-seen]`, '刚刚');
    expect(await admin.locator(`${kioskRow} [data-testid=device-offline]`).count()).toBe(0);
    await expectAccessible(admin, 'console devices section with last seen and an offline mark');

    // The kiosk goes dark; six minutes on, the console (read again) says so, in both languages.
    await kiosk.goto('about:blank');
    served.t.clock.advance(6);
    await admin.reload();
    await waitForText(admin, `${kioskRow} [data-testid=last-seen]`, '6 分钟前');
    expect(await admin.textContent(`${kioskRow} [data-testid=device-offline]`)).toBe('离线');
    await admin.click('[data-testid=lang]');
    await waitForText(admin, `${kioskRow} [data-testid=last-seen]`, '6 min ago');
    expect(await admin.textContent(`${kioskRow} [data-testid=device-offline]`)).toBe('offline');
    await waitForText(admin, `${wall} [data-testid=last-seen]`, 'never');
    await admin.click('[data-testid=lang]');
    await waitForText(admin, `${wall} [data-testid=last-seen]`, '从未连接');
  });

  it('unpairs it after a confirm, and the token is refused at once', async () => {
    await admin.click('[data-testid="device-一号取号机"] [data-testid=unpair-device]');
    await expectAccessible(admin, 'console devices section asking to unpair');
    await admin.click('[data-testid="device-一号取号机"] [data-testid=unpair-yes]');
    await waitForText(admin, '[data-testid=devices-status]', '已解除');
    expect(await admin.locator('[data-testid="device-一号取号机"]').count()).toBe(0);
    expect(await checkInCode(token)).toBe('CHECK_IN_DEVICE_REQUIRED');
  });

  it('pairs a counter screen for the counter chosen, and its link opens that counter’s screen', async () => {
    const counterId = served.t.demo.counters[1]!;
    await admin.selectOption('[data-testid=device-kind]', 'counter_screen');
    expect(await admin.isDisabled('[data-testid=pair-device-submit]')).toBe(true);
    await admin.selectOption('[data-testid=device-counter]', counterId);
    await admin.fill('[data-testid=device-name]', '一号窗口屏');
    await admin.click('[data-testid=pair-device-submit]');
    await waitForText(admin, '[data-testid=device-list]', '窗口屏');
    const url = new URL(await admin.inputValue('[data-testid=device-link]'));
    expect(url.pathname).toBe('/display/counter/');
    expect(url.searchParams.get('counter')).toBe(counterId);
    const screen = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    const sent = screen.waitForRequest((r) => r.url().includes(`/api/v1/counters/${counterId}`));
    await screen.goto(url.href);
    expect((await sent).headers()['x-device-token']).toBe(url.hash.slice('#device='.length));
    await waitForText(screen, '[data-testid=status-device]', '一号窗口屏');
    expect(errors.flat()).toEqual([]);
  });

  it('pairs a rating pad by a link whose token no server ever sees, and shows when it was heard from', async () => {
    const row = '[data-testid=counter-row-3]';
    await admin.click(`${row} button:has-text("生成配对链接")`);
    const link = (padLink = new URL(await admin.inputValue(`${row} .pad-link input`)));
    expect(link.pathname).toBe('/counter/pad/');
    expect(link.searchParams.has('token')).toBe(false);
    const token = /^#pad=(.+)$/.exec(link.hash)![1]!;
    tablet = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    // Neither an address nor a Referer the tablet sends holds the token; its header does.
    const leaks: string[] = [];
    tablet.on('request', (r) => {
      if (r.url().includes(token) || (r.headers()['referer'] ?? '').includes(token)) leaks.push(r.url());
    });
    const sent = tablet.waitForRequest((r) => r.url().includes('/pad') && r.url().includes('/api/v1/'));
    await tablet.goto(link.href);
    expect((await sent).headers()['x-pad-token']).toBe(token);
    await tablet.waitForSelector('[data-testid=pad-idle]');
    expect(tablet.url()).not.toContain(token);
    expect(leaks).toEqual([]);
    await served.app!.services.lastSeen.settled();
    await admin.reload();
    await waitForText(admin, `${row} [data-testid=last-seen]`, '刚刚');
    expect(await admin.locator(`${row} [data-testid=device-offline]`).count()).toBe(0);
  });

  it('keeps the pad cell current while the tab is open: a silent pad turns offline, and back it loses the mark', async () => {
    const row = '[data-testid=counter-row-3]';
    const counterId = served.t.demo.counters[3]!;
    // The console's timers run on Playwright's clock, so its minute of waiting passes at once.
    await admin.clock.install();
    await admin.reload();
    await waitForText(admin, `${row} [data-testid=last-seen]`, '刚刚');
    // Tabs left behind stop reading: leave the counters tab and come back, twice.
    for (let i = 0; i < 2; i++) {
      await admin.click('[data-testid=tab-floor]');
      await admin.waitForSelector('[data-testid=panel-floor]');
      await admin.click('[data-testid=tab-counters]');
      await waitForText(admin, `${row} [data-testid=last-seen]`, '刚刚');
    }
    const reads: string[] = [];
    admin.on('request', (r) => {
      if (r.url().endsWith(`/api/v1/counters/${counterId}/pad-token`)) reads.push(r.method());
    });

    // The pad goes dark; six minutes on (the hall is open), the open tab marks it by itself.
    await tablet.goto('about:blank');
    await served.app!.services.lastSeen.settled();
    served.t.clock.advance(6);
    await admin.clock.fastForward(60_000);
    await admin.waitForSelector(`${row} [data-testid=device-offline]`);
    expect(await admin.textContent(`${row} [data-testid=device-offline]`)).toBe('离线');
    await waitForText(admin, `${row} [data-testid=last-seen]`, '6 分钟前');
    expect(reads).toEqual(['GET']); // one read: the tabs left did not keep their timers

    // A minute later the pad is back: at the next read the mark goes.
    served.t.clock.advance(1);
    await tablet.goto(padLink.href);
    await tablet.waitForSelector('[data-testid=pad-idle]');
    const seen = () =>
      served.db
        .selectFrom('counter_pads')
        .select('last_seen_at')
        .where('counter_id', '=', counterId)
        .executeTakeFirst()
        .then((r) => (r?.last_seen_at ? new Date(r.last_seen_at).getTime() : null));
    await expect.poll(seen, { timeout: 10_000 }).toBe(served.t.clock.now().getTime());
    await admin.clock.fastForward(60_000);
    await waitForText(admin, `${row} [data-testid=last-seen]`, '刚刚');
    expect(await admin.locator(`${row} [data-testid=device-offline]`).count()).toBe(0);
    // The pairing buttons are as they were.
    expect(await admin.textContent(row)).toContain('解除配对');
    expect(errors.flat()).toEqual([]);
  });
});
