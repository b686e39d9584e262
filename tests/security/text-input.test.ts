// Finding 6: a NUL or other control character in any text field, a name that only looks blank,
// a mistyped weekday key and a date in year 0001 are each a 400 VALIDATION_FAILED that changes
// nothing — never a 500 (PostgreSQL refuses NUL in text) and never a silently closed hall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeResident } from '../helpers/appointments.ts';

describe('text fields refuse control characters and blank-looking names', { timeout: 240_000 }, () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    admin = await t.login('admin');
    manager = await t.login('manager');
  }, 240_000);
  afterAll(async () => t?.close());

  const refused = async (
    method: 'POST' | 'PUT' | 'PATCH' | 'GET',
    url: string,
    body: unknown,
    cookie?: string,
  ) => {
    const res = await t.req(method, url, { body, ...(cookie ? { cookie } : {}) });
    expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  };

  const HOSTILE = ['a\u0000b', '\u0000', 'x\u0007y', 'line\u001bz', 'a\u0085b'];
  const BLANK = ['\u200b', '\u200b\u200c\u200d', '\ufeff ', ' \u3000 ', '\u2060'];

  it('refuses them at sign-in', async () => {
    for (const v of HOSTILE) {
      await refused('POST', '/api/v1/auth/login', { username: v, password: 'whatever-1' });
      await refused('POST', '/api/v1/auth/login', { username: 'admin', password: v });
    }
  });

  it('refuses them in a booking', async () => {
    const hall = t.demo.hallId;
    const base = { matterId: t.demo.matters.A, start: '2026-11-19T10:00:00+08:00', ...makeResident() };
    for (const v of [...HOSTILE, ...BLANK]) {
      await refused('POST', `/api/v1/halls/${hall}/appointments`, { ...base, name: v });
    }
    for (const v of HOSTILE) {
      await refused('POST', `/api/v1/halls/${hall}/appointments`, { ...base, idNumber: v });
      await refused('POST', `/api/v1/halls/${hall}/check-in`, { idNumber: v });
    }
    expect(await t.handle.db.selectFrom('appointments').select('id').execute()).toHaveLength(0);
  });

  it('refuses them in halls, matters, counters and staff', async () => {
    const hall = t.demo.hallId;
    for (const v of [...HOSTILE, ...BLANK]) {
      await refused('POST', '/api/v1/halls', { code: 'new-hall', name: v }, admin);
      await refused('PATCH', `/api/v1/halls/${hall}`, { name: v }, admin);
      await refused('POST', `/api/v1/halls/${hall}/matters`, { code: 'X1', name: v, prefix: 'X' }, manager);
      await refused('PATCH', `/api/v1/matters/${t.demo.matters.A}`, { name: v }, manager);
      await refused(
        'POST',
        `/api/v1/halls/${hall}/staff`,
        {
          username: 'newclerk',
          password: 'Goodpass12345',
          name: v,
          role: 'clerk',
        },
        manager,
      );
    }
    for (const v of HOSTILE) {
      await refused('POST', `/api/v1/halls/${hall}/counters`, { number: 9, name: v, matterIds: [] }, manager);
      await refused('PATCH', `/api/v1/matters/${t.demo.matters.A}`, { description: v }, manager);
      await refused('PATCH', `/api/v1/matters/${t.demo.matters.A}`, { materials: [v] }, manager);
    }
    expect(await t.handle.db.selectFrom('halls').select('id').execute()).toHaveLength(1);
  });

  it('refuses them in schedule notes and overrides', async () => {
    const hall = t.demo.hallId;
    for (const v of HOSTILE) {
      await refused(
        'PUT',
        `/api/v1/halls/${hall}/schedule`,
        {
          overrides: [{ date: '2026-12-01', kind: 'holiday', note: v }],
        },
        manager,
      );
      await refused(
        'PUT',
        '/api/v1/calendar/overrides',
        { overrides: [{ date: '2026-12-01', kind: 'holiday', note: v }] },
        admin,
      );
    }
  });

  it('refuses a mistyped weekday key instead of closing the hall every day', async () => {
    const hall = t.demo.hallId;
    const before = (await t.req('GET', `/api/v1/halls/${hall}/schedule`, { cookie: manager })).json();
    await refused(
      'PUT',
      `/api/v1/halls/${hall}/schedule`,
      { hours: { 8: { open: '09:00', close: '17:00' } } },
      manager,
    );
    await refused(
      'PUT',
      `/api/v1/halls/${hall}/schedule`,
      { hours: { mon: { open: '09:00', close: '17:00' } } },
      manager,
    );
    const after = (await t.req('GET', `/api/v1/halls/${hall}/schedule`, { cookie: manager })).json();
    expect(after.hours).toEqual(before.hours);
  });

  it('refuses dates outside sane years', async () => {
    const hall = t.demo.hallId;
    const matterId = t.demo.matters.A;
    for (const d of ['0000-01-01', '0001-01-01', '0099-12-31', '9999-12-31']) {
      await refused('GET', `/api/v1/halls/${hall}/slots?matterId=${matterId}&from=${d}&to=${d}`, undefined);
      await refused('GET', `/api/v1/halls/${hall}/stats?from=${d}&to=${d}`, undefined, manager);
    }
    await refused('POST', `/api/v1/halls/${hall}/appointments`, {
      matterId,
      start: '0001-01-01T10:00:00+08:00',
      ...makeResident(),
    });
  });
});
