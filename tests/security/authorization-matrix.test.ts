// The authorization matrix, generated from the route table: every route × every kind of caller
// → the expected answer. A route added without a rule here fails this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeResident } from '../helpers/appointments.ts';
import { makeTicket, type IssuedTicket } from '../helpers/queue.ts';

type Actor = 'anonymous' | 'holder' | 'clerkA' | 'clerkB' | 'managerA' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'holder', 'clerkB', 'managerA', 'admin', 'clerkA'];
/** 'ok': authorized (any answer but 401/403); 401 or 403: refused with exactly that; 'denied': 401 or 403. */
type Expect = 'ok' | 401 | 403 | 'denied';

const all = (e: Expect): Record<Actor, Expect> => ({
  anonymous: e,
  holder: e,
  clerkA: e,
  clerkB: e,
  managerA: e,
  admin: e,
});
const POLICIES = {
  public: all('ok'),
  anyStaff: { anonymous: 401, holder: 401, clerkA: 'ok', clerkB: 'ok', managerA: 'ok', admin: 'ok' },
  hallStaff: { anonymous: 401, holder: 401, clerkA: 'ok', clerkB: 403, managerA: 'ok', admin: 'ok' },
  hallManager: { anonymous: 401, holder: 401, clerkA: 403, clerkB: 403, managerA: 'ok', admin: 'ok' },
  admin: { anonymous: 401, holder: 401, clerkA: 403, clerkB: 403, managerA: 403, admin: 'ok' },
  holderOrHallStaff: { anonymous: 401, holder: 'ok', clerkA: 'ok', clerkB: 403, managerA: 'ok', admin: 'ok' },
  clerkAtCounter: { anonymous: 401, holder: 401, clerkA: 'ok', clerkB: 403, managerA: 403, admin: 403 },
  counterClerkOrManager: {
    anonymous: 401,
    holder: 401,
    clerkA: 'ok',
    clerkB: 403,
    managerA: 'ok',
    admin: 'ok',
  },
  staffOfTicketHall: { anonymous: 401, holder: 401, clerkA: 'ok', clerkB: 403, managerA: 'ok', admin: 'ok' },
  padOnly: all('denied'),
  /** Sign-in is open to anyone; with a wrong password everyone gets the same 401. */
  wrongPassword: all(401),
  holderOrPad: {
    anonymous: 'denied',
    holder: 'ok',
    clerkA: 'denied',
    clerkB: 'denied',
    managerA: 'denied',
    admin: 'denied',
  },
} satisfies Record<string, Record<Actor, Expect>>;

interface Ctx {
  t: TestApp;
  hallB: string;
  ticket: IssuedTicket; // called at counter 1 by clerkA
  doneTicket: IssuedTicket; // finished at counter 1
  appointment: { id: string; token: string };
  complaintId: string;
  clerkId: string;
}
interface Rule {
  policy: keyof typeof POLICIES;
  /** Path with params filled, query and body for this route. */
  make(c: Ctx): { path: string; body?: unknown; holderToken?: string };
}

const h = (c: Ctx) => c.t.demo.hallId;
const RULES: Record<string, Rule> = {
  'GET /healthz': { policy: 'public', make: () => ({ path: '/healthz' }) },
  'GET /readyz': { policy: 'public', make: () => ({ path: '/readyz' }) },
  'GET /metrics': { policy: 'public', make: () => ({ path: '/metrics' }) },
  'GET /docs/json': { policy: 'public', make: () => ({ path: '/docs/json' }) },
  'GET /docs/yaml': { policy: 'public', make: () => ({ path: '/docs/yaml' }) },
  'GET /docs/static/*': { policy: 'public', make: () => ({ path: '/docs/static/index.html' }) },
  'GET /docs/static/index.html': { policy: 'public', make: () => ({ path: '/docs/static/index.html' }) },
  'GET /docs/static/swagger-initializer.js': {
    policy: 'public',
    make: () => ({ path: '/docs/static/swagger-initializer.js' }),
  },
  'GET /docs': { policy: 'public', make: () => ({ path: '/docs' }) },
  'GET /docs/': { policy: 'public', make: () => ({ path: '/docs/' }) },
  'GET /*': { policy: 'public', make: () => ({ path: '/kiosk/' }) },
  'GET /': { policy: 'public', make: () => ({ path: '/' }) },
  'POST /api/v1/auth/login': {
    policy: 'wrongPassword',
    make: () => ({ path: '/api/v1/auth/login', body: { username: `nobody${Math.random()}`, password: 'x' } }),
  },
  'POST /api/v1/auth/logout': { policy: 'anyStaff', make: () => ({ path: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/me': { policy: 'anyStaff', make: () => ({ path: '/api/v1/auth/me' }) },
  'GET /api/v1/halls': { policy: 'public', make: () => ({ path: '/api/v1/halls' }) },
  'GET /api/v1/halls/:hallId': { policy: 'public', make: (c) => ({ path: `/api/v1/halls/${h(c)}` }) },
  'POST /api/v1/halls': {
    policy: 'admin',
    make: () => ({ path: '/api/v1/halls', body: { code: `h${Date.now()}`, name: '新大厅' } }),
  },
  'PATCH /api/v1/halls/:hallId': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}`, body: { waitAlertMinutes: 40 } }),
  },
  'GET /api/v1/halls/:hallId/matters': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/matters` }),
  },
  'POST /api/v1/halls/:hallId/matters': {
    policy: 'hallManager',
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/matters`,
      body: { code: 'm1', name: '新事项', prefix: 'Z' },
    }),
  },
  'GET /api/v1/matters/:matterId': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/matters/${c.t.demo.matters.A}` }),
  },
  'PATCH /api/v1/matters/:matterId': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/matters/${c.t.demo.matters.F}`, body: { avgServiceMinutes: 6 } }),
  },
  'GET /api/v1/halls/:hallId/counters': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/counters` }),
  },
  'POST /api/v1/halls/:hallId/counters': {
    policy: 'hallManager',
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/counters`,
      body: { number: 90, matterIds: [c.t.demo.matters.A] },
    }),
  },
  'GET /api/v1/counters/:counterId': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}` }),
  },
  'PATCH /api/v1/counters/:counterId': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[8]}`, body: { name: '8号综合窗口' } }),
  },
  'GET /api/v1/halls/:hallId/staff': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/staff` }),
  },
  'POST /api/v1/halls/:hallId/staff': {
    policy: 'hallManager',
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/staff`,
      body: { username: `m${Date.now()}`, password: 'Matrixpass123', name: '矩阵', role: 'clerk' },
    }),
  },
  'PATCH /api/v1/staff/:staffId': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/staff/${c.clerkId}`, body: { name: '王芳芳' } }),
  },
  'GET /api/v1/halls/:hallId/audit': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/audit` }),
  },
  'POST /api/v1/halls/:hallId/tickets': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/tickets`, body: { matterId: c.t.demo.matters.F } }),
  },
  'GET /api/v1/tickets/:ticketId': {
    policy: 'holderOrHallStaff',
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}`, holderToken: c.ticket.token }),
  },
  'POST /api/v1/tickets/:ticketId/cancel': {
    policy: 'holderOrHallStaff',
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/cancel`, holderToken: c.ticket.token }),
  },
  'POST /api/v1/counters/:counterId/open': {
    policy: 'hallStaff',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/open` }),
  },
  'POST /api/v1/counters/:counterId/pause': {
    policy: 'counterClerkOrManager',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/pause` }),
  },
  'POST /api/v1/counters/:counterId/resume': {
    policy: 'counterClerkOrManager',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/resume` }),
  },
  'POST /api/v1/counters/:counterId/close': {
    policy: 'counterClerkOrManager',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/close` }),
  },
  'POST /api/v1/counters/:counterId/call-next': {
    policy: 'clerkAtCounter',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/call-next` }),
  },
  'POST /api/v1/counters/:counterId/call': {
    policy: 'clerkAtCounter',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/call`, body: { ticketId: c.ticket.id } }),
  },
  'GET /api/v1/counters/:counterId/queue': {
    policy: 'hallStaff',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/queue` }),
  },
  'POST /api/v1/tickets/:ticketId/recall': {
    policy: 'clerkAtCounter',
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/recall` }),
  },
  'POST /api/v1/tickets/:ticketId/start': {
    policy: 'clerkAtCounter',
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/start` }),
  },
  'POST /api/v1/tickets/:ticketId/finish': {
    policy: 'clerkAtCounter',
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/finish` }),
  },
  'POST /api/v1/tickets/:ticketId/no-show': {
    policy: 'clerkAtCounter',
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/no-show` }),
  },
  'POST /api/v1/tickets/:ticketId/requeue': {
    policy: 'staffOfTicketHall',
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/requeue` }),
  },
  'POST /api/v1/tickets/:ticketId/transfer': {
    policy: 'clerkAtCounter',
    make: (c) => ({
      path: `/api/v1/tickets/${c.ticket.id}/transfer`,
      body: { matterId: c.t.demo.matters.F },
    }),
  },
  'GET /api/v1/halls/:hallId/board': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/board` }),
  },
  'GET /api/v1/halls/:hallId/slots': {
    policy: 'public',
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/slots?matterId=${c.t.demo.matters.E}&from=2026-11-19&to=2026-11-20`,
    }),
  },
  'POST /api/v1/halls/:hallId/appointments': {
    policy: 'public',
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/appointments`,
      body: { matterId: c.t.demo.matters.E, start: '2026-11-20T09:00:00.000+08:00', ...makeResident() },
    }),
  },
  'GET /api/v1/halls/:hallId/appointments': {
    policy: 'hallStaff',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/appointments?date=2026-11-19` }),
  },
  'GET /api/v1/appointments/:appointmentId': {
    policy: 'holderOrHallStaff',
    make: (c) => ({ path: `/api/v1/appointments/${c.appointment.id}`, holderToken: c.appointment.token }),
  },
  'POST /api/v1/appointments/:appointmentId/cancel': {
    policy: 'holderOrHallStaff',
    make: (c) => ({
      path: `/api/v1/appointments/${c.appointment.id}/cancel`,
      holderToken: c.appointment.token,
    }),
  },
  'POST /api/v1/appointments/:appointmentId/reschedule': {
    // the holder, or staff of the hall rescheduling for a resident on the phone
    policy: 'holderOrHallStaff',
    make: (c) => ({
      path: `/api/v1/appointments/${c.appointment.id}/reschedule`,
      body: { start: '2026-11-20T10:00:00.000+08:00' },
      holderToken: c.appointment.token,
    }),
  },
  'POST /api/v1/halls/:hallId/check-in': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/check-in`, body: { code: '000000' } }),
  },
  'GET /api/v1/halls/:hallId/schedule': {
    policy: 'public',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/schedule` }),
  },
  'PUT /api/v1/halls/:hallId/schedule': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/schedule`, body: {} }),
  },
  'GET /api/v1/calendar/overrides': {
    policy: 'public',
    make: () => ({ path: '/api/v1/calendar/overrides' }),
  },
  'PUT /api/v1/calendar/overrides': {
    policy: 'admin',
    make: () => ({ path: '/api/v1/calendar/overrides', body: { overrides: [] } }),
  },
  'GET /api/v1/ratings/options': { policy: 'public', make: () => ({ path: '/api/v1/ratings/options' }) },
  'POST /api/v1/tickets/:ticketId/rating': {
    policy: 'holderOrPad',
    make: (c) => ({
      path: `/api/v1/tickets/${c.doneTicket.id}/rating`,
      body: { score: 5 },
      holderToken: c.doneTicket.token,
    }),
  },
  'GET /api/v1/tickets/:ticketId/rating': {
    policy: 'holderOrHallStaff',
    make: (c) => ({ path: `/api/v1/tickets/${c.doneTicket.id}/rating`, holderToken: c.doneTicket.token }),
  },
  'POST /api/v1/counters/:counterId/pad-token': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[2]}/pad-token` }),
  },
  'GET /api/v1/counters/:counterId/pad-token': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[2]}/pad-token` }),
  },
  'DELETE /api/v1/counters/:counterId/pad-token': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[2]}/pad-token` }),
  },
  'GET /api/v1/counters/:counterId/pad': {
    policy: 'padOnly',
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/pad` }),
  },
  'GET /api/v1/halls/:hallId/complaints': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/complaints` }),
  },
  'GET /api/v1/complaints/:complaintId': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/complaints/${c.complaintId}` }),
  },
  'POST /api/v1/complaints/:complaintId/transition': {
    policy: 'hallManager',
    make: (c) => ({
      path: `/api/v1/complaints/${c.complaintId}/transition`,
      body: { to: 'contacted', note: '已电话联系' },
    }),
  },
  'POST /api/v1/complaints/:complaintId/appeal': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/complaints/${c.complaintId}/appeal`, body: { note: '申诉' } }),
  },
  'GET /api/v1/halls/:hallId/floor': {
    policy: 'hallStaff',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/floor` }),
  },
  'GET /api/v1/halls/:hallId/stats': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/stats?from=2026-11-18&to=2026-11-18&groupBy=matter` }),
  },
  'GET /api/v1/halls/:hallId/stats.csv': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/stats.csv?from=2026-11-18&to=2026-11-18&groupBy=matter` }),
  },
  'GET /api/v1/halls/:hallId/stats.xlsx': {
    policy: 'hallManager',
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/stats.xlsx?from=2026-11-18&to=2026-11-18&groupBy=matter` }),
  },
};

describe('authorization matrix', () => {
  let t: TestApp;
  const cookies: Partial<Record<Actor, string>> = {};

  /** Counter 1 open with clerkA at it, and nothing called there. */
  async function resetCounter() {
    const counter = (await t.req('GET', `/api/v1/counters/${t.demo.counters[1]}`)).json();
    if (counter.status === 'closed')
      await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/open`, { cookie: cookies.clerkA! });
    if (counter.status === 'paused')
      await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/resume`, { cookie: cookies.clerkA! });
    const cur = counter.currentTicket;
    if (cur?.status === 'called')
      await t.req('POST', `/api/v1/tickets/${cur.id}/no-show`, { cookie: cookies.clerkA! });
    if (cur?.status === 'serving')
      await t.req('POST', `/api/v1/tickets/${cur.id}/finish`, { cookie: cookies.clerkA! });
  }

  async function calledTicket(): Promise<IssuedTicket> {
    await resetCounter();
    const tk = await makeTicket(t, 'A');
    const res = await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/call`, {
      cookie: cookies.clerkA!,
      body: { ticketId: tk.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    return tk;
  }

  async function doneTicket(): Promise<IssuedTicket> {
    const tk = await calledTicket();
    await t.req('POST', `/api/v1/tickets/${tk.id}/start`, { cookie: cookies.clerkA! });
    await t.req('POST', `/api/v1/tickets/${tk.id}/finish`, { cookie: cookies.clerkA! });
    return tk;
  }

  async function appointment() {
    const slots = (
      await t.req(
        'GET',
        `/api/v1/halls/${t.demo.hallId}/slots?matterId=${t.demo.matters.E}&from=2026-11-19&to=2026-11-27`,
      )
    ).json() as { start: string; available: number }[];
    const slot = slots.find((s) => s.available > 0)!;
    const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/appointments`, {
      body: { matterId: t.demo.matters.E, start: slot.start, ...makeResident() },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string };
  }

  beforeAll(async () => {
    t = await makeTestApp('pglite');
    cookies.admin = await t.login('admin');
    cookies.managerA = await t.login('manager');
    cookies.clerkA = await t.login('clerk1');
    const hallB = (
      await t.req('POST', '/api/v1/halls', {
        cookie: cookies.admin,
        body: { code: 'hall-b', name: '乙大厅' },
      })
    ).json();
    await t.req('POST', `/api/v1/halls/${hallB.id}/staff`, {
      cookie: cookies.admin,
      body: { username: 'clerkb', password: 'Secondhall123', name: '乙窗口', role: 'clerk' },
    });
    cookies.clerkB = await t.login('clerkb', 'Secondhall123');
    await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/open`, { cookie: cookies.clerkA });
  }, 120_000);
  afterAll(async () => t?.close());

  it('has a rule for every route', () => {
    const missing = t.app.routeTable.map((r) => `${r.method} ${r.url}`).filter((key) => !RULES[key]);
    expect(missing, 'routes without an authorization rule').toEqual([]);
  });

  it('answers every route × caller as the rules say', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    const clerkId = (
      await t.handle.db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', 'clerk2')
        .executeTakeFirstOrThrow()
    ).id;
    // a 差评 to find in the ledger
    const rated = await doneTicket();
    await t.req('POST', `/api/v1/tickets/${rated.id}/rating?token=${rated.token}`, {
      body: { score: 1, reasons: ['办事效率'] },
    });
    const complaint = await t.handle.db.selectFrom('complaints').select('id').executeTakeFirstOrThrow();

    for (const route of t.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      const rule = RULES[key];
      if (!rule) continue;
      for (const actor of ACTORS) {
        // fresh objects for each call: an allowed call may change them
        const ctx: Ctx = {
          t,
          hallB: '',
          ticket: await calledTicket(),
          doneTicket: key.includes('/rating') ? await doneTicket() : rated,
          appointment: key.includes('/appointments/')
            ? await appointment()
            : { id: '00000000-0000-4000-8000-000000000000', token: 'x' },
          complaintId: complaint.id,
          clerkId,
        };
        const req = rule.make(ctx);
        let path = req.path;
        if (actor === 'holder' && req.holderToken)
          path += `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(req.holderToken)}`;
        const cookie = actor === 'anonymous' || actor === 'holder' ? undefined : cookies[actor];
        const res = await t.req(route.method as 'GET', path, {
          ...(cookie ? { cookie } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
        });
        const expected = POLICIES[rule.policy][actor];
        const ok =
          expected === 'ok'
            ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500
            : expected === 'denied'
              ? res.statusCode === 401 || res.statusCode === 403
              : res.statusCode === expected;
        if (!ok)
          failures.push(
            `${key} as ${actor}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        if (key === 'POST /api/v1/auth/logout' && cookie)
          cookies[actor] = await t.login(
            actor === 'clerkB'
              ? 'clerkb'
              : { clerkA: 'clerk1', managerA: 'manager', admin: 'admin' }[actor as 'clerkA'],
            actor === 'clerkB' ? 'Secondhall123' : undefined,
          );
        if (
          key === 'POST /api/v1/counters/:counterId/close' ||
          key === 'POST /api/v1/counters/:counterId/pause'
        )
          await resetCounter();
      }
    }
    expect(failures).toEqual([]);
  });
});
