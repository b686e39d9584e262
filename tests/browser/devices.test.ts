// Unattended devices started as docs/DEVICES.md says (tests/browser/devices.ts): the wall speaks
// the first call without a click in the hall's own wording, the kiosk prints once per ticket
// without a dialog, the technician's self-check, and a wall display and a counter screen left on
// overnight.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../server/src/web.ts';
import { DEVICE_FLAGS, DEVICE_LINE_EXTRAS, openDevice, sounded } from './devices.ts';
import {
  announcements,
  collectErrors,
  ensureWebBuilt,
  LANDSCAPE,
  launchChromium,
  PORTRAIT,
  ServedApp,
  TABLET,
  waitForText,
  printedAtLeast,
} from './harness.ts';

const ticketId = async (served: ServedApp, number: string) =>
  (await served.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow())
    .id;

const waitForSounded = (page: Page, n: number) =>
  page.waitForFunction(
    (count) => (window as unknown as { __sounded: string[] }).__sounded.length >= count,
    n,
    {
      timeout: 20_000,
    },
  );

describe('unattended devices', () => {
  let served: ServedApp;
  let browser: Browser;
  let wall: Page;
  let kiosk: Page;
  const errors: string[][] = [];
  let clerk1: string;
  let manager: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    browser = await launchChromium(DEVICE_FLAGS);
    wall = (await openDevice(browser, LANDSCAPE)).page;
    kiosk = (await openDevice(browser, PORTRAIT)).page;
    errors.push(collectErrors(wall), collectErrors(kiosk));
    clerk1 = await served.login('clerk1');
    manager = await served.login('manager');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('starts Chromium with the flags of every start line docs/DEVICES.md gives, and no other', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'DEVICES.md'), 'utf8');
    const blocks = [...docs.matchAll(/```(?:sh|bat|ini)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const lines = blocks
      .flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n'))
      .filter((l) => / --(kiosk|start-maximized) /.test(l));
    // Linux: Chromium, Chrome, Edge and the systemd unit; Windows: Chrome, Edge and the boot
    // script; the two staffed lines.
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const known: string[] = [...DEVICE_FLAGS];
    for (const line of lines) {
      const flags = line.match(/ --[a-z][a-z0-9-]*(=[^\s"']*)?/g)!.map((f) => f.trim());
      const windows = /\.exe/.test(line);
      for (const f of flags)
        expect(
          known.includes(f) || DEVICE_LINE_EXTRAS.some((x) => f === x || f.startsWith(`${x}=`)),
          `${f} in: ${line}`,
        ).toBe(true);
      if (!flags.includes('--kiosk')) continue; // staffed (help desk, clerk console)
      const needed = DEVICE_FLAGS.filter((f) => !(windows && f === '--enable-speech-dispatcher'));
      expect(flags.filter((f) => known.includes(f)).sort(), line).toEqual([...needed].sort());
      expect(
        flags.some((f) => f.startsWith('--user-data-dir=')),
        line,
      ).toBe(true);
    }
  });

  it('speaks the first call without a click, the number spelled, and says where it is', async () => {
    await wall.goto(`${served.url}/display/?hall=${served.hallId}&device=${encodeURIComponent('东墙大屏')}`);
    await wall.waitForSelector('[data-ready=true]');
    await wall.waitForSelector('[data-testid=sound-on]');
    expect(await wall.$('[data-testid=start-sound]')).toBeNull();
    await wall.waitForSelector('[data-testid=status-corner][data-online=true]');
    const corner = (await wall.textContent('[data-testid=status-corner]'))!;
    expect(corner).toContain('示范政务服务中心');
    expect(corner).toContain('东墙大屏');
    expect(corner).toContain('已连接');
    // The snapshot's server time: 10:00 in Shanghai.
    expect(await wall.textContent('[data-testid=status-last-event]')).toContain('10:00');

    await served.api('POST', `/halls/${served.hallId}/tickets`, { matterId: served.t.demo.matters.A });
    await served.api('POST', `/counters/${served.t.demo.counters[1]}/open`, undefined, clerk1);
    served.t.clock.advance(1);
    await served.api('POST', `/counters/${served.t.demo.counters[1]}/call-next`, undefined, clerk1);
    await waitForText(wall, '[data-testid=now-number]', 'A001');
    await waitForSounded(wall, 1);
    expect(await sounded(wall)).toEqual(['请 A 零 零 一 号到 一 号窗口办理']);
    expect(await wall.textContent('[data-testid=status-last-event]')).toContain('10:01');

    await served.api('POST', `/tickets/${await ticketId(served, 'A001')}/recall`, undefined, clerk1);
    await waitForSounded(wall, 2);
    expect((await sounded(wall))[1]).toBe('请 A 零 零 一 号再次到 一 号窗口办理');
  });

  it("speaks the hall's own phrase with English after it, from the next call on, counter 12 as 十二", async () => {
    const loads = await wall.evaluate(() => window.__voiceLoads ?? 0);
    await served.app!.inject({
      method: 'PATCH',
      url: `/api/v1/halls/${served.hallId}`,
      headers: { cookie: manager },
      payload: { voice: { phrase: '{number}号，请到{counter}号窗口', english: true, repeat: 1 } },
    });
    await wall.waitForFunction((n) => (window.__voiceLoads ?? 0) > n, loads);

    const counter = await served.api<{ id: string }>(
      'POST',
      `/halls/${served.hallId}/counters`,
      { number: 12, matterIds: [served.t.demo.matters.B] },
      manager,
    );
    const clerk3 = await served.login('clerk3');
    await served.api('POST', `/counters/${counter.id}/open`, undefined, clerk3);
    const b = await served.api<{ number: string }>('POST', `/halls/${served.hallId}/tickets`, {
      matterId: served.t.demo.matters.B,
    });
    expect(b.number).toBe('B001');
    const before = (await announcements(wall)).length;
    await served.api('POST', `/counters/${counter.id}/call-next`, undefined, clerk3);
    await wall.waitForFunction(
      (n) => (window as unknown as { __announcements: string[] }).__announcements.length > n,
      before,
    );
    expect((await announcements(wall)).slice(before)).toEqual([
      'B 零 零 一 号，请到 十二 号窗口 Number B 0 0 1, please go to counter 12.',
    ]);
    // On screen the number stays as printed.
    await waitForText(wall, '[data-testid=now-number]', 'B001');
  });

  it('prints each kiosk ticket exactly once, through the real print call', async () => {
    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}&device=${encodeURIComponent('一号取号机')}`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
    expect(await kiosk.textContent('[data-testid=status-corner]')).toContain('一号取号机');
    for (const n of ['C001', 'C002', 'C003']) {
      await kiosk.click('[data-testid=matter-C]');
      await kiosk.click('[data-testid=confirm]');
      await waitForText(kiosk, '[data-testid=ticket-number]', n);
      await kiosk.waitForFunction(() => document.querySelector('[data-testid=ticket] img') !== null);
      await kiosk.click('[data-testid=done]');
      await kiosk.waitForSelector('[data-testid=matter-C]');
    }
    expect(await printedAtLeast(kiosk, 3)).toBe(3);
  });

  it('self-checks: no Mandarin voice said plainly, a sample call, a test ticket on 80 mm, the clock', async () => {
    const { page } = await openDevice(browser, PORTRAIT);
    errors.push(collectErrors(page));
    const before = Date.now();
    await page.goto(`${served.url}/display/check/?hall=${served.hallId}`);
    await page.waitForSelector('[data-testid=check-connection].check-ok');
    // Headless Chromium has no voices: the page must say so, not pretend.
    expect(await page.getAttribute('[data-testid=check-voice]', 'data-found')).toBe('false');
    expect(await page.textContent('[data-testid=check-voice]')).toContain('没有普通话语音');
    expect(await page.getAttribute('[data-testid=check-autoplay]', 'data-on')).toBe('on');
    // The sample plays by itself (sound allowed), in the hall's wording.
    await waitForSounded(page, 1);
    expect(await sounded(page)).toEqual([
      'A 一 零 一 号，请到 十二 号窗口 Number A 1 0 1, please go to counter 12.',
    ]);
    await waitForText(page, '[data-testid=check-sample-result]', '已播放');

    // The test app's clock stands still at 2026-11-18 10:00 Shanghai; this machine's runs on.
    await page.waitForSelector('[data-testid=check-clock][data-seconds]:not([data-seconds=""])');
    const seconds = Number(await page.getAttribute('[data-testid=check-clock]', 'data-seconds'));
    const server = served.t.clock.now().getTime();
    expect(seconds).toBeGreaterThanOrEqual(Math.floor((before - server) / 1000) - 1);
    expect(seconds).toBeLessThanOrEqual(Math.ceil((Date.now() - server) / 1000) + 1);
    if (Math.abs(seconds) > 5) expect(await page.textContent('[data-testid=check-clock]')).toMatch(/快|慢/);

    // The test ticket's print layout: one 80 mm page (checked before printing: a real print
    // job keeps the page busy for a moment).
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).toHaveLength(1);
    const [, width] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!;
    expect((Number(width) * 25.4) / 72).toBeCloseTo(80, 0);
    await page.click('[data-testid=check-print]');
    await waitForText(page, '[data-testid=check-printed]', '1');
    expect(await printedAtLeast(page, 1)).toBe(1);
    await page.close();
  });

  it('starts the new day on screens left on overnight: no old calls, numbering from 001', async () => {
    // Counter 1's screen, left on with yesterday's A001 called there (the first test called it).
    const screen = (await openDevice(browser, TABLET)).page;
    errors.push(collectErrors(screen));
    await screen.goto(`${served.url}/display/counter/?counter=${served.t.demo.counters[1]}`);
    await screen.waitForSelector('[data-testid=counter-screen][data-state=called]');
    expect(await screen.textContent('[data-testid=cs-number]')).toBe('A001');
    // Something is left waiting, as in a real hall at closing.
    await served.api('POST', `/halls/${served.hallId}/tickets`, { matterId: served.t.demo.matters.A });
    await waitForText(wall, '[data-testid=recent]', 'A001');
    // Thursday 09:30 in Shanghai; the rollover job runs (every 5 minutes in a real server).
    served.t.clock.set('2026-11-19T01:30:00Z');
    await served.app!.services.tickets.expireStale(served.hallId);
    await wall.waitForSelector('.d-now-empty', { timeout: 20_000 });
    expect(await wall.$$('[data-testid=recent] li')).toHaveLength(0);
    expect(await wall.textContent('[data-testid=clock]')).toContain('09:3');
    // The counter screen lets yesterday's number go too.
    await screen.waitForSelector(
      '[data-testid=counter-screen]:not([data-state=called]):not([data-state=loading])',
      {
        timeout: 20_000,
      },
    );
    expect(await screen.$('[data-testid=cs-number]')).toBeNull();

    await kiosk.click('[data-testid=matter-A]');
    await kiosk.click('[data-testid=confirm]');
    await waitForText(kiosk, '[data-testid=ticket-number]', 'A001');
    // A new day, a new sign-in (yesterday's session has ended); the counter opens again.
    clerk1 = await served.login('clerk1');
    const clerk = clerk1;
    await served.app!.inject({
      method: 'POST',
      url: `/api/v1/counters/${served.t.demo.counters[1]}/open`,
      headers: { cookie: clerk },
    });
    await served.api('POST', `/counters/${served.t.demo.counters[1]}/call-next`, undefined, clerk);
    await waitForText(wall, '[data-testid=now-number]', 'A001');
    expect(await wall.$$('[data-testid=recent] li')).toHaveLength(0);
    // The new day's A001 on the counter screen, without a reload.
    await screen.waitForSelector('[data-testid=counter-screen][data-state=called]');
    expect(await screen.textContent('[data-testid=cs-number]')).toBe('A001');
    await kiosk.click('[data-testid=done]');
    await screen.close();
  });

  it('waits for the "start sound" click without the sound flag, and plays nothing before it', async () => {
    // Chrome's default for a page nobody has touched.
    const plain = await launchChromium(['--autoplay-policy=document-user-activation-required']);
    try {
      const { page } = await openDevice(plain, LANDSCAPE);
      errors.push(collectErrors(page));
      await page.goto(`${served.url}/display/?hall=${served.hallId}`);
      await page.waitForSelector('[data-testid=start-sound]');
      // Live once the first picture is in (a call made before that is in the picture, not a call).
      await page.waitForSelector('[data-ready=true]');
      // The overnight test left A001 of the new day called at counter 1: recall it.
      const called = await served.db
        .selectFrom('tickets')
        .select(['id', 'number'])
        .where('status', '=', 'called')
        .where('counter_id', '=', served.t.demo.counters[1]!)
        .executeTakeFirstOrThrow();
      await served.api('POST', `/tickets/${called.id}/recall`, undefined, clerk1);
      await page.waitForFunction(
        () => (window as unknown as { __announcements: string[] }).__announcements.length === 1,
      );
      // Sound starts with the click; the recall made before it is not played late, the next one is.
      await page.click('[data-testid=start-sound]');
      await page.waitForSelector('[data-testid=sound-on]');
      await served.api('POST', `/tickets/${called.id}/recall`, undefined, clerk1);
      await waitForSounded(page, 1);
      // (English is on since the hall's own phrase above; the recall keeps its default wording.)
      expect(await sounded(page)).toEqual([
        '请 A 零 零 一 号再次到 一 号窗口办理 Number A 0 0 1, again, please go to counter 1.',
      ]);
    } finally {
      await plain.close();
    }
  });

  it('ran every device page without a script error', () => {
    expect(errors.flat()).toEqual([]);
  });
});
