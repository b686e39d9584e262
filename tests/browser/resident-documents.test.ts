// Every resident who holds a document the hall accepts can book (issue 13): on the phone page a
// resident of Hong Kong books with a 港澳居民来往内地通行证 number and a +852 mobile, end to end.
// Each wrong field says what is wrong with it, in words of that document; a number the page can
// only shape (+852 …) and the server refuses lands on its field too.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectErrors,
  ensureWebBuilt,
  launchChromium,
  openScreen,
  ServedApp,
  waitForText,
} from './harness.ts';

describe('booking with a travel permit and a Hong Kong mobile', () => {
  let served: ServedApp;
  let browser: Browser;
  let phone: Page;
  let errors: string[];
  const posts: Request[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    browser = await launchChromium();
    phone = (await openScreen(browser, { width: 390, height: 844 })).page;
    errors = collectErrors(phone);
    phone.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/appointments')) posts.push(r);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('books with 港澳居民来往内地通行证 H12345678 and +852 9123 4567', async () => {
    await phone.goto(`${served.url}/resident/book?hall=${served.hallId}`);
    await phone.click('[data-testid=matter-E]');
    await phone.click('[data-testid=day-2026-11-19]');
    await phone.click('[data-testid=slot-1000]');
    await waitForText(phone, '[data-testid=chosen-slot]', '10:00');

    // The picker offers the six documents; the number's label names the chosen one.
    const options = await phone.$$eval('[data-testid=document-type] option', (o) =>
      o.map((x) => x.textContent),
    );
    expect(options).toEqual([
      '居民身份证',
      '港澳台居民居住证',
      '外国人永久居留身份证',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
      '护照',
    ]);
    expect(await phone.textContent('label[for=f-idNumber]')).toBe('身份证号');
    await phone.fill('#f-name', '陈大文');
    await phone.selectOption('[data-testid=document-type]', 'hk_macau_permit');
    expect(await phone.textContent('label[for=f-idNumber]')).toBe('通行证号码');

    // Stopped before sending: a permit number one digit short, a +852 number far too short.
    await phone.fill('#f-idNumber', 'H1234567');
    await phone.fill('#f-phone', '+852 12');
    await phone.click('[data-testid=submit]');
    await waitForText(phone, '[data-testid=error-idNumber]', 'H 或 M 加 8 位数字');
    await waitForText(phone, '[data-testid=error-phone]', '这不是该国家或地区的手机号');
    expect(await phone.getAttribute('#f-phone', 'aria-invalid')).toBe('true');
    expect(posts).toHaveLength(0);

    // Shaped right but no Hong Kong mobile (they start 5, 6, 7 or 9): the server says so, on the field.
    await phone.fill('#f-idNumber', 'H12345678');
    await phone.waitForSelector('[data-testid=error-idNumber]', { state: 'detached' });
    await phone.fill('#f-phone', '+852 1234 5678');
    await phone.click('[data-testid=submit]');
    await waitForText(phone, '[data-testid=error-phone]', '这不是该国家或地区的手机号');
    expect(posts).toHaveLength(1);

    await phone.fill('#f-phone', '+852 9123 4567');
    const answer = phone.waitForResponse((r) => r.url().endsWith('/appointments') && r.status() === 201);
    await phone.click('[data-testid=submit]');
    const booked = (await (await answer).json()) as { id: string; documentType: string; phone: string };
    await phone.waitForSelector('[data-testid=booking-done]');
    expect(booked).toMatchObject({ documentType: 'hk_macau_permit', phone: '+852****4567' });
    const facts = (await phone.textContent('[data-testid=booking-facts]'))!;
    expect(facts).toContain('港澳居民来往内地通行证');
    expect(facts).toContain('+852****4567');
    expect(facts).not.toContain('H12345678');
    expect(facts).not.toContain('91234567');

    const row = await served.db
      .selectFrom('appointments')
      .select(['id_type'])
      .where('id', '=', booked.id)
      .executeTakeFirstOrThrow();
    expect(row.id_type).toBe('hk_macau_permit');
    expect(errors).toEqual([]);
  });
});
