// Exposure (finding 8): personal answers must not be kept by caches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket } from '../helpers/queue.ts';

describe('exposure', { timeout: 600_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  }, 600_000);
  afterAll(async () => t?.close());

  it('sends Cache-Control: no-store on a holder’s ticket and on staff answers', async () => {
    const ticket = await makeTicket(t, 'A');
    const holder = await t.req('GET', `/api/v1/tickets/${ticket.id}?token=${ticket.token}`);
    expect(holder.statusCode).toBe(200);
    expect(holder.headers['cache-control']).toBe('no-store');
    const me = await t.req('GET', '/api/v1/auth/me', { cookie: await t.login('manager') });
    expect(me.headers['cache-control']).toBe('no-store');
  });
});
