// Issue 17: a counter may have an English name; the API keeps it and the wall's board carries
// it, so English screens can say it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

describe('a counter’s English name', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('is kept on create and patch, empty by default, and refused when not text', async () => {
    const cookie = await t.login('manager');
    const base = `/api/v1/halls/${t.demo.hallId}/counters`;
    const made = await t.req('POST', base, {
      cookie,
      body: { number: 41, name: '41号窗口', nameEn: 'Counter 41', matterIds: [t.demo.matters.A] },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ name: '41号窗口', nameEn: 'Counter 41' });
    const plain = await t.req('POST', base, { cookie, body: { number: 42, matterIds: [t.demo.matters.A] } });
    expect(plain.json().nameEn).toBe('');
    const patched = await t.req('PATCH', `/api/v1/counters/${plain.json().id}`, {
      cookie,
      body: { nameEn: 'Enquiries' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().nameEn).toBe('Enquiries');
    const bad = await t.req('PATCH', `/api/v1/counters/${plain.json().id}`, { cookie, body: { nameEn: 5 } });
    expect(bad.statusCode).toBe(400);
    const listed = (await t.req('GET', base, { cookie })).json() as { number: number; nameEn: string }[];
    expect(listed.find((c) => c.number === 41)?.nameEn).toBe('Counter 41');
  });
});
