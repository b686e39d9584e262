// Issue 16, finding 8 (audit): every staff action is in its hall's audit log (an admin's too),
// sign-ins, failed sign-ins, refused attempts and sign-outs are recorded with the address, time
// and outcome, entries read as ticket numbers and names (kept as they were when it happened),
// and the log filters by person, action and day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { book } from '../helpers/appointments.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';
import type { AuditEntry } from '../../server/src/audit/audit.routes.ts';

type Entry = AuditEntry;

let t: TestApp;
let admin: string;
let manager: string;
const audit = async (query = '', hallId = t.demo.hallId, cookie = manager) => {
  const res = await t.req('GET', `/api/v1/halls/${hallId}/audit${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Entry[];
};

beforeAll(async () => {
  t = await makeTestApp('pglite');
  admin = await t.login('admin');
  manager = await t.login('manager');
});
afterAll(async () => t?.close());

describe('audit of an admin’s actions', () => {
  it('puts an admin’s change to a hall’s matter, counter, staff, schedule and hall in that hall’s log', async () => {
    const { hallId, matters, counters } = t.demo;
    const clerk1 = (
      await t.handle.db.selectFrom('staff').select('id').where('username', '=', 'clerk1').execute()
    )[0]!.id;
    const calls = [
      ['PATCH', `/api/v1/matters/${matters.B}`, { avgServiceMinutes: 12 }, 'matter.update'],
      ['PATCH', `/api/v1/counters/${counters[2]}`, { name: '二号窗口' }, 'counter.update'],
      ['PATCH', `/api/v1/staff/${clerk1}`, { name: '王芳' }, 'staff.update'],
      ['PUT', `/api/v1/halls/${hallId}/schedule`, {}, 'schedule.replace'],
      ['PATCH', `/api/v1/halls/${hallId}`, { waitAlertMinutes: 41 }, 'hall.update'],
    ] as const;
    for (const [method, url, body] of calls) {
      const res = await t.req(method, url, { cookie: admin, body });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    const mine = (await audit()).filter((e) => e.staff?.username === 'admin' && e.outcome === 'ok');
    expect(mine.map((e) => e.action).slice(0, 5)).toEqual(calls.map((c) => c[3]).reverse());
    expect(mine.every((e) => e.hallId === hallId)).toBe(true);
    const matter = mine.find((e) => e.action === 'matter.update')!;
    expect(matter.labels.matter).toBeTruthy();
    expect(mine.find((e) => e.action === 'staff.update')!.labels.staff).toBe('王芳');
    expect(mine.find((e) => e.action === 'counter.update')!.labels.counter).toBe('二号窗口');
  });

  it('attributes a hall an admin creates to that hall', async () => {
    const res = await t.req('POST', '/api/v1/halls', {
      cookie: admin,
      body: { code: 'north', name: '北区大厅' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const north = res.json().id as string;
    const entries = await audit('', north, admin);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'hall.create', hallId: north, labels: { hall: '北区大厅' } });
  });
});

describe('audit of sign-ins and refusals', () => {
  it('records a sign-in, failed sign-ins and a sign-out with address and outcome, never the password', async () => {
    const cookie = await t.login('clerk3');
    const wrong = await t.req('POST', '/api/v1/auth/login', {
      body: { username: 'clerk3', password: 'not-it-123456' },
    });
    expect(wrong.statusCode).toBe(401);
    // A password typed into the username field must not reach the log in a readable form.
    const typed = 'Secret-Typed-Pw-77';
    const unknown = await t.req('POST', '/api/v1/auth/login', {
      body: { username: typed, password: 'x1234567890' },
    });
    expect(unknown.statusCode).toBe(401);
    expect((await t.req('POST', '/api/v1/auth/logout', { cookie })).statusCode).toBe(204);

    const entries = await audit('?action=auth.sign-in');
    expect(entries[0]).toMatchObject({ outcome: 'ok', staff: { username: 'clerk3' }, address: '127.0.0.1' });
    const failed = await audit('?action=auth.sign-in.failed');
    expect(failed[0]).toMatchObject({
      outcome: 'failed',
      staff: null,
      actorLabel: 'clerk3',
      address: '127.0.0.1',
    });
    expect(failed[0]!.labels.staff).toBe('张敏');
    const out = await audit('?action=auth.sign-out');
    expect(out[0]).toMatchObject({ outcome: 'ok', staff: { username: 'clerk3' } });

    // The unknown username belongs to no hall: the admin-wide log has it, as a keyed fingerprint.
    const all = await t.req('GET', '/api/v1/audit?action=auth.sign-in.failed', { cookie: admin });
    expect(all.statusCode, all.body).toBe(200);
    const stranger = (all.json() as Entry[]).find((e) => e.hallId === null)!;
    expect(stranger).toMatchObject({ outcome: 'failed', staff: null, address: '127.0.0.1' });
    expect(stranger.actorLabel).toMatch(/^#[0-9a-f]{8}$/);
    const dump = JSON.stringify(await t.handle.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of [
      typed,
      typed.toLowerCase(),
      'x1234567890',
      'not-it-123456',
      t.demo.passwords.clerk3!,
    ])
      expect(dump).not.toContain(secret);
  });

  it('counts repeated failures from one address on one entry, and records the backoff’s refusal', async () => {
    const guess = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '203.0.113.7',
        payload: { username: 'clerk4', password: `guess-${i}-wrong` },
      });
    for (let i = 0; i < 3; i++) expect((await guess(i)).statusCode).toBe(401);
    expect((await guess(3)).statusCode).toBe(429);
    const mine = (await audit()).filter((e) => e.address === '203.0.113.7');
    expect(mine.map((e) => [e.action, e.outcome, e.repeats, e.actorLabel])).toEqual([
      ['auth.sign-in.throttled', 'refused', 1, 'clerk4'],
      ['auth.sign-in.failed', 'failed', 3, 'clerk4'],
    ]);
  });

  it('records a clerk’s attempt on another hall’s matter in that hall, and coalesces anonymous repeats', async () => {
    const created = await t.req('POST', '/api/v1/halls', {
      cookie: admin,
      body: { code: 'south', name: '南区大厅' },
    });
    const south = created.json().id as string;
    const matter = await t.req('POST', `/api/v1/halls/${south}/matters`, {
      cookie: admin,
      body: { code: 'sm', name: '南区事项', prefix: 'S' },
    });
    expect(matter.statusCode, matter.body).toBe(201);
    const clerk = await t.login('clerk2');
    const refused = await t.req('PATCH', `/api/v1/matters/${matter.json().id}`, {
      cookie: clerk,
      body: { avgServiceMinutes: 3 },
    });
    expect(refused.statusCode).toBe(403);
    const southLog = await audit('?action=access.refused', south, admin);
    expect(southLog).toHaveLength(1);
    expect(southLog[0]).toMatchObject({
      outcome: 'refused',
      staff: { username: 'clerk2' },
      status: 403,
      address: '127.0.0.1',
      labels: { matter: '南区事项', attempted: 'matter.update' },
    });

    for (let i = 0; i < 5; i++) {
      const anon = await t.req('PATCH', `/api/v1/matters/${t.demo.matters.A}`, {
        body: { avgServiceMinutes: 3 },
      });
      expect(anon.statusCode).toBe(401);
    }
    const anonymous = (await audit('?action=access.refused')).filter((e) => e.staff === null);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).toMatchObject({ status: 401, repeats: 5, address: '127.0.0.1' });
  });
});

describe('readable entries and filters', () => {
  it('names the ticket called and keeps a matter’s name as it was', async () => {
    const ticket = await makeTicket(t, 'A');
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const call = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(call.statusCode, call.body).toBe(200);
    const [called] = await audit('?action=ticket.call');
    expect(called).toMatchObject({
      staff: { username: 'clerk1', name: '王芳' },
      labels: { ticket: ticket.number },
    });
    expect(called!.labels.counter).toBeTruthy();

    const before = (await audit('?action=matter.update'))[0]!.labels.matter!;
    await t.req('PATCH', `/api/v1/matters/${t.demo.matters.B}`, {
      cookie: manager,
      body: { name: '改名后的事项' },
    });
    const [renamed, older] = await audit('?action=matter.update');
    expect(renamed!.labels.matter).toBe('改名后的事项');
    expect(older!.labels.matter).toBe(before);
  });

  it('names an appointment’s matter and hall when staff act on it, as it was when they did', async () => {
    const E = t.demo.matters.E!;
    const booked = await book(t, { matterId: E, start: '2026-11-19T09:00:00+08:00' });
    expect(booked.statusCode, booked.body).toBe(201);
    const cancel = await t.req('POST', `/api/v1/appointments/${booked.json().id}/cancel`, {
      cookie: manager,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const matter = await t.handle.db
      .selectFrom('matters')
      .select('name')
      .where('id', '=', E)
      .executeTakeFirstOrThrow();
    const [entry] = await audit('?action=appointment.cancel');
    expect(entry).toMatchObject({
      hallId: t.demo.hallId,
      targetId: booked.json().id,
      labels: { matter: matter.name },
    });
    expect(Object.keys(entry!.labels)).toEqual(['matter']);
  });

  it('filters by person, action and day, and pages with a cursor', async () => {
    const clerk1 = (await audit('?action=ticket.call'))[0]!.staff!.id;
    const byPerson = await audit(`?staffId=${clerk1}`);
    expect(byPerson.length).toBeGreaterThan(1);
    expect(byPerson.every((e) => e.staff?.id === clerk1)).toBe(true);
    const today = await audit('?day=2026-11-18');
    expect(today.length).toBeGreaterThan(3);
    expect(await audit('?day=2026-11-17')).toEqual([]);
    const first = await audit('?limit=2');
    expect(first).toHaveLength(2);
    const next = await audit(`?limit=2&before=${first[1]!.id}`);
    expect(next).toHaveLength(2);
    expect(Number(next[0]!.id)).toBeLessThan(Number(first[1]!.id));
    const bad = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/audit?day=2026-13-40`, {
      cookie: manager,
    });
    expect(bad.statusCode).toBe(400);
  });
});
