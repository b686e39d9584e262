// The authorization matrix, generated from the route table: every route × every kind of caller
// → the expected answer. Who may call a route is its row in server/src/route-table.ts (the
// OpenAPI's security comes from the same row); here each route only says how to call it. A
// route added without a row there or a request here fails this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Access } from '../../server/src/route-table.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeResident } from '../helpers/appointments.ts';
import { PNG_1PX } from '../helpers/images.ts';
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
  managerOrFeedToken: { anonymous: 401, holder: 401, clerkA: 403, clerkB: 403, managerA: 'ok', admin: 'ok' },
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
  holderPadOrHallStaff: {
    anonymous: 401,
    holder: 'ok',
    clerkA: 'ok',
    clerkB: 403,
    managerA: 'ok',
    admin: 'ok',
  },
  /** /metrics and /docs: staff (or the ops token); the test app is not a loopback-only install. */
  ops: { anonymous: 401, holder: 401, clerkA: 'ok', clerkB: 'ok', managerA: 'ok', admin: 'ok' },
  pad: all('denied'),
  /** Sign-in is open to anyone; with a wrong password everyone gets the same 401. */
  signIn: all(401),
  holderOrPad: {
    anonymous: 'denied',
    holder: 'ok',
    clerkA: 'denied',
    clerkB: 'denied',
    managerA: 'denied',
    admin: 'denied',
  },
} satisfies Record<Access, Record<Actor, Expect>>;

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
  /** Path with params filled, query and body for this route. */
  make(c: Ctx): { path: string; body?: unknown; holderToken?: string };
}

const h = (c: Ctx) => c.t.demo.hallId;
const RULES: Record<string, Rule> = {
  'GET /healthz': { make: () => ({ path: '/healthz' }) },
  'GET /readyz': { make: () => ({ path: '/readyz' }) },
  'GET /metrics': { make: () => ({ path: '/metrics' }) },
  'GET /docs/json': { make: () => ({ path: '/docs/json' }) },
  'GET /docs/yaml': { make: () => ({ path: '/docs/yaml' }) },
  'GET /docs/static/*': { make: () => ({ path: '/docs/static/index.html' }) },
  'GET /docs/static/index.html': { make: () => ({ path: '/docs/static/index.html' }) },
  'GET /docs/static/swagger-initializer.js': {
    make: () => ({ path: '/docs/static/swagger-initializer.js' }),
  },
  'GET /docs/asyncapi.json': { make: () => ({ path: '/docs/asyncapi.json' }) },
  'GET /docs/license': { make: () => ({ path: '/docs/license' }) },
  'GET /docs': { make: () => ({ path: '/docs' }) },
  'GET /docs/': { make: () => ({ path: '/docs/' }) },
  'GET /*': { make: () => ({ path: '/kiosk/' }) },
  'GET /': { make: () => ({ path: '/' }) },
  'POST /api/v1/auth/login': {
    make: () => ({ path: '/api/v1/auth/login', body: { username: `nobody${Math.random()}`, password: 'x' } }),
  },
  'POST /api/v1/auth/logout': { make: () => ({ path: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/me': { make: () => ({ path: '/api/v1/auth/me' }) },
  'GET /api/v1/halls': { make: () => ({ path: '/api/v1/halls' }) },
  'GET /api/v1/time': { make: () => ({ path: '/api/v1/time' }) },
  'GET /api/v1/halls/:hallId': { make: (c) => ({ path: `/api/v1/halls/${h(c)}` }) },
  'POST /api/v1/halls': {
    make: () => ({ path: '/api/v1/halls', body: { code: `h${Date.now()}`, name: '新大厅' } }),
  },
  'PATCH /api/v1/halls/:hallId': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}`, body: { waitAlertMinutes: 40 } }),
  },
  'GET /api/v1/halls/:hallId/matters': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/matters` }),
  },
  'POST /api/v1/halls/:hallId/matters': {
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/matters`,
      body: { code: 'm1', name: '新事项', prefix: 'Z' },
    }),
  },
  'GET /api/v1/matters/:matterId': {
    make: (c) => ({ path: `/api/v1/matters/${c.t.demo.matters.A}` }),
  },
  'PATCH /api/v1/matters/:matterId': {
    make: (c) => ({ path: `/api/v1/matters/${c.t.demo.matters.F}`, body: { avgServiceMinutes: 6 } }),
  },
  'GET /api/v1/halls/:hallId/counters': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/counters` }),
  },
  'POST /api/v1/halls/:hallId/counters': {
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/counters`,
      body: { number: 90, matterIds: [c.t.demo.matters.A] },
    }),
  },
  'GET /api/v1/counters/:counterId': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}` }),
  },
  'PATCH /api/v1/counters/:counterId': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[8]}`, body: { name: '8号综合窗口' } }),
  },
  'GET /api/v1/halls/:hallId/staff': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/staff` }),
  },
  'POST /api/v1/halls/:hallId/staff': {
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/staff`,
      body: { username: `m${Date.now()}`, password: 'Matrixpass123', name: '矩阵', role: 'clerk' },
    }),
  },
  'PATCH /api/v1/staff/:staffId': {
    make: (c) => ({ path: `/api/v1/staff/${c.clerkId}`, body: { name: '王芳芳' } }),
  },
  'GET /api/v1/halls/:hallId/audit': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/audit` }),
  },
  'GET /api/v1/audit': { make: () => ({ path: '/api/v1/audit' }) },
  'GET /api/v1/halls/:hallId/tickets': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/tickets?number=A001` }),
  },
  'POST /api/v1/halls/:hallId/tickets': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/tickets`, body: { matterId: c.t.demo.matters.F } }),
  },
  'GET /api/v1/tickets/:ticketId': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}`, holderToken: c.ticket.token }),
  },
  'POST /api/v1/tickets/:ticketId/reprint': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/reprint` }),
  },
  'POST /api/v1/tickets/:ticketId/assisted': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/assisted` }),
  },
  'PUT /api/v1/staff/:staffId/photo': {
    make: (c) => ({ path: `/api/v1/staff/${c.clerkId}/photo`, body: { data: PNG_1PX.toString('base64') } }),
  },
  'DELETE /api/v1/staff/:staffId/photo': {
    make: (c) => ({ path: `/api/v1/staff/${c.clerkId}/photo` }),
  },
  'GET /api/v1/staff/:staffId/photo': {
    make: (c) => ({ path: `/api/v1/staff/${c.clerkId}/photo` }),
  },
  'POST /api/v1/tickets/:ticketId/cancel': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/cancel`, holderToken: c.ticket.token }),
  },
  'POST /api/v1/counters/:counterId/open': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/open` }),
  },
  'POST /api/v1/counters/:counterId/pause': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/pause` }),
  },
  'POST /api/v1/counters/:counterId/resume': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/resume` }),
  },
  'POST /api/v1/counters/:counterId/close': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/close` }),
  },
  'POST /api/v1/counters/:counterId/call-next': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/call-next` }),
  },
  'POST /api/v1/counters/:counterId/call': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/call`, body: { ticketId: c.ticket.id } }),
  },
  'GET /api/v1/counters/:counterId/queue': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/queue` }),
  },
  'POST /api/v1/tickets/:ticketId/recall': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/recall` }),
  },
  'POST /api/v1/tickets/:ticketId/start': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/start` }),
  },
  'POST /api/v1/tickets/:ticketId/finish': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/finish` }),
  },
  'POST /api/v1/tickets/:ticketId/no-show': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/no-show` }),
  },
  'POST /api/v1/tickets/:ticketId/requeue': {
    make: (c) => ({ path: `/api/v1/tickets/${c.ticket.id}/requeue` }),
  },
  'POST /api/v1/tickets/:ticketId/transfer': {
    make: (c) => ({
      path: `/api/v1/tickets/${c.ticket.id}/transfer`,
      body: { matterId: c.t.demo.matters.F },
    }),
  },
  'GET /api/v1/halls/:hallId/board': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/board` }),
  },
  'GET /api/v1/halls/:hallId/slots': {
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/slots?matterId=${c.t.demo.matters.E}&from=2026-11-19&to=2026-11-20`,
    }),
  },
  'POST /api/v1/halls/:hallId/appointments': {
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/appointments`,
      body: { matterId: c.t.demo.matters.E, start: '2026-11-20T09:00:00.000+08:00', ...makeResident() },
    }),
  },
  'GET /api/v1/halls/:hallId/appointments': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/appointments?date=2026-11-19` }),
  },
  'GET /api/v1/appointments/:appointmentId': {
    make: (c) => ({ path: `/api/v1/appointments/${c.appointment.id}`, holderToken: c.appointment.token }),
  },
  'POST /api/v1/appointments/:appointmentId/cancel': {
    make: (c) => ({
      path: `/api/v1/appointments/${c.appointment.id}/cancel`,
      holderToken: c.appointment.token,
    }),
  },
  'POST /api/v1/appointments/:appointmentId/reschedule': {
    make: (c) => ({
      path: `/api/v1/appointments/${c.appointment.id}/reschedule`,
      body: { start: '2026-11-20T10:00:00.000+08:00' },
      holderToken: c.appointment.token,
    }),
  },
  'POST /api/v1/appointments/:appointmentId/confirm-phone': {
    make: (c) => ({
      path: `/api/v1/appointments/${c.appointment.id}/confirm-phone`,
      body: { code: '000000' },
      holderToken: c.appointment.token,
    }),
  },
  'POST /api/v1/halls/:hallId/check-in': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/check-in`, body: { code: '000000' } }),
  },
  'GET /api/v1/halls/:hallId/schedule': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/schedule` }),
  },
  'PUT /api/v1/halls/:hallId/schedule': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/schedule`, body: {} }),
  },
  'GET /api/v1/calendar/overrides': {
    make: () => ({ path: '/api/v1/calendar/overrides' }),
  },
  'PUT /api/v1/calendar/overrides': {
    make: () => ({ path: '/api/v1/calendar/overrides', body: { overrides: [] } }),
  },
  'GET /api/v1/ratings/options': { make: () => ({ path: '/api/v1/ratings/options' }) },
  'POST /api/v1/tickets/:ticketId/rating': {
    make: (c) => ({
      path: `/api/v1/tickets/${c.doneTicket.id}/rating`,
      body: { score: 5 },
      holderToken: c.doneTicket.token,
    }),
  },
  'GET /api/v1/tickets/:ticketId/rating': {
    make: (c) => ({ path: `/api/v1/tickets/${c.doneTicket.id}/rating`, holderToken: c.doneTicket.token }),
  },
  'POST /api/v1/counters/:counterId/pad-token': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[2]}/pad-token` }),
  },
  'GET /api/v1/counters/:counterId/pad-token': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[2]}/pad-token` }),
  },
  'DELETE /api/v1/counters/:counterId/pad-token': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[2]}/pad-token` }),
  },
  'POST /api/v1/halls/:hallId/devices': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/devices`, body: { kind: 'kiosk', name: '自助机' } }),
  },
  'GET /api/v1/halls/:hallId/devices': { make: (c) => ({ path: `/api/v1/halls/${h(c)}/devices` }) },
  'DELETE /api/v1/halls/:hallId/devices/:deviceId': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/devices/6f1c2a34-0d5e-4b7a-9c1d-2e3f4a5b6c7d` }),
  },
  'POST /api/v1/halls/:hallId/help-alerts': { make: (c) => ({ path: `/api/v1/halls/${h(c)}/help-alerts` }) },
  'GET /api/v1/halls/:hallId/help-alerts': { make: (c) => ({ path: `/api/v1/halls/${h(c)}/help-alerts` }) },
  'POST /api/v1/halls/:hallId/help-alerts/:alertId/acknowledge': {
    make: (c) => ({
      path: `/api/v1/halls/${h(c)}/help-alerts/6f1c2a34-0d5e-4b7a-9c1d-2e3f4a5b6c7d/acknowledge`,
    }),
  },
  'GET /api/v1/counters/:counterId/pad': {
    make: (c) => ({ path: `/api/v1/counters/${c.t.demo.counters[1]}/pad` }),
  },
  'GET /api/v1/halls/:hallId/complaints': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/complaints` }),
  },
  'GET /api/v1/complaints/:complaintId': {
    make: (c) => ({ path: `/api/v1/complaints/${c.complaintId}` }),
  },
  'POST /api/v1/complaints/:complaintId/transition': {
    make: (c) => ({
      path: `/api/v1/complaints/${c.complaintId}/transition`,
      body: { to: 'contacted', note: '已电话联系' },
    }),
  },
  'POST /api/v1/complaints/:complaintId/appeal': {
    make: (c) => ({ path: `/api/v1/complaints/${c.complaintId}/appeal`, body: { note: '申诉' } }),
  },
  'GET /api/v1/halls/:hallId/floor': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/floor` }),
  },
  'GET /api/v1/halls/:hallId/staffing': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/staffing` }),
  },
  'GET /api/v1/halls/:hallId/availability': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/availability` }),
  },
  'GET /api/v1/calendar/years': {
    make: () => ({ path: '/api/v1/calendar/years' }),
  },
  'PUT /api/v1/calendar/years/:year/notice': {
    make: () => ({ path: '/api/v1/calendar/years/2027/notice', body: { daysOff: [], workdays: [] } }),
  },
  'POST /api/v1/calendar/years/:year/confirm': {
    make: () => ({ path: '/api/v1/calendar/years/2027/confirm' }),
  },
  'GET /api/v1/halls/:hallId/rating-rules': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/rating-rules` }),
  },
  'PUT /api/v1/halls/:hallId/rating-rules': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/rating-rules`, body: { padPromptMinutes: 5 } }),
  },
  'POST /api/v1/complaints/:complaintId/contact': {
    make: (c) => ({ path: `/api/v1/complaints/${c.complaintId}/contact` }),
  },
  'POST /api/v1/complaints/:complaintId/follow-up': {
    make: (c) => ({
      path: `/api/v1/complaints/${c.complaintId}/follow-up`,
      body: { outcome: 'unreachable', note: '电话未接通' },
    }),
  },
  'POST /api/v1/complaints/:complaintId/appeal-review': {
    make: (c) => ({
      path: `/api/v1/complaints/${c.complaintId}/appeal-review`,
      body: { decision: 'rejected', reason: '评价属实' },
    }),
  },
  'GET /api/v1/halls/:hallId/results': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/results` }),
  },
  'GET /api/v1/halls/:hallId/haocha-feed': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/haocha-feed?from=2026-11-18&to=2026-11-18` }),
  },
  'GET /api/v1/halls/:hallId/haocha-feed.csv': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/haocha-feed.csv?from=2026-11-18&to=2026-11-18` }),
  },
  'POST /api/v1/halls/:hallId/feed-tokens': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/feed-tokens`, body: { name: '省好差评平台' } }),
  },
  'DELETE /api/v1/halls/:hallId/feed-tokens/:tokenId': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/feed-tokens/00000000-0000-4000-8000-000000000000` }),
  },
  'GET /api/v1/halls/:hallId/stats': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/stats?from=2026-11-18&to=2026-11-18&groupBy=matter` }),
  },
  'GET /api/v1/halls/:hallId/stats.csv': {
    make: (c) => ({ path: `/api/v1/halls/${h(c)}/stats.csv?from=2026-11-18&to=2026-11-18&groupBy=matter` }),
  },
  'GET /api/v1/halls/:hallId/stats.xlsx': {
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
    const keys = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    const noAccess = keys.filter((key) => !ROUTES[key]);
    expect(noAccess, 'routes without a row in server/src/route-table.ts').toEqual([]);
    const noRequest = keys.filter((key) => !RULES[key]);
    expect(noRequest, 'routes without a request in RULES here').toEqual([]);
  });

  it('answers every route × caller as the rules say', { timeout: 600_000 }, async () => {
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
        // the holder sends its token as the OpenAPI's holderToken scheme says: in a header
        const holder: Record<string, string> =
          actor === 'holder' && req.holderToken ? { 'x-holder-token': req.holderToken } : {};
        const cookie = actor === 'anonymous' || actor === 'holder' ? undefined : cookies[actor];
        const res = await t.req(route.method as 'GET', req.path, {
          ...(cookie ? { cookie } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
          headers: holder,
        });
        const expected = POLICIES[ROUTES[key]!.access][actor];
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
