// Issue 14 in headless Chromium: the counter screen (窗口屏) follows its counter through call,
// serve, pause and idle and shows 工号 and photo only while the hall allows it; a 免排队 green
// ticket taken at the kiosk's 优先通道 is called before older normal tickets.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1PX } from '../helpers/images.ts';
import { openScreens, ServedApp, waitForText } from './harness.ts';

const BAR = { width: 1280, height: 400 } as const;
const WIDE_BAR = { width: 1920, height: 540 } as const;
const TABLET = { width: 1080, height: 1920 } as const;

describe('counter screens and the green channel', () => {
  let served: ServedApp;
  let browser: Browser;
  let bar: Page;
  let wide: Page;
  let tablet: Page;
  let kiosk: Page;
  let errors: string[][];
  let clerk: string;
  let manager: string;
  let counterId: string;

  beforeAll(async () => {
    const screens = await openScreens(BAR, WIDE_BAR, TABLET, { width: 1080, height: 1920 });
    ({ served, browser, errors } = screens);
    [bar, wide, tablet, kiosk] = screens.pages;
    manager = await served.login('manager');
    clerk = await served.login('clerk1');
    const me = (await served.t.req('GET', '/api/v1/auth/me', { cookie: clerk })).json().user;
    await served.t.req('PATCH', `/api/v1/staff/${me.id}`, {
      cookie: manager,
      body: { staffNumber: 'GZ0101' },
    });
    const up = await served.t.req('PUT', `/api/v1/staff/${me.id}/photo`, {
      cookie: clerk,
      body: { data: PNG_1PX.toString('base64') },
    });
    expect(up.statusCode, up.body).toBe(200);
    counterId = served.t.demo.counters[1]!;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const state = (page: Page, s: string) =>
    page.waitForSelector(`[data-testid=counter-screen][data-state=${s}]`, { timeout: 15_000 });

  it('shows a closed counter, then the signed-in clerk with 工号 and photo, idle', async () => {
    for (const page of [bar, wide, tablet]) {
      await page.goto(`${served.url}/display/counter/?counter=${counterId}`);
      await state(page, 'closed');
    }
    expect(await bar.textContent('[data-testid=cs-counter]')).toContain('1号窗口');
    expect(await bar.textContent('[data-testid=cs-matters]')).toContain('户籍');
    await served.api('POST', `/counters/${counterId}/open`, undefined, clerk);
    for (const page of [bar, wide, tablet]) {
      await state(page, 'idle');
      await waitForText(page, '[data-testid=cs-clerk]', '王芳');
      await waitForText(page, '[data-testid=cs-staff-number]', 'GZ0101');
      await page.waitForFunction(
        () =>
          (document.querySelector('[data-testid=cs-photo]') as HTMLImageElement | null)?.naturalWidth === 1,
      );
      // Everything fits the screen: nothing cut off at the edges.
      const fits = await page.evaluate(
        () =>
          document.documentElement.scrollWidth <= window.innerWidth &&
          document.documentElement.scrollHeight <= window.innerHeight,
      );
      expect(fits).toBe(true);
    }
    expect(await bar.textContent('[data-testid=cs-status]')).toContain('空闲');
  });

  it('calls a 免排队 ticket from the kiosk before older normal ones; the screen flashes it as 优先', async () => {
    const n1 = await served.api<{ number: string }>('POST', `/halls/${served.hallId}/tickets`, {
      matterId: served.t.demo.matters.A,
    });
    await served.api('POST', `/halls/${served.hallId}/tickets`, { matterId: served.t.demo.matters.A });
    served.t.clock.advance(20);

    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await kiosk.click('[data-testid=priority]');
    await kiosk.waitForSelector('[data-testid=priority-picker]');
    expect(await kiosk.textContent('[data-testid=priority-picker]')).toContain('孕妇及携婴');
    await kiosk.click('[data-testid=category-disabled]');
    await waitForText(kiosk, '[data-testid=priority-banner]', '残疾人');
    await kiosk.click('[data-testid=matter-A]');
    await kiosk.click('[data-testid=confirm]');
    await kiosk.waitForSelector('[data-testid=ticket-number]');
    const green = (await kiosk.textContent('[data-testid=ticket-number]'))!.trim();
    expect(await kiosk.textContent('[data-testid=ticket-priority]')).toContain('优先');
    expect(green).not.toBe(n1.number);

    const called = await served.api<{ number: string; class: string; category: string }>(
      'POST',
      `/counters/${counterId}/call-next`,
      undefined,
      clerk,
    );
    expect(called).toMatchObject({ number: green, class: 'green', category: 'disabled' });
    for (const page of [bar, wide, tablet]) {
      await state(page, 'called');
      await waitForText(page, '[data-testid=cs-number]', green);
      await waitForText(page, '[data-testid=cs-priority]', '优先');
      await page.waitForSelector('.cs-main.flashing');
    }
    // After the green one, the oldest normal ticket.
    await served.api('POST', `/tickets/${(called as unknown as { id: string }).id}/start`, undefined, clerk);
    await state(bar, 'serving');
    expect(await bar.textContent('[data-testid=cs-call]')).toContain('正在办理');
    const next = await served.api<{ number: string }>(
      'POST',
      `/counters/${counterId}/call-next`,
      undefined,
      clerk,
    );
    expect(next.number).toBe(n1.number);
    await waitForText(bar, '[data-testid=cs-number]', n1.number);
  });

  it('shows 暂停服务 with the resume time, and idle again', async () => {
    const current = await served.api<{ currentTicket: { id: string } }>('GET', `/counters/${counterId}`);
    await served.api('POST', `/tickets/${current.currentTicket.id}/no-show`, undefined, clerk);
    await state(bar, 'idle');
    await served.api('POST', `/counters/${counterId}/pause`, { resumeAt: '2026-11-18T03:00:00Z' }, clerk);
    for (const page of [bar, tablet]) {
      await state(page, 'paused');
      await waitForText(page, '[data-testid=cs-status]', '暂停服务');
      await waitForText(page, '[data-testid=cs-resume]', '11:00'); // Shanghai time
    }
    await served.api('POST', `/counters/${counterId}/resume`, undefined, clerk);
    await state(bar, 'idle');
  });

  it('hides the clerk’s name, 工号 and photo once the hall keeps staff details private', async () => {
    const res = await served.t.req('PATCH', `/api/v1/halls/${served.hallId}`, {
      cookie: manager,
      body: { staffDetailsPublic: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const page of [bar, wide, tablet]) {
      await page.waitForSelector('[data-testid=cs-clerk]', { state: 'detached', timeout: 15_000 });
      await page.reload();
      await state(page, 'idle');
      expect(await page.$('[data-testid=cs-clerk]')).toBeNull();
      expect(await page.content()).not.toContain('GZ0101');
    }
    expect(errors.flat()).toEqual([]);
  });
});
