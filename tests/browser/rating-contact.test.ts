// "留下联系方式以便回访" (issue 15, finding 2) in the browser: the phone's rating form and the
// counter's pad offer an optional phone with a 差评 only; a wrong number is stopped before sending;
// left, it reaches the case masked (the number itself only behind the manager's audited action);
// left empty, the rating stays anonymous.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCounter } from '../helpers/queue.ts';
import { pairPad, servedTicket, type Clerk } from '../helpers/ratings.ts';
import { expectAccessible } from './axe.ts';
import { openScreens, ServedApp, waitForText } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1280, height: 800 };
const RATER = '13912345678';

interface Case {
  ticketNumber: string;
  realName: boolean;
  contactMasked: string | null;
}

describe('a phone left with a 差评 for the follow-up', () => {
  let served: ServedApp;
  let browser: Browser;
  let phone: Page;
  let pad: Page;
  let errors: string[][];
  let clerk: Clerk;
  let manager: string;

  beforeAll(async () => {
    const screens = await openScreens(PHONE, TABLET);
    ({ served, browser, errors } = screens);
    [phone, pad] = screens.pages;
    clerk = await openCounter(served.t, 'clerk1', 1);
    manager = await served.login('manager');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const cases = async (): Promise<Case[]> =>
    (
      await served.api<{ complaints: Case[] }>(
        'GET',
        `/halls/${served.hallId}/complaints`,
        undefined,
        manager,
      )
    ).complaints;

  it('on the phone: offered with 2 or 1 only, a wrong number stopped, then kept masked', async () => {
    const ticket = await servedTicket(served.t, clerk);
    const posts: Request[] = [];
    phone.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/rating')) posts.push(r);
    });
    await phone.goto(
      `${served.url}/resident/ticket?${new URLSearchParams({ id: ticket.id, token: ticket.token })}`,
    );
    await phone.waitForSelector('[data-testid=rating]');
    await phone.click('[data-testid=score-4]');
    expect(await phone.$('[data-testid=rating-contact]')).toBeNull();

    await phone.click('[data-testid=score-1]');
    await phone.click('[data-testid="reason-服务态度"]');
    await phone.fill('[data-testid=rating-contact]', '1391234');
    await phone.click('[data-testid=rating-submit]');
    await waitForText(phone, '[data-testid=contact-error]', '11 位手机号码');
    expect(posts).toHaveLength(0);
    await expectAccessible(phone, 'rating form with a wrong contact phone');

    await phone.fill(
      '[data-testid=rating-contact]',
      `${RATER.slice(0, 3)} ${RATER.slice(3, 7)} ${RATER.slice(7)}`,
    );
    await phone.click('[data-testid=rating-submit]');
    await waitForText(phone, '[data-testid=rating-done]', '感谢您的评价');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.postDataJSON()).toMatchObject({ score: 1, contactPhone: RATER });

    const c = (await cases()).find((x) => x.ticketNumber === ticket.number)!;
    expect(c).toMatchObject({ realName: true, contactMasked: '139****5678' });
    const stored = await served.db
      .selectFrom('ratings')
      .select(['contact_phone_enc', 'contact_phone_masked'])
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(stored.contact_phone_masked).toBe('139****5678');
    expect(stored.contact_phone_enc).not.toContain(RATER);
    expect(errors[0]).toEqual([]);
  });

  it('on the pad: anonymous when left empty, real-name when a phone is left', async () => {
    const token = await pairPad(served.t, clerk.counterId);
    await pad.goto(`${served.url}/counter/pad?counter=${clerk.counterId}&token=${token}`);
    await pad.waitForSelector('[data-testid=pad-idle]');

    const rateOnPad = async (contact: string) => {
      const ticket = await servedTicket(served.t, clerk);
      await waitForText(pad, '[data-testid=pad-prompt]', ticket.number);
      await pad.click('[data-testid=level-2]');
      await pad.click('[data-testid="reason-办事效率"]');
      if (contact) await pad.fill('[data-testid=pad-contact]', contact);
      await pad.click('[data-testid=pad-submit]');
      return ticket;
    };

    const anonymous = await rateOnPad('');
    await pad.waitForSelector('[data-testid=pad-thanks]');
    const named = await rateOnPad('12345');
    await waitForText(pad, '.pad-error', '11 位手机号码');
    await expectAccessible(pad, 'pad reasons with a wrong contact phone');
    await pad.fill('[data-testid=pad-contact]', RATER);
    await pad.click('[data-testid=pad-submit]');
    await pad.waitForSelector('[data-testid=pad-thanks]');

    const all = await cases();
    expect(all.find((x) => x.ticketNumber === anonymous.number)).toMatchObject({
      realName: false,
      contactMasked: null,
    });
    expect(all.find((x) => x.ticketNumber === named.number)).toMatchObject({
      realName: true,
      contactMasked: '139****5678',
    });
    expect(await pad.content()).not.toContain(RATER);
    expect(errors[1]).toEqual([]);
  });
});
