// What the hall's unattended devices need from the API: the hall's spoken call (voice
// settings) and the server's time for a device's self-check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VOICE } from '../../server/src/domain/call-speech.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

describe('devices API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('answers the default voice with every hall', async () => {
    const halls = (await t.req('GET', '/api/v1/halls')).json();
    expect(halls[0].settings.voice).toEqual(DEFAULT_VOICE);
  });

  it('lets a manager word the call, and tells the screens the hall changed', async () => {
    const cookie = await t.login('manager');
    const url = `/api/v1/halls/${t.demo.hallId}`;
    const lastSeq = async () =>
      (await t.handle.db
        .selectFrom('hall_events')
        .select(['seq', 'type'])
        .where('hall_id', '=', t.demo.hallId)
        .orderBy('seq', 'desc')
        .executeTakeFirst()) ?? { seq: 0, type: '' };
    const before = await lastSeq();
    const res = await t.req('PATCH', url, {
      cookie,
      body: { voice: { phrase: '{number}号，请到{counter}号窗口', repeat: 3, english: true } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.voice).toEqual({
      ...DEFAULT_VOICE,
      phrase: '{number}号，请到{counter}号窗口',
      repeat: 3,
      english: true,
    });
    const after = await lastSeq();
    expect(after).toEqual({ seq: before.seq + 1, type: 'hall.updated' });
    // Another setting leaves the voice as it was.
    await t.req('PATCH', url, { cookie, body: { waitAlertMinutes: 50 } });
    expect((await t.req('GET', url)).json().settings.voice.repeat).toBe(3);
  });

  it('refuses a phrase without its placeholders and out-of-range numbers, changing nothing', async () => {
    const cookie = await t.login('manager');
    const url = `/api/v1/halls/${t.demo.hallId}`;
    const before = (await t.req('GET', url)).json().settings.voice;
    for (const voice of [
      { phrase: '请到窗口办理' },
      { recallPhrase: '请 {number} 号' },
      { repeat: 0 },
      { repeat: 9 },
      { rate: 5 },
      { volume: -1 },
      { english: 'yes' },
    ]) {
      const res = await t.req('PATCH', url, { cookie, body: { voice } });
      expect(res.statusCode, JSON.stringify(voice)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.req('GET', url)).json().settings.voice).toEqual(before);
    expect((await t.req('PATCH', url, { body: { voice: { repeat: 1 } } })).statusCode).toBe(401);
  });

  it("answers the server's time, which is the hall clock's", async () => {
    t.clock.set('2026-11-18T01:02:03.000Z');
    const res = await t.req('GET', '/api/v1/time');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ now: '2026-11-18T01:02:03.000Z' });
  });
});
