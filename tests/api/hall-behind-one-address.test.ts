// Finding 4: a whole busy hall behind one NAT address must work with the limits on. Measured in
// Chromium: a console makes 44 API calls a minute, a kiosk 21, a display 23; 8 consoles, 2
// kiosks and 2 displays ≈ 440 a minute, over the anonymous 300 per address. Consoles count per
// signed-in clerk, kiosks and displays per paired device (X-Device-Token).
//
// The limits use fixed one-minute windows, so no window of a day at these rates ever sees more
// than two minutes' worth of requests (the end of one minute and the start of the next). The
// test sends two minutes' worth of every device's requests inside one window: if that passes,
// every window of the day does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

const MINUTES_IN_ONE_WINDOW = 2;
const RATES = { console: 44, kiosk: 21, display: 23 };

describe('a busy hall behind one address', { timeout: 300_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite', { rateLimit: true });
  }, 300_000);
  afterAll(async () => t?.close());

  it('serves 8 consoles, 2 kiosks and 2 displays at their measured rates without a 429', async () => {
    const hall = t.demo.hallId;
    const manager = await t.login('manager');
    // Eight clerks: the demo has four; the manager adds four more.
    const consoles: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const username = `clerk${i}`;
      if (!t.demo.passwords[username]) {
        const res = await t.req('POST', `/api/v1/halls/${hall}/staff`, {
          cookie: manager,
          body: { username, password: `Clerkpass${i}2026`, name: `窗口${i}`, role: 'clerk' },
        });
        expect(res.statusCode, res.body).toBe(201);
        t.demo.passwords[username] = `Clerkpass${i}2026`;
      }
      consoles.push(await t.login(username));
    }
    const pair = async (kind: string, name: string) => {
      const res = await t.req('POST', `/api/v1/halls/${hall}/devices`, {
        cookie: manager,
        body: { kind, name },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().token as string;
    };
    const kiosks = [await pair('kiosk', '一号自助机'), await pair('kiosk', '二号自助机')];
    const displays = [await pair('display', '大厅大屏'), await pair('display', '二楼大屏')];

    const calls: (() => Promise<{ statusCode: number; body: string }>)[] = [];
    const counterId = t.demo.counters[1]!;
    for (const cookie of consoles) {
      for (let i = 0; i < RATES.console * MINUTES_IN_ONE_WINDOW; i++) {
        calls.push(() =>
          t.req('GET', i % 2 ? `/api/v1/counters/${counterId}/queue` : `/api/v1/halls/${hall}/board`, {
            cookie,
          }),
        );
      }
    }
    for (const token of kiosks) {
      const headers = { 'x-device-token': token };
      for (let i = 0; i < RATES.kiosk * MINUTES_IN_ONE_WINDOW; i++) {
        calls.push(() =>
          i % 7 === 0
            ? t.req('POST', `/api/v1/halls/${hall}/tickets`, {
                headers,
                body: { matterId: t.demo.matters.A },
              })
            : t.req('GET', `/api/v1/halls/${hall}/matters`, { headers }),
        );
      }
    }
    for (const token of displays) {
      for (let i = 0; i < RATES.display * MINUTES_IN_ONE_WINDOW; i++) {
        calls.push(() =>
          t.req('GET', `/api/v1/halls/${hall}/board`, { headers: { 'x-device-token': token } }),
        );
      }
    }
    expect(calls.length).toBeGreaterThan(2 * 300); // over twice the anonymous allowance of one address
    // Interleaved as the devices would be: round-robin over the lists.
    const limited: string[] = [];
    for (let i = 0; i < calls.length; i++) {
      const res = await calls[(i * 7919) % calls.length]!();
      if (res.statusCode === 429) limited.push(res.body);
      else expect(res.statusCode, res.body).toBeLessThan(400);
    }
    expect(limited).toEqual([]);

    // An anonymous caller at the same address still meets the per-address limit.
    let anonymousLimited = false;
    for (let i = 0; i < 400 && !anonymousLimited; i++) {
      anonymousLimited = (await t.req('GET', `/api/v1/halls/${hall}/board`)).statusCode === 429;
    }
    expect(anonymousLimited).toBe(true);
  });
});
