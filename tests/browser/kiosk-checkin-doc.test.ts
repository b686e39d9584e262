// Kiosk check-in by document (issue 13): a resident who booked with a 港澳居民来往内地通行证
// checks in at a PAIRED kiosk by picking that document and typing its number (letters included)
// on the on-screen keypad; a number of the wrong form is stopped before sending with the
// document's own words; an unpaired kiosk is told it cannot check in by document.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, pairKiosk, putSchedule, shanghai, shanghaiIso } from '../helpers/appointments.ts';
import { expectAccessible } from './axe.ts';
import {
  collectErrors,
  ensureWebBuilt,
  launchChromium,
  openScreen,
  PORTRAIT,
  ServedApp,
  waitForText,
} from './harness.ts';

const TODAY = '2026-11-18'; // the test clock's Wednesday
const PERMIT = 'H12345678';

describe('kiosk check-in by document', () => {
  let served: ServedApp;
  let browser: Browser;
  let kiosk: Page;
  let errors: string[];
  const checkIns: Request[] = [];
  let E: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    E = served.t.demo.matters.E!;
    await putSchedule(served.t, {
      matters: [{ matterId: E, perSlot: 2, walkInShare: 0, minNoticeMinutes: 60 }],
    });
    const res = await book(served.t, {
      matterId: E,
      start: shanghaiIso(`${TODAY}T14:00`),
      documentType: 'hk_macau_permit',
      idNumber: PERMIT,
    } as Parameters<typeof book>[1]);
    expect(res.statusCode, res.body).toBe(201);
    browser = await launchChromium();
    kiosk = (await openScreen(browser, PORTRAIT)).page;
    errors = collectErrors(kiosk);
    kiosk.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/check-in')) checkIns.push(r);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const typeIn = async (text: string) => {
    for (const k of text) await kiosk.click(`[data-testid=key-${k}]`);
  };

  const openCheckIn = async (hash = '') => {
    await kiosk.goto('about:blank'); // a new load, not a jump within the page to a new #fragment
    await kiosk.goto(`${served.url}/kiosk/?hall=${served.hallId}${hash}`);
    await kiosk.waitForSelector('[data-testid=kiosk][data-online=true]');
    await kiosk.click('[data-testid=checkin-open]');
    await kiosk.waitForSelector('[data-testid=checkin]');
    await kiosk.click('[data-testid=mode-id]');
  };

  it('offers every document the API accepts, named in Chinese and English, with the letters each needs', async () => {
    served.t.clock.set(shanghai(`${TODAY}T13:50`));
    await served.api(
      'POST',
      `/counters/${served.t.demo.counters[6]}/open`,
      undefined,
      await served.login('clerk1'),
    );
    await openCheckIn();
    for (const [type, zh, en] of [
      ['resident_id', '居民身份证', 'Resident ID card'],
      ['residence_permit', '港澳台居民居住证', 'Residence permit'],
      ['foreign_permanent', '外国人永久居留身份证', 'Foreign permanent'],
      ['hk_macau_permit', '港澳居民来往内地通行证', 'HK and Macao'],
      ['tw_permit', '台湾居民来往大陆通行证', 'Taiwan'],
      ['passport', '护照', 'Passport'],
    ]) {
      const text = await kiosk.textContent(`[data-testid=doc-${type}]`);
      expect(text).toContain(zh);
      expect(text).toContain(en);
      const box = (await kiosk.locator(`[data-testid=doc-${type}]`).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(60);
    }
    await kiosk.click('[data-testid=doc-hk_macau_permit]');
    expect(await kiosk.getAttribute('[data-testid=doc-hk_macau_permit]', 'aria-checked')).toBe('true');
    expect(await kiosk.locator('[data-testid=key-H]').count()).toBe(1);
    expect(await kiosk.locator('[data-testid=key-M]').count()).toBe(1);
    expect(await kiosk.locator('[data-testid=key-A]').count()).toBe(0);
    await kiosk.click('[data-testid=doc-passport]');
    expect(await kiosk.locator('[data-testid=key-A]').count()).toBe(1);
    await kiosk.click('[data-testid=doc-tw_permit]');
    expect(await kiosk.locator('[data-testid=key-H]').count()).toBe(0);
  });

  it('stops a number of the wrong form before sending, in the document’s own words', async () => {
    await kiosk.click('[data-testid=doc-hk_macau_permit]');
    await typeIn('H1234');
    await kiosk.click('[data-testid=checkin-submit]');
    await waitForText(
      kiosk,
      '[data-testid=checkin-message]',
      '港澳居民来往内地通行证号码为 H 或 M 加 8 位数字',
    );
    expect(checkIns).toHaveLength(0);
  });

  it('at an unpaired kiosk says a document check-in needs a paired kiosk', async () => {
    await kiosk.click('[data-testid=key-clear]');
    await typeIn(PERMIT);
    await kiosk.click('[data-testid=checkin-submit]');
    await waitForText(kiosk, '[data-testid=checkin-message]', '凭证件号签到请在大厅的自助机上办理');
    expect(checkIns).toHaveLength(1);
    expect(await served.ticketCount()).toBe(0);
  });

  it('checks in at a paired kiosk by the 港澳居民来往内地通行证 and shows the appointment ticket', async () => {
    const { 'x-device-token': token } = await pairKiosk(served.t);
    await openCheckIn(`#device=${token}`);
    await kiosk.click('[data-testid=doc-hk_macau_permit]');
    await typeIn(PERMIT);
    expect(await kiosk.textContent('[data-testid=checkin-value]')).toContain(PERMIT);
    await expectAccessible(kiosk, 'kiosk check-in by document');
    const answer = kiosk.waitForResponse((r) => r.url().endsWith('/check-in'));
    await kiosk.click('[data-testid=checkin-submit]');
    const res = await answer;
    expect(res.status()).toBe(201);
    const ticket = (await res.json()) as { class: string; number: string };
    expect(ticket.class).toBe('appointment');
    expect(checkIns.at(-1)!.postDataJSON()).toEqual({ idNumber: PERMIT, documentType: 'hk_macau_permit' });
    await waitForText(kiosk, '[data-testid=ticket-number]', ticket.number);
    await waitForText(kiosk, '[data-testid=ticket-mark]', '预约');
    expect(errors).toEqual([]);
  });
});
