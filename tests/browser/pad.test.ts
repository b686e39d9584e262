// The rating pad rates only the service it saw end (issue 15, finding 1): after A003 is finished
// the pad keeps prompting A003 while the clerk calls the next number, and stops as soon as the
// next resident's service starts at the counter, so the next resident cannot rate A003.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScreens, ServedApp, waitForText } from './harness.ts';

const TABLET = { width: 1280, height: 800 };

describe('the rating pad after the clerk moves on', () => {
  let served: ServedApp;
  let browser: Browser;
  let pad: Page;
  let errors: string[];

  beforeAll(async () => {
    const screens = await openScreens(TABLET);
    ({ served, browser } = screens);
    [pad] = screens.pages;
    errors = screens.errors[0]!;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('prompts for A003 while A005 is called, and no longer once A005’s service starts', async () => {
    const counterId = served.t.demo.counters[1]!;
    const manager = await served.login('manager');
    const { token } = await served.api<{ token: string }>(
      'POST',
      `/counters/${counterId}/pad-token`,
      undefined,
      manager,
    );
    const clerk = await served.login('clerk1');
    await served.api('POST', `/counters/${counterId}/open`, undefined, clerk);
    const issued: { id: string; number: string }[] = [];
    for (let i = 0; i < 5; i++)
      issued.push(
        await served.api('POST', `/halls/${served.hallId}/tickets`, { matterId: served.t.demo.matters.A }),
      );
    const [, , a003, , a005] = issued as [
      unknown,
      unknown,
      { id: string; number: string },
      unknown,
      (typeof issued)[0],
    ];
    expect(a003.number).toBe('A003');

    // A pairing link of the old form (?token=) still opens; its token leaves the address.
    await pad.goto(`${served.url}/counter/pad?counter=${counterId}&token=${token}`);
    await pad.waitForSelector('[data-testid=pad-idle]');
    expect(pad.url()).not.toContain(token);

    await served.api('POST', `/counters/${counterId}/call`, { ticketId: a003.id }, clerk);
    await served.api('POST', `/tickets/${a003.id}/start`, undefined, clerk);
    served.t.clock.advance(3);
    // The clerk's two-key loop: calling A005 finishes A003.
    await served.api('POST', `/counters/${counterId}/call`, { ticketId: a005.id }, clerk);
    await waitForText(pad, '[data-testid=pad-prompt]', 'A003');

    // A005 sits down: the pad must stop offering A003 to whoever stands at the window now.
    served.t.clock.advance(1);
    await served.api('POST', `/tickets/${a005.id}/start`, undefined, clerk);
    await pad.waitForSelector('[data-testid=pad-idle]', { timeout: 15_000 });
    expect(await pad.textContent('[data-testid=pad]')).not.toContain('A003');

    // Nor can the pad rate A003 behind the screen's back.
    const res = await served.app!.inject({
      method: 'POST',
      url: `/api/v1/tickets/${a003.id}/rating`,
      headers: { 'x-pad-token': token },
      payload: { score: 1, reasons: ['服务态度'] },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('RATING_CLOSED');
    expect(errors).toEqual([]);
  });
});
