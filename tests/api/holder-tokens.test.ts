// Holder tokens stay out of URLs that servers log: links carry them in the fragment, the API takes
// them in X-Holder-Token (the printed `?token=` form still works), and every answer that carries a
// holder token or personal data is `Cache-Control: no-store`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, putSchedule } from '../helpers/appointments.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket } from '../helpers/queue.ts';

describe('holder tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    await putSchedule(t, {
      matters: [{ matterId: t.demo.matters.D!, bookable: true, perSlot: 5, walkInShare: 0, horizonDays: 10 }],
    });
  });
  afterAll(() => t.close());

  const noStore = (res: { headers: Record<string, unknown> }, what: string) =>
    expect(res.headers['cache-control'], what).toBe('no-store');

  it('takes the ticket token in the header, still in the query, and never caches', async () => {
    const issued = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, {
      body: { matterId: t.demo.matters.A },
    });
    expect(issued.statusCode).toBe(201);
    noStore(issued, 'the issuing answer');
    const { id, token } = issued.json() as { id: string; token: string };
    const header = { 'x-holder-token': token };

    const viaHeader = await t.req('GET', `/api/v1/tickets/${id}`, { headers: header });
    expect(viaHeader.statusCode).toBe(200);
    noStore(viaHeader, 'GET ticket');
    const viaQuery = await t.req('GET', `/api/v1/tickets/${id}?token=${encodeURIComponent(token)}`);
    expect(viaQuery.statusCode).toBe(200);
    noStore(viaQuery, 'GET ticket ?token=');
    const none = await t.req('GET', `/api/v1/tickets/${id}`);
    expect(none.statusCode).toBe(401);
    const wrong = await t.req('GET', `/api/v1/tickets/${id}`, {
      headers: { 'x-holder-token': 'x'.repeat(40) },
    });
    expect([401, 403]).toContain(wrong.statusCode);

    const rating = await t.req('GET', `/api/v1/tickets/${id}/rating`, { headers: header });
    expect(rating.statusCode).toBeLessThan(500);
    noStore(rating, 'GET rating');
    const other = await makeTicket(t, 'A');
    const cancelled = await t.req('POST', `/api/v1/tickets/${other.id}/cancel`, {
      headers: { 'x-holder-token': other.token },
    });
    expect(cancelled.statusCode).toBe(200);
    noStore(cancelled, 'cancel ticket');
  });

  it('gives a manage link with the token in the fragment, and serves the booking by header', async () => {
    const res = await book(t, { matterId: t.demo.matters.D!, start: '2026-11-20T09:00:00+08:00' });
    expect(res.statusCode, res.body).toBe(201);
    noStore(res, 'the booking answer');
    const booking = res.json() as { id: string; token: string; manageUrl: string };
    const url = new URL(booking.manageUrl, 'http://hall.example');
    expect(url.pathname).toBe('/resident/manage');
    expect(url.searchParams.get('id')).toBe(booking.id);
    expect(url.search).not.toContain(booking.token);
    expect(new URLSearchParams(url.hash.slice(1)).get('t')).toBe(booking.token);

    const got = await t.req('GET', `/api/v1/appointments/${booking.id}`, {
      headers: { 'x-holder-token': booking.token },
    });
    expect(got.statusCode).toBe(200);
    noStore(got, 'GET appointment');
  });

  it('does not publish the ?token= form in the OpenAPI', async () => {
    const doc = (await t.req('GET', '/docs/json', { cookie: await t.login('admin') })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const tokenParams = ops
      .flatMap((o) => o.parameters ?? [])
      .filter((p) => p.in === 'query' && p.name === 'token');
    expect(tokenParams).toEqual([]);
  });
});
