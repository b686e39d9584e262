import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/bootstrap.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';

describe.each(BACKENDS)('foundation on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(backend);
  });
  afterAll(async () => t?.close());

  it('runs migrations twice without harm', async () => {
    expect(await migrateToLatest(t.handle.db as never)).toEqual([]);
    expect(await migrateToLatest(t.handle.db as never)).toEqual([]);
  });

  it('seeds the admin and the demo hall once only', async () => {
    const again = await bootstrap(t.handle.db, { adminPassword: 'another-pass-1', seedDemo: true });
    expect(again.created).toBe(false);
    const halls = await t.req('GET', '/api/v1/halls');
    expect(halls.json()).toHaveLength(1);
    expect(halls.json()[0]).toMatchObject({ name: '示范政务服务中心', timezone: 'Asia/Shanghai' });
    const matters = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/matters`)).json();
    expect(matters.map((m: { prefix: string }) => m.prefix)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(matters[0].materials.length).toBeGreaterThan(0);
    const counters = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/counters`)).json();
    expect(counters).toHaveLength(8);
    expect(counters.filter((c: { matterIds: string[] }) => c.matterIds.length === 6)).toHaveLength(2);
  });

  it('signs in with the right password and answers who is signed in', async () => {
    const cookie = await t.login('admin');
    const me = await t.req('GET', '/api/v1/auth/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'admin', role: 'admin' });
    const setCookie = (
      await t.req('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'hall-pass-2026' } })
    ).headers['set-cookie'];
    expect(String(setCookie)).toMatch(/HttpOnly/i);
    expect(String(setCookie)).toMatch(/SameSite=Lax/i);
  });

  it('refuses a wrong password with 401 and no session', async () => {
    const res = await t.req('POST', '/api/v1/auth/login', {
      body: { username: 'clerk1', password: 'wrong-password-1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('rate-limits repeated wrong passwords, even when the right one follows', async () => {
    for (let i = 0; i < 5; i++) {
      await t.req('POST', '/api/v1/auth/login', {
        body: { username: 'clerk4', password: `nope-${i}-xxxxx` },
      });
    }
    const res = await t.req('POST', '/api/v1/auth/login', {
      body: { username: 'clerk4', password: t.demo.passwords.clerk4 },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('ends the session on logout', async () => {
    const cookie = await t.login('clerk2');
    expect((await t.req('POST', '/api/v1/auth/logout', { cookie })).statusCode).toBe(204);
    expect((await t.req('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const cookie = await t.login('clerk3');
    t.clock.advance(13 * 60);
    expect((await t.req('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(401);
    t.clock.advance(-13 * 60);
  });

  it('does not let a clerk create a matter', async () => {
    const cookie = await t.login('clerk1');
    const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/matters`, {
      cookie,
      body: { code: 'new', name: '新事项', prefix: 'G' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('lets a manager configure their own hall but not another one', async () => {
    const admin = await t.login('admin');
    const other = (
      await t.req('POST', '/api/v1/halls', { cookie: admin, body: { code: 'other', name: '另一个大厅' } })
    ).json();
    const manager = await t.login('manager');
    const own = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/matters`, {
      cookie: manager,
      body: { code: 'chuguo', name: '出入境', prefix: 'G', materials: ['居民身份证'], avgServiceMinutes: 7 },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ prefix: 'G', avgServiceMinutes: 7 });
    const patched = await t.req('PATCH', `/api/v1/matters/${own.json().id}`, {
      cookie: manager,
      body: { walkIn: false },
    });
    expect(patched.json().walkIn).toBe(false);
    const foreign = await t.req('POST', `/api/v1/halls/${other.id}/matters`, {
      cookie: manager,
      body: { code: 'x', name: 'x', prefix: 'X' },
    });
    expect(foreign.statusCode).toBe(403);
    const foreignCounter = await t.req('POST', `/api/v1/halls/${other.id}/counters`, {
      cookie: manager,
      body: { number: 1, matterIds: [] },
    });
    expect([400, 403]).toContain(foreignCounter.statusCode);
    const staff = await t.req('POST', `/api/v1/halls/${other.id}/staff`, {
      cookie: manager,
      body: { username: 'intruder', password: 'Password12345', name: 'x', role: 'clerk' },
    });
    expect(staff.statusCode).toBe(403);
  });

  it('lets a manager create clerks but not managers, with a password policy', async () => {
    const manager = await t.login('manager');
    const url = `/api/v1/halls/${t.demo.hallId}/staff`;
    const weak = await t.req('POST', url, {
      cookie: manager,
      body: { username: 'clerk9', password: 'short', name: '赵六', role: 'clerk' },
    });
    expect(weak.statusCode).toBe(400);
    const mgr = await t.req('POST', url, {
      cookie: manager,
      body: { username: 'boss2', password: 'Strongpass123', name: '钱七', role: 'manager' },
    });
    expect(mgr.statusCode).toBe(403);
    const ok = await t.req('POST', url, {
      cookie: manager,
      body: { username: 'clerk9', password: 'Strongpass123', name: '赵六', role: 'clerk' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: 'clerk9', role: 'clerk', hallId: t.demo.hallId });
    expect(await t.login('clerk9', 'Strongpass123')).toMatch(/hallq_session=/);
    const dup = await t.req('POST', url, {
      cookie: manager,
      body: { username: 'clerk9', password: 'Strongpass123', name: '赵六', role: 'clerk' },
    });
    expect(dup.statusCode).toBe(409);
    // deactivation signs the clerk out
    const cookie = await t.login('clerk9', 'Strongpass123');
    const off = await t.req('PATCH', `/api/v1/staff/${ok.json().id}`, {
      cookie: manager,
      body: { active: false },
    });
    expect(off.json().active).toBe(false);
    expect((await t.req('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('answers validation errors with details on every config route', async () => {
    const admin = await t.login('admin');
    const h = t.demo.hallId;
    const cases: [string, string, unknown][] = [
      ['POST', '/api/v1/halls', { code: 'BAD CODE', name: '' }],
      ['PATCH', `/api/v1/halls/${h}`, { policy: { greenBoost: -1 } }],
      ['POST', `/api/v1/halls/${h}/matters`, { code: 'x', name: 'x', prefix: 'abc' }],
      ['PATCH', `/api/v1/matters/${t.demo.matters.A}`, { avgServiceMinutes: 'ten' }],
      ['POST', `/api/v1/halls/${h}/counters`, { number: 0, matterIds: ['not-an-id'] }],
      ['PATCH', `/api/v1/counters/${t.demo.counters[1]}`, { matterIds: [] }],
      ['POST', `/api/v1/halls/${h}/staff`, { username: 'A B', password: 'x', name: '', role: 'boss' }],
      ['PATCH', `/api/v1/staff/${t.demo.hallId}`, { role: 'boss' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await t.req(method as 'POST', url, { cookie: admin, body });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.length).toBeGreaterThan(0);
      expect(res.json().error.details[0].path).toBeDefined();
    }
  });

  it('answers malformed JSON, unknown IDs and unknown routes without a 500', async () => {
    const admin = await t.login('admin');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/halls/${t.demo.hallId}/matters`,
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await t.req('GET', '/api/v1/halls/00000000-0000-4000-8000-000000000000/matters');
    expect(unknown.statusCode).toBe(404);
    expect((await t.req('GET', '/api/v1/nothing-here')).statusCode).toBe(404);
    expect((await t.req('GET', '/api/v1/tickets/not-a-uuid')).statusCode).toBe(400);
    expect((await t.req('GET', '/readyz')).statusCode).toBe(200);
  });

  it('keeps counter matters in the given order and validates they belong to the hall', async () => {
    const manager = await t.login('manager');
    const { A, B, C } = t.demo.matters;
    const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/counters`, {
      cookie: manager,
      body: { number: 20, matterIds: [C, A, B] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().matterIds).toEqual([C, A, B]);
    const patched = await t.req('PATCH', `/api/v1/counters/${res.json().id}`, {
      cookie: manager,
      body: { matterIds: [B, C] },
    });
    expect(patched.json().matterIds).toEqual([B, C]);
    const dup = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/counters`, {
      cookie: manager,
      body: { number: 20, matterIds: [A] },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('serves the OpenAPI description', async () => {
    const res = await t.req('GET', '/docs/json', { cookie: await t.login('admin') });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/v1/halls/{hallId}/tickets');
  });
});

describe('session rotation', () => {
  it('gives a new session on every sign-in and ends the one the browser had', async () => {
    const t = await makeTestApp('pglite');
    try {
      const first = await t.login('clerk1');
      const again = await t.req('POST', '/api/v1/auth/login', {
        cookie: first,
        body: { username: 'clerk1', password: t.demo.passwords.clerk1 },
      });
      const second = `hallq_session=${again.cookies.find((c) => c.name === 'hallq_session')!.value}`;
      expect(second).not.toBe(first);
      expect((await t.req('GET', '/api/v1/auth/me', { cookie: first })).statusCode).toBe(401);
      expect((await t.req('GET', '/api/v1/auth/me', { cookie: second })).statusCode).toBe(200);
      // a failed sign-in leaves the current session alone
      await t.req('POST', '/api/v1/auth/login', {
        cookie: second,
        body: { username: 'clerk1', password: 'wrong-one-123' },
      });
      expect((await t.req('GET', '/api/v1/auth/me', { cookie: second })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
