// Published 好差评 results (issue 15, finding 4): the public results page, reached from the landing
// page, shows the month's figures by matter and by counter and holds no personal data; the wall
// display shows a small results panel when the hall's rules ask for it, without crowding the calls.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '../helpers/privacy.ts';
import { openCounter } from '../helpers/queue.ts';
import { rate, servedTicket } from '../helpers/ratings.ts';
import { expectAccessible } from './axe.ts';
import { LANDSCAPE, openScreens, ServedApp, waitForText } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const RATER_PHONE = '13912345678';
const ID_NUMBER = '110105194912310021';

describe('published results', () => {
  let served: ServedApp;
  let browser: Browser;
  let phone: Page;
  let wall: Page;
  let errors: string[][];

  beforeAll(async () => {
    const screens = await openScreens(PHONE, LANDSCAPE);
    ({ served, browser, errors } = screens);
    [phone, wall] = screens.pages;
    const t = served.t;
    const clerk = await openCounter(t, 'clerk1', 1);
    const poor = await servedTicket(t, clerk);
    const fine = await servedTicket(t, clerk);
    const good = await servedTicket(t, clerk);
    for (const [ticket, body] of [
      [poor, { score: 1, reasons: ['服务态度'], comment: `电话 ${RATER_PHONE}`, contactPhone: RATER_PHONE }],
      [fine, { score: 4, comment: `身份证 ${ID_NUMBER}` }],
      [good, { score: 5 }],
    ] as const)
      expect((await rate(t, ticket, body)).statusCode).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('are a resident page linked from the landing page, by matter and counter, with no personal data', async () => {
    await phone.goto(`${served.url}/`);
    await phone.getByRole('link', { name: /好差评结果公开/ }).click();
    await phone.waitForSelector('[data-testid=results-figures]');
    expect(new URL(phone.url()).pathname).toBe('/resident/results/');
    await waitForText(phone, '[data-testid=month]', '2026 年 11 月');
    expect(await phone.textContent('[data-testid=fig-ratings]')).toBe('3');
    expect(await phone.textContent('[data-testid=fig-satisfaction]')).toBe('66.7%');
    expect(await phone.textContent('[data-testid=fig-poor]')).toBe('1');
    expect(await phone.textContent('[data-testid=fig-rectified]')).toBe('0.0%');
    expect(await phone.locator('[data-testid=by-matter] tbody tr').allTextContents()).toEqual(['户籍366.7%']);
    expect(await phone.locator('[data-testid=by-counter] tbody tr').count()).toBe(1);
    const html = await phone.content();
    expect(findPersonalData(html)).toBeNull();
    expect(html).not.toContain('服务态度');
    await expectAccessible(phone, 'results page');

    // Another month: nothing rated then, said so; English on the switch.
    await phone.click('[data-testid=previous]');
    await waitForText(phone, '[data-testid=month]', '2026 年 10 月');
    await phone.waitForSelector('[data-testid=results-figures][data-month="2026-10"]');
    expect(await phone.textContent('[data-testid=fig-ratings]')).toBe('0');
    await phone.click('[data-testid=lang]');
    await waitForText(phone, 'h1', 'Service ratings, published');
    await expectAccessible(phone, 'results page, empty month, English');
    expect(errors[0]).toEqual([]);
  });

  it('show on the wall display only when the hall asks, small, below the calls', async () => {
    await wall.goto(`${served.url}/display/?hall=${served.hallId}`);
    await wall.waitForSelector('[data-ready=true]');
    expect(await wall.locator('[data-testid=results-panel]').count()).toBe(0);

    const manager = await served.login('manager');
    const put = await served.t.req('PUT', `/api/v1/halls/${served.hallId}/rating-rules`, {
      cookie: manager,
      body: { resultsOnDisplay: true },
    });
    expect(put.statusCode, put.body).toBe(200);
    await wall.reload();
    await wall.waitForSelector('[data-testid=results-panel][data-month="2026-11"]');
    expect(await wall.textContent('[data-testid=results-satisfaction]')).toBe('66.7%');
    expect(await wall.textContent('[data-testid=results-poor]')).toBe('1');

    // It fits on the screen and takes less room than the calls; the calls keep their place.
    const panel = (await wall.locator('[data-testid=results-panel]').boundingBox())!;
    const calls = (await wall.locator('[data-testid=now-calling]').boundingBox())!;
    expect(panel.y + panel.height).toBeLessThanOrEqual(LANDSCAPE.height);
    expect(panel.height).toBeLessThan(calls.height);
    expect(panel.x).toBeGreaterThanOrEqual(calls.x + calls.width);
    expect(findPersonalData(await wall.content())).toBeNull();
    await expectAccessible(wall, 'wall display with the results panel');
    expect(errors[1]).toEqual([]);
  });
});
