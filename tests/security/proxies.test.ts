// Finding 1: the per-address limits must count the real client. A forwarded address counts only
// when the connection comes from a configured proxy (HALLQ_TRUSTED_PROXIES); HTTPS reported by
// that proxy makes the session cookie Secure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeTestApp, type TestApp } from '../helpers/app.ts';

const PROXY = '127.0.0.1';
const STRANGER = '203.0.113.5';
const spoofed = (i: number) => `10.${i >> 8}.${i & 255}.7`;

describe('trusted proxies', { timeout: 180_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite', { rateLimit: true, trustedProxies: [PROXY] });
  }, 180_000);
  afterAll(async () => t?.close());

  const issue = (remoteAddress: string, forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/halls/${t.demo.hallId}/tickets`,
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { matterId: t.demo.matters.F },
    });

  async function issuedBeforeLimit(remoteAddress: string, forwardedFor: (i: number) => string) {
    for (let i = 0; i < 60; i++) {
      const res = await issue(remoteAddress, forwardedFor(i));
      if (res.statusCode === 429) return i;
      expect(res.statusCode, res.body).toBe(201);
    }
    return null;
  }

  it('ignores a made-up X-Forwarded-For from a client that is not a configured proxy', async () => {
    expect(await issuedBeforeLimit(STRANGER, spoofed)).not.toBeNull();
  });

  it('counts the forwarded address when the peer is a configured proxy', async () => {
    expect(await issuedBeforeLimit(PROXY, () => '198.51.100.1')).not.toBeNull();
    // Another resident behind the same proxy still has their own allowance.
    expect((await issue(PROXY, '198.51.100.2')).statusCode).toBe(201);
  });

  it('marks the session cookie Secure only when a trusted proxy reports HTTPS', async () => {
    const signIn = async (remoteAddress: string, proto: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        headers: { 'x-forwarded-proto': proto },
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.cookies.find((c) => c.name === 'hallq_session')?.secure ?? false;
    };
    expect(await signIn(STRANGER, 'https')).toBe(false);
    expect(await signIn(PROXY, 'https')).toBe(true);
    expect(await signIn(PROXY, 'http')).toBe(false);
  });
});
