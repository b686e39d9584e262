// Issue 17: the holder's page says where a transferred ticket went: to a named counter, then to
// another matter, live (the transfer event re-reads the ticket), in Chinese and in English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectErrors,
  ensureWebBuilt,
  launchChromium,
  openScreen,
  ServedApp,
  waitForText,
} from './harness.ts';

describe('a transferred ticket on the holder’s page', () => {
  let served: ServedApp;
  let browser: Browser;
  let phone: Page;
  let errors: string[];

  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
    browser = await launchChromium();
    phone = (await openScreen(browser, { width: 390, height: 844 })).page;
    errors = collectErrors(phone);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('shows the counter and then the matter it was moved to', async () => {
    const { counters, matters, hallId } = served.t.demo;
    const one = await served.login('clerk1');
    const three = await served.login('clerk2');
    await served.api('POST', `/counters/${counters[1]}/open`, undefined, one);
    await served.api('POST', `/counters/${counters[3]}/open`, undefined, three);
    const ticket = await served.api<{ id: string; token: string }>('POST', `/halls/${hallId}/tickets`, {
      matterId: matters.A,
    });
    await phone.goto(
      `${served.url}/resident/ticket?${new URLSearchParams({ id: ticket.id, token: ticket.token }).toString()}`,
    );
    await phone.waitForSelector('[data-testid=ticket][data-status=waiting]');
    expect(await phone.$('[data-testid=transferred-to]')).toBeNull();

    await served.api('POST', `/counters/${counters[1]}/call-next`, undefined, one);
    await served.api('POST', `/tickets/${ticket.id}/start`, undefined, one);
    await served.t.req('POST', `/api/v1/tickets/${ticket.id}/transfer`, {
      cookie: one,
      body: { counterId: counters[3] },
    });
    await waitForText(phone, '[data-testid=transferred-to]', '您的号已转到 3 号窗口');

    await served.api('POST', `/counters/${counters[3]}/call-next`, undefined, three);
    await served.api('POST', `/tickets/${ticket.id}/start`, undefined, three);
    await served.t.req('POST', `/api/v1/tickets/${ticket.id}/transfer`, {
      cookie: three,
      body: { matterId: matters.D },
    });
    const d = (
      await served.api<{ id: string; name: string; nameEn: string }[]>('GET', `/halls/${hallId}/matters`)
    ).find((m) => m.id === matters.D)!;
    await waitForText(phone, '[data-testid=transferred-to]', `「${d.name}」`);

    await phone.click('[data-testid=lang]');
    await waitForText(phone, '[data-testid=transferred-to]', 'Your ticket was moved to');
    if (d.nameEn) expect(await phone.textContent('[data-testid=transferred-to]')).toContain(d.nameEn);
    expect(errors).toEqual([]);
  });
});
