// Finding 3 and the timing part of 8: wrong passwords slow the one who types them (per username
// and address, growing), never the real user from a clean address nor the clerks behind the same
// shared address; an unknown username takes as long as a known one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

describe('sign-in throttling without lockout', { timeout: 240_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  }, 240_000);
  afterAll(async () => t?.close());

  const signIn = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { username, password },
    });

  it('does not lock the admin out when strangers guess from many addresses', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await signIn('admin', `wrong-guess-${i}`, `198.51.100.${i}`);
      expect(res.statusCode).toBe(401);
    }
    const real = await signIn('admin', t.demo.passwords.admin!, '192.0.2.10');
    expect(real.statusCode, real.body).toBe(200);
  });

  it('does not stop the clerks behind a shared address when one machine there guesses', async () => {
    const nat = '192.0.2.77';
    // 25 wrong passwords spread over many usernames (real and made up) from the hall's address.
    const targets = ['manager', 'clerk3', 'admin', 'guest', 'root', 'test', 'operator', 'clerk9'];
    for (let i = 0; i < 25; i++) {
      const res = await signIn(targets[i % targets.length]!, `wrong-guess-${i}`, nat);
      expect([401, 429]).toContain(res.statusCode);
    }
    for (const clerk of ['clerk1', 'clerk2', 'clerk4']) {
      const res = await signIn(clerk, t.demo.passwords[clerk]!, nat);
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('makes the guesser wait longer after each failure, and lets them try again after the wait', async () => {
    const guesser = '203.0.113.66';
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      let res = await signIn('clerk2', `nope-${i}`, guesser);
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe('RATE_LIMITED');
        const wait = Number(res.headers['retry-after']);
        waits.push(wait);
        t.clock.advance(wait / 60 + 0.01);
        res = await signIn('clerk2', `nope-${i}`, guesser);
      }
      expect(res.statusCode).toBe(401);
    }
    expect(waits.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
  });

  it('spends comparable work on an unknown username and a known one (compared, not timed)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const median = (l: number[]) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)]!;
    // CPU time of this process (the password hash runs in its thread pool), not wall time, so
    // other load on the machine does not blur it; interleaved, each from its own address.
    const cpu = async (fn: () => Promise<unknown>) => {
      const before = process.cpuUsage();
      await fn();
      const used = process.cpuUsage(before);
      return used.user + used.system;
    };
    for (let i = 0; i < 12; i++) {
      known.push(await cpu(() => signIn('clerk4', `wrong-${i}`, `10.1.0.${i}`)));
      // A right password now and then, so no throttle (old or new) skips the check.
      expect((await signIn('clerk4', t.demo.passwords.clerk4!, `10.1.0.${i}`)).statusCode).toBe(200);
      unknown.push(await cpu(() => signIn(`nobody${i}`, `wrong-${i}`, `10.2.0.${i}`)));
    }
    // Without a decoy hash an unknown name costs a fraction of a known one's password check.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});
