// A resident with only a phone, end to end in headless Chromium: book a slot (a bad ID number
// refused before sending, a full slot explained with the next one offered), the manage page,
// check-in at the kiosk with the code, the ticket page following the call live, the rating;
// then a too-late check-in offered a normal ticket, and a ticket cancelled from the phone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResident, shanghai, shanghaiIso, withBadCheckDigit } from '../helpers/appointments.ts';
import {
  collectErrors,
  ensureWebBuilt,
  LANDSCAPE,
  launchChromium,
  openScreen,
  PORTRAIT,
  SCREENSHOTS,
  ServedApp,
  waitForText,
  printedAtLeast,
} from './harness.ts';

const PHONE = { width: 375, height: 667 };
const TODAY = '2026-11-18'; // the test clock's Wednesday

interface Booked {
  id: string;
  code: string;
  manageUrl: string;
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  // A whole-page shot from the top, so the sticky header sits where it belongs.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** A phone: small touch screen, Chinese, a time zone other than the hall's, vibration recorded. */
async function openPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __vibrations: unknown[] };
    w.__vibrations = [];
    Object.defineProperty(navigator, 'vibrate', {
      configurable: true,
      value: (pattern: unknown) => {
        w.__vibrations.push(pattern);
        return true;
      },
    });
  });
  return { context, page: await context.newPage() };
}

const vibrations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length);

/** Pretends the phone went to sleep (hidden) or woke up (visible). */
const setVisibility = (page: Page, state: 'hidden' | 'visible') =>
  page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
    Object.defineProperty(document, 'hidden', { value: s === 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

describe('the resident pages', () => {
  let served: ServedApp;
  let browser: Browser;
  let phone: Page;
  let kiosk: Page;
  let clerk: string;
  let E: string;
  const errors: string[][] = [];
  const bookingPosts: Request[] = [];
  const resident = makeResident(9001);
  const late = makeResident(9002);
  let booked: Booked;
  let lateBooking: Booked;
  let trackingUrl: string;

  const staffPost = (path: string) =>
    served.api<{ id: string; number: string }>('POST', path, undefined, clerk);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureWebBuilt();
    served = await ServedApp.start();
    E = served.t.demo.matters.E!;
    // One booking per slot of E, so one other booking fills a slot; an hour's notice (shorter
    // than the 2-hour change limit, as a hall may set it) so a slot soon today can be booked.
    const manager = await served.login('manager');
    const put = await served.t.req('PUT', `/api/v1/halls/${served.hallId}/schedule`, {
      cookie: manager,
      body: { matters: [{ matterId: E, perSlot: 1, walkInShare: 0, minNoticeMinutes: 60 }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    // A booking for this afternoon that will be checked in too late.
    lateBooking = await served.api<Booked>('POST', `/halls/${served.hallId}/appointments`, {
      matterId: E,
      start: shanghaiIso(`${TODAY}T14:00`),
      ...late,
    });
    clerk = await served.login('clerk1');
    browser = await launchChromium();
    ({ page: phone } = await openPhone(browser));
    ({ page: kiosk } = await openScreen(browser, PORTRAIT));
    errors.push(collectErrors(phone), collectErrors(kiosk));
    phone.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/appointments')) bookingPosts.push(r);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('books a slot: materials, working days, a bad ID number stopped before sending, a full slot with the next offered', async () => {
    await phone.goto(`${served.url}/resident/book?hall=${served.hallId}`);
    await phone.waitForSelector('[data-testid=matter-E]');
    await shoot(phone, 'resident-book-start');
    await phone.click('[data-testid=matter-E]');
    await waitForText(phone, '[data-testid=materials]', '不动产权证书');
    await phone.waitForSelector(`[data-testid=day-${TODAY}]`);
    // Weekends are not offered; the next working days are.
    expect(await phone.$('[data-testid=day-2026-11-21]')).toBeNull();
    expect(await phone.$('[data-testid=day-2026-11-23]')).not.toBeNull();
    // Today's first slot is an hour from now (minimum notice).
    expect(await phone.$('[data-testid=slot-1030]')).toBeNull();
    await shoot(phone, 'resident-book-calendar');
    await shoot(phone, 'resident-book-calendar-full', true);

    await phone.click(`[data-testid=day-${TODAY}]`);
    await phone.click('[data-testid=slot-1100]');
    await waitForText(phone, '[data-testid=chosen-slot]', '11:00');
    expect(
      await phone.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>('form input')].every((i) => i.labels?.length),
      ),
    ).toBe(true);

    await phone.fill('#f-name', resident.name);
    await phone.fill('#f-idNumber', withBadCheckDigit(resident.idNumber));
    await phone.fill('#f-phone', resident.phone);
    await phone.click('[data-testid=submit]');
    await waitForText(phone, '[data-testid=error-idNumber]', '校验不通过');
    expect(await phone.getAttribute('#f-idNumber', 'aria-describedby')).toContain('f-idNumber-error');
    expect(await phone.getAttribute('#f-idNumber', 'aria-invalid')).toBe('true');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('f-idNumber');
    expect(bookingPosts).toHaveLength(0);
    await shoot(phone, 'resident-book-bad-id');

    await phone.fill('#f-idNumber', resident.idNumber);
    await phone.waitForSelector('[data-testid=error-idNumber]', { state: 'detached' });
    // Someone else takes the 11:00 place meanwhile.
    await served.api('POST', `/halls/${served.hallId}/appointments`, {
      matterId: E,
      start: shanghaiIso(`${TODAY}T11:00`),
      ...makeResident(9003),
    });
    await phone.click('[data-testid=submit]');
    await waitForText(phone, '[data-testid=refusal]', '刚刚被别人约满');
    await waitForText(phone, '[data-testid=next-offer]', '11:30');
    expect(bookingPosts).toHaveLength(1);
    await shoot(phone, 'resident-book-slot-full');

    const answer = phone.waitForResponse((r) => r.url().endsWith('/appointments') && r.status() === 201);
    await phone.click('[data-testid=take-next]');
    booked = (await (await answer).json()) as Booked;
    await phone.waitForSelector('[data-testid=booking-done]');
    expect(await phone.textContent('[data-testid=booking-code]')).toBe(booked.code);
    expect(booked.code).toMatch(/^\d{10}$/);
    await waitForText(phone, '[data-testid=booking-when]', '11:30–12:00');
    await phone.waitForSelector('[data-testid=booking-card] img');
    const href = await phone.getAttribute('[data-testid=manage-link]', 'href');
    expect(href).toBe(booked.manageUrl);
    expect(href).toMatch(/^\/resident\/manage\?id=[\w-]+#t=/);
    await shoot(phone, 'resident-book-done');
    await shoot(phone, 'resident-book-done-full', true);
  });

  it('shows the booking on its manage page with masked data, and explains a cancellation that is too late', async () => {
    await phone.click('[data-testid=manage-link]');
    await phone.waitForSelector('[data-testid=manage] [data-testid=booking-card]');
    expect(await phone.textContent('[data-testid=status]')).toBe('已预约');
    expect(await phone.textContent('[data-testid=booking-code]')).toBe(booked.code);
    const person = (await phone.textContent('[data-testid=booking-facts]'))!;
    expect(person).toContain(`${resident.name[0]}*`);
    expect(person).toContain(resident.idNumber.slice(-4));
    expect(person).not.toContain(resident.idNumber);
    expect(person).not.toContain(resident.phone);
    // 11:30 with the default 2 h limit: changes closed at 09:30.
    await waitForText(phone, '[data-testid=limit]', '09:30');
    await shoot(phone, 'resident-manage');

    await phone.click('[data-testid=cancel]');
    await phone.waitForSelector('[data-testid=cancel-confirm]');
    await phone.click('[data-testid=cancel-yes]');
    await waitForText(phone, '[data-testid=refusal]', '已经过了可以取消或改约的时间');
    expect(await phone.textContent('[data-testid=status]')).toBe('已预约');
    await shoot(phone, 'resident-manage-too-late');
  });

  it('changes another booking to a later time on its manage page', async () => {
    await phone.goto(`${served.url}${lateBooking.manageUrl}`);
    await phone.waitForSelector('[data-testid=reschedule]');
    await phone.click('[data-testid=reschedule]');
    await phone.waitForSelector(`[data-testid=day-${TODAY}][aria-pressed=true]`);
    await phone.click('[data-testid=slot-1430]');
    await shoot(phone, 'resident-manage-reschedule');
    await phone.click('[data-testid=reschedule-confirm]');
    await waitForText(phone, '[data-testid=notice]', '14:30');
    await waitForText(phone, '[data-testid=booking-when]', '14:30–15:00');
  });

  it('checks in at the kiosk with the booking code and prints the appointment ticket', async () => {
    served.t.clock.set(shanghai(`${TODAY}T11:10`));
    // A walk-in ahead, and the clerk at counter 6 (不动产).
    await served.api('POST', `/halls/${served.hallId}/tickets`, { matterId: E });
    await staffPost(`/counters/${served.t.demo.counters[6]}/open`);

    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
    await shoot(kiosk, 'kiosk-home-checkin-portrait');
    await kiosk.click('[data-testid=checkin-open]');
    await kiosk.waitForSelector('[data-testid=checkin]');
    for (const digit of booked.code) await kiosk.click(`[data-testid=key-${digit}]`);
    await shoot(kiosk, 'kiosk-checkin-portrait');
    const answer = kiosk.waitForResponse((r) => r.url().endsWith('/check-in'));
    await kiosk.click('[data-testid=checkin-submit]');
    const ticket = (await (await answer).json()) as { id: string; token: string; class: string };
    expect(ticket.class).toBe('appointment');
    await waitForText(kiosk, '[data-testid=ticket-number]', 'E002');
    // A booking's ticket is marked as one, on the screen and on the paper.
    await waitForText(kiosk, '[data-testid=ticket-mark]', '预约');
    expect(await kiosk.textContent('[data-testid=print-mark]')).toContain('预约');
    await kiosk.waitForSelector('[data-testid=ticket] img');
    expect(await printedAtLeast(kiosk, 1)).toBe(1);
    // The printed ticket's QR code links to the holder's page.
    trackingUrl = `/resident/ticket?${new URLSearchParams({ id: ticket.id, token: ticket.token }).toString()}`;
    await kiosk.click('[data-testid=done]');
  });

  it('follows the ticket live: its place, "请到 6 号窗口" with a vibration, a wake-up after sleep, done', async () => {
    await phone.goto(`${served.url}${trackingUrl}`);
    await waitForText(phone, '[data-testid=ticket-number]', 'E002');
    // A link of the old form (?token=) opens, and its token moves out of the query into the fragment.
    const opened = new URL(phone.url());
    expect(opened.searchParams.has('token')).toBe(false);
    expect(new URLSearchParams(opened.hash.slice(1)).get('t')).toBeTruthy();
    await waitForText(phone, '[data-testid=ahead]', '前面还有 1 人');
    await phone.waitForSelector('.ticket-live[data-online=true]');
    await shoot(phone, 'resident-ticket-waiting');

    // The walk-in is called first: the page moves up without a reload.
    const first = await staffPost(`/counters/${served.t.demo.counters[6]}/call-next`);
    expect(first.number).toBe('E001');
    await waitForText(phone, '[data-testid=ahead]', '前面没有人了');
    await staffPost(`/tickets/${first.id}/start`);
    served.t.clock.advance(5);

    const second = await staffPost(`/counters/${served.t.demo.counters[6]}/call-next`);
    expect(second.number).toBe('E002');
    await waitForText(phone, '[data-testid=called-where]', '请到 6 号窗口');
    expect(await vibrations(phone)).toBeGreaterThan(0);
    expect(await phone.title()).toContain('请到 6 号窗口');
    await shoot(phone, 'resident-ticket-called');
    await phone.click('[data-testid=called-ok]');
    await waitForText(phone, '[data-testid=go-to]', '请到 6 号窗口');

    // The phone sleeps with its connection gone; the clerk starts meanwhile; it wakes up.
    await setVisibility(phone, 'hidden');
    await phone.route('**/socket.io/**', (route) => route.abort());
    served.app!.realtime.io.disconnectSockets(true);
    await phone.waitForSelector('.ticket-live[data-online=false]');
    await staffPost(`/tickets/${second.id}/start`);
    await setVisibility(phone, 'visible');
    await waitForText(phone, '[data-testid=ticket-status]', '办理中');
    await waitForText(phone, '[data-testid=ticket-state]', '正在 6 号窗口办理');
    await phone.unroute('**/socket.io/**');

    // Live again: the finish arrives over the socket.
    await phone.waitForFunction(() => !document.querySelector('[data-testid=offline]'), undefined, {
      timeout: 20_000,
    });
    await phone.waitForTimeout(500);
    served.t.clock.advance(12);
    await staffPost(`/tickets/${second.id}/finish`);
    await waitForText(phone, '[data-testid=ticket-status]', '已办结');
    await phone.waitForSelector('[data-testid=rating]');
  });

  it('rates the finished ticket: a reason is required for 非常不满意, then thanks, and only once', async () => {
    const ratingPosts: Request[] = [];
    phone.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/rating')) ratingPosts.push(r);
    });
    await phone.click('[data-testid=score-1]');
    await phone.waitForSelector('[data-testid="reason-服务态度"]');
    await phone.click('[data-testid=rating-submit]');
    await waitForText(phone, '[data-testid=reasons-error]', '请至少选择一项');
    expect(ratingPosts).toHaveLength(0);
    await shoot(phone, 'resident-rating', true);

    await phone.click('[data-testid=score-4]');
    expect(await phone.$('[data-testid="reason-服务态度"]')).toBeNull();
    await phone.fill('#rating-comment', '窗口指引清楚');
    await phone.click('[data-testid=rating-submit]');
    await waitForText(phone, '[data-testid=rating-done]', '感谢您的评价');
    expect(ratingPosts).toHaveLength(1);
    await shoot(phone, 'resident-rating-thanks');

    await phone.reload();
    await waitForText(phone, '[data-testid=rating-done]', '您已评价：满意');
  });

  it('explains a too-late check-in with the slot time and takes a normal ticket instead', async () => {
    served.t.clock.set(shanghai(`${TODAY}T14:50`));
    // By the booking code, which proves the booking: the refusal may then name its time (an ID
    // number alone never does, tests/security/id-misuse.test.ts).
    await kiosk.click('[data-testid=checkin-open]');
    for (const digit of lateBooking.code) await kiosk.click(`[data-testid=key-${digit}]`);
    await kiosk.click('[data-testid=checkin-submit]');
    await waitForText(kiosk, '[data-testid=checkin-refusal]', '14:30');
    await waitForText(kiosk, '[data-testid=checkin-refusal]', '14:45');
    expect(await kiosk.getAttribute('[data-testid=checkin-refusal]', 'data-code')).toBe('CHECK_IN_TOO_LATE');
    await shoot(kiosk, 'kiosk-checkin-too-late-portrait');
    await kiosk.setViewportSize(LANDSCAPE);
    await shoot(kiosk, 'kiosk-checkin-too-late-landscape');
    await kiosk.setViewportSize(PORTRAIT);

    const answer = kiosk.waitForResponse((r) => r.url().endsWith('/tickets') && r.status() === 201);
    await kiosk.click('[data-testid=take-normal]');
    const ticket = (await (await answer).json()) as { id: string; token: string; class: string };
    expect(ticket.class).toBe('normal');
    await waitForText(kiosk, '[data-testid=ticket-number]', 'E003');
    expect(await kiosk.$('[data-testid=ticket-mark]')).toBeNull();
    expect(await printedAtLeast(kiosk, 2)).toBe(2);

    // The resident changes their mind and leaves the queue from the phone.
    await phone.goto(
      `${served.url}/resident/ticket?${new URLSearchParams({ id: ticket.id, token: ticket.token })}`,
    );
    await waitForText(phone, '[data-testid=ticket-number]', 'E003');
    await phone.click('[data-testid=cancel-ticket]');
    await phone.waitForSelector('[data-testid=cancel-confirm]');
    expect(await phone.textContent('[data-testid=ticket-status]')).toBe('排队中');
    await phone.click('[data-testid=cancel-yes]');
    await waitForText(phone, '[data-testid=ticket-status]', '已取消');
  });

  it('offers a make-up working day (调休) and skips the National Day holidays', async () => {
    served.t.clock.set(shanghai('2026-09-30T10:00'));
    await phone.goto(`${served.url}/resident/book?hall=${served.hallId}&matter=E`);
    await phone.waitForSelector('[data-testid=day-2026-09-30]');
    await phone.click('[aria-label=下个月]');
    await phone.waitForSelector('[data-testid=day-2026-10-10]'); // a Saturday, worked in 2026
    for (const day of ['2026-10-01', '2026-10-05', '2026-10-07', '2026-10-11'])
      expect(await phone.$(`[data-testid=day-${day}]`)).toBeNull();
    await phone.click('[data-testid=day-2026-10-10]');
    await phone.waitForSelector('[data-testid=slot-0900]');
    await shoot(phone, 'resident-book-holiday', true);
  });

  it('switches the booking page to English', async () => {
    await phone.goto(`${served.url}/resident/book?hall=${served.hallId}`);
    await phone.click('[data-testid=lang]');
    await waitForText(phone, 'h1', 'Book a visit');
    await shoot(phone, 'resident-book-en');
    await phone.click('[data-testid=lang]');
    await waitForText(phone, 'h1', '预约办事');
    expect(errors.flat()).toEqual([]);
  });
});
