import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket, newKey, openCounter } from '../helpers/queue.ts';

describe.each(BACKENDS)('walk-in queue on %s', (backend) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp(backend);
  });
  afterEach(async () => t?.close());

  const ticketsUrl = () => `/api/v1/halls/${t.demo.hallId}/tickets`;

  it('numbers tickets per prefix from 001 and answers with ahead, estimate and token', async () => {
    await openCounter(t, 'clerk1', 1);
    const a1 = await makeTicket(t, 'A');
    const a2 = await makeTicket(t, 'A');
    const b1 = await makeTicket(t, 'B');
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect(a2).toMatchObject({ status: 'waiting', class: 'normal', channel: 'kiosk', ahead: 1 });
    expect(a2.estimatedWaitMinutes).toBeGreaterThan(0);
    expect(a1.token).toMatch(/^[\w-]{20,}$/);
  });

  it('returns the same ticket for a retried request with the same Idempotency-Key', async () => {
    const key = newKey();
    const first = await makeTicket(t, 'A', { key });
    const again = await makeTicket(t, 'A', { key });
    expect(again.id).toBe(first.id);
    expect(again.token).toBe(first.token);
    const next = await makeTicket(t, 'A', { key: newKey() });
    expect(next.number).toBe('A002');
  });

  it('issues green tickets only to signed-in staff', async () => {
    const anon = await t.req('POST', ticketsUrl(), { body: { matterId: t.demo.matters.A, class: 'green' } });
    expect(anon.statusCode).toBe(401);
    const clerk = await t.login('clerk1');
    const green = await makeTicket(t, 'A', { cookie: clerk, body: { class: 'green' } });
    expect(green).toMatchObject({ class: 'green', channel: 'desk' });
  });

  it('refuses walk-ins for a booking-only matter, after the last issuing time and over the quota', async () => {
    const manager = await t.login('manager');
    const { A, B, C } = t.demo.matters;
    await t.req('PATCH', `/api/v1/matters/${A}`, { cookie: manager, body: { walkIn: false } });
    await t.req('PATCH', `/api/v1/matters/${B}`, { cookie: manager, body: { lastIssueTime: '09:30' } });
    await t.req('PATCH', `/api/v1/matters/${C}`, { cookie: manager, body: { dailyQuota: 2 } });
    const a = await t.req('POST', ticketsUrl(), { body: { matterId: A } });
    expect(a.statusCode).toBe(409);
    expect(a.json().error.code).toBe('ISSUING_CLOSED');
    const b = await t.req('POST', ticketsUrl(), { body: { matterId: B } });
    expect(b.json().error.code).toBe('ISSUING_CLOSED');
    await makeTicket(t, 'C');
    await makeTicket(t, 'C');
    const c = await t.req('POST', ticketsUrl(), { body: { matterId: C } });
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('QUOTA_REACHED');
    const list = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/matters`)).json();
    const reasons = Object.fromEntries(
      list.map((m: { prefix: string; issuing: { reason: string } }) => [m.prefix, m.issuing.reason]),
    );
    expect(reasons).toMatchObject({ A: 'booking_only', B: 'after_last_issue', C: 'quota_reached', D: null });
    // nothing was created by the refusals: the next C number after the quota is raised is C003
    await t.req('PATCH', `/api/v1/matters/${C}`, { cookie: manager, body: { dailyQuota: 3 } });
    expect((await makeTicket(t, 'C')).number).toBe('C003');
  });

  it('answers 404 for an unknown matter and 400 for a malformed one', async () => {
    expect(
      (await t.req('POST', ticketsUrl(), { body: { matterId: '00000000-0000-4000-8000-000000000000' } }))
        .statusCode,
    ).toBe(404);
    expect((await t.req('POST', ticketsUrl(), { body: { matterId: 'A' } })).statusCode).toBe(400);
    expect(
      (await t.req('POST', ticketsUrl(), { body: { matterId: t.demo.matters.A, phone: '12345' } }))
        .statusCode,
    ).toBe(400);
  });

  it('shows a ticket to its holder and to staff only', async () => {
    const tk = await makeTicket(t, 'A');
    expect((await t.req('GET', `/api/v1/tickets/${tk.id}?token=${tk.token}`)).statusCode).toBe(200);
    expect((await t.req('GET', `/api/v1/tickets/${tk.id}`)).statusCode).toBe(401);
    expect((await t.req('GET', `/api/v1/tickets/${tk.id}?token=wrong-token-123`)).statusCode).toBe(403);
    const clerk = await t.login('clerk1');
    const seen = await t.req('GET', `/api/v1/tickets/${tk.id}`, { cookie: clerk });
    expect(seen.json()).not.toHaveProperty('token');
  });

  it('calls the next ticket, finishes the serving one on the next call, and answers 204 when nobody waits', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const a1 = await makeTicket(t, 'A');
    const a2 = await makeTicket(t, 'A');
    const c1 = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(c1.json()).toMatchObject({ id: a1.id, status: 'called', counterNumber: 1, callCount: 1 });
    const refused = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CURRENT_TICKET_CALLED');
    await t.req('POST', `/api/v1/tickets/${a1.id}/start`, { cookie });
    const c2 = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(c2.json().id).toBe(a2.id);
    const first = (await t.req('GET', `/api/v1/tickets/${a1.id}`, { cookie })).json();
    expect(first.status).toBe('done');
    await t.req('POST', `/api/v1/tickets/${a2.id}/start`, { cookie });
    const none = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(none.statusCode).toBe(204);
    expect((await t.req('GET', `/api/v1/tickets/${a2.id}`, { cookie })).json().status).toBe('done');
  });

  it('does not let a clerk call at a counter they did not open', async () => {
    await openCounter(t, 'clerk1', 1);
    await makeTicket(t, 'A');
    const clerk2 = await t.login('clerk2');
    const res = await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/call-next`, { cookie: clerk2 });
    expect(res.statusCode).toBe(403);
    const manager = await t.login('manager');
    expect(
      (await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/call-next`, { cookie: manager }))
        .statusCode,
    ).toBe(403);
    expect((await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/call-next`)).statusCode).toBe(401);
  });

  it('binds one clerk to one counter', async () => {
    await openCounter(t, 'clerk1', 1);
    const clerk2 = await t.login('clerk2');
    const taken = await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/open`, { cookie: clerk2 });
    expect(taken.json().error.code).toBe('COUNTER_TAKEN');
    const clerk1 = await t.login('clerk1');
    const second = await t.req('POST', `/api/v1/counters/${t.demo.counters[2]}/open`, { cookie: clerk1 });
    expect(second.json().error.code).toBe('CLERK_AT_OTHER_COUNTER');
    const closed = await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/close`, { cookie: clerk1 });
    expect(closed.json()).toMatchObject({ status: 'closed', clerk: null });
    expect(
      (await t.req('POST', `/api/v1/counters/${t.demo.counters[2]}/open`, { cookie: clerk1 })).statusCode,
    ).toBe(200);
  });

  it('gives a paused counter nothing until it resumes; a manager may pause it', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    await makeTicket(t, 'A');
    const manager = await t.login('manager');
    expect(
      (await t.req('POST', `/api/v1/counters/${counterId}/pause`, { cookie: manager })).json().status,
    ).toBe('paused');
    const res = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(res.json().error.code).toBe('COUNTER_NOT_OPEN');
    expect((await t.req('POST', `/api/v1/counters/${counterId}/pause`, { cookie })).json().error.code).toBe(
      'INVALID_TRANSITION',
    );
    await t.req('POST', `/api/v1/counters/${counterId}/resume`, { cookie });
    expect((await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie })).statusCode).toBe(200);
  });

  it('calls a chosen ticket (特呼), recalls it, and requeues a no-show at the back', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const a1 = await makeTicket(t, 'A');
    const a2 = await makeTicket(t, 'A');
    const chosen = await t.req('POST', `/api/v1/counters/${counterId}/call`, {
      cookie,
      body: { ticketId: a2.id },
    });
    expect(chosen.json()).toMatchObject({ id: a2.id, status: 'called' });
    const recalled = await t.req('POST', `/api/v1/tickets/${a2.id}/recall`, { cookie });
    expect(recalled.json().callCount).toBe(2);
    const noShow = await t.req('POST', `/api/v1/tickets/${a2.id}/no-show`, { cookie });
    expect(noShow.json().status).toBe('no_show');
    t.clock.advance(1);
    const a3 = await makeTicket(t, 'A');
    t.clock.advance(1);
    const requeued = await t.req('POST', `/api/v1/tickets/${a2.id}/requeue`, { cookie });
    expect(requeued.json()).toMatchObject({ status: 'waiting', number: 'A002' });
    const order = (await t.req('GET', `/api/v1/counters/${counterId}/queue`, { cookie })).json();
    expect(order.map((x: { id: string }) => x.id)).toEqual([a1.id, a3.id, a2.id]);
  });

  it('transfers to a named counter (only it may call the ticket) and to another matter', async () => {
    const one = await openCounter(t, 'clerk1', 1);
    const three = await openCounter(t, 'clerk2', 3);
    const seven = await openCounter(t, 'clerk3', 7);
    const a1 = await makeTicket(t, 'A');
    await t.req('POST', `/api/v1/counters/${one.counterId}/call-next`, one);
    await t.req('POST', `/api/v1/tickets/${a1.id}/start`, one);
    const moved = await t.req('POST', `/api/v1/tickets/${a1.id}/transfer`, {
      cookie: one.cookie,
      body: { counterId: three.counterId },
    });
    expect(moved.json()).toMatchObject({ status: 'waiting', number: 'A001', counterId: null });
    // counter 7 serves A but the ticket is reserved for counter 3
    expect((await t.req('POST', `/api/v1/counters/${seven.counterId}/call-next`, seven)).statusCode).toBe(
      204,
    );
    const at3 = await t.req('POST', `/api/v1/counters/${three.counterId}/call-next`, three);
    expect(at3.json()).toMatchObject({ id: a1.id, counterNumber: 3 });
    await t.req('POST', `/api/v1/tickets/${a1.id}/start`, three);
    const toMatter = await t.req('POST', `/api/v1/tickets/${a1.id}/transfer`, {
      cookie: three.cookie,
      body: { matterId: t.demo.matters.D },
    });
    expect(toMatter.json()).toMatchObject({ status: 'waiting', matterId: t.demo.matters.D });
    const at7 = await t.req('POST', `/api/v1/counters/${seven.counterId}/call-next`, seven);
    expect(at7.json().id).toBe(a1.id);
  });

  it('lets the holder cancel a waiting ticket with the token, not without', async () => {
    const tk = await makeTicket(t, 'A');
    expect((await t.req('POST', `/api/v1/tickets/${tk.id}/cancel`)).statusCode).toBe(401);
    const res = await t.req('POST', `/api/v1/tickets/${tk.id}/cancel?token=${tk.token}`);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'holder' });
  });

  it('expires what is left at the service-day rollover', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const a1 = await makeTicket(t, 'A');
    const a2 = await makeTicket(t, 'A');
    await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    t.clock.advance(24 * 60);
    expect(await t.app.services.tickets.expireStale(t.demo.hallId)).toBe(2);
    const manager = await t.login('manager');
    for (const id of [a1.id, a2.id]) {
      expect((await t.req('GET', `/api/v1/tickets/${id}`, { cookie: manager })).json()).toMatchObject({
        status: 'cancelled',
        cancelReason: 'expired',
      });
    }
    // the new day starts again at A001
    expect((await makeTicket(t, 'A')).number).toBe('A001');
  });

  it('shows calls, counters and waiting per matter on the board', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    await makeTicket(t, 'A');
    await makeTicket(t, 'A');
    await makeTicket(t, 'B');
    await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    const board = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/board`)).json();
    expect(board.seq).toBeGreaterThan(0);
    expect(board.calls[0]).toMatchObject({ number: 'A001', counterNumber: 1, callCount: 1 });
    expect(board.counters.find((c: { id: string }) => c.id === counterId).currentTicket.number).toBe('A001');
    const waitA = board.waiting.find((w: { matterId: string }) => w.matterId === t.demo.matters.A);
    expect(waitA.count).toBe(1);
    const waitB = board.waiting.find((w: { matterId: string }) => w.matterId === t.demo.matters.B);
    expect(waitB).toMatchObject({ count: 1, estimatedWaitMinutes: null }); // no open counter serves B
  });

  it('records every transition in ticket_events', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const tk = await makeTicket(t, 'A');
    await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    await t.req('POST', `/api/v1/tickets/${tk.id}/start`, { cookie });
    await t.req('POST', `/api/v1/tickets/${tk.id}/finish`, { cookie });
    const events = await t.handle.db
      .selectFrom('ticket_events')
      .select(['action', 'from_status', 'to_status', 'counter_id', 'staff_id'])
      .where('ticket_id', '=', tk.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
      ['issue', null, 'waiting'],
      ['call', 'waiting', 'called'],
      ['start', 'called', 'serving'],
      ['finish', 'serving', 'done'],
    ]);
    expect(events[1]!.counter_id).toBe(counterId);
    expect(events[1]!.staff_id).not.toBeNull();
  });
});

// Every action from every status: the allowed ones move the ticket, the others are 409
// INVALID_TRANSITION and change nothing.
const STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
const ACTIONS = ['call', 'recall', 'start', 'finish', 'no-show', 'requeue', 'transfer', 'cancel'] as const;
const ALLOWED: Record<string, Record<string, string>> = {
  waiting: { call: 'called', cancel: 'cancelled' },
  called: { recall: 'called', start: 'serving', 'no-show': 'no_show', transfer: 'waiting' },
  serving: { finish: 'done', transfer: 'waiting' },
  no_show: { requeue: 'waiting' },
  done: {},
  cancelled: {},
};

describe('ticket state machine (PGlite)', () => {
  let t: TestApp;
  let one: { cookie: string; counterId: string };
  let three: { cookie: string; counterId: string };
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    one = await openCounter(t, 'clerk1', 1);
    three = await openCounter(t, 'clerk2', 3);
  });
  afterAll(async () => t?.close());

  async function freeCounter(c: { cookie: string; counterId: string }) {
    const counter = (await t.req('GET', `/api/v1/counters/${c.counterId}`)).json();
    const cur = counter.currentTicket;
    if (cur?.status === 'called') await t.req('POST', `/api/v1/tickets/${cur.id}/no-show`, c);
    if (cur?.status === 'serving') await t.req('POST', `/api/v1/tickets/${cur.id}/finish`, c);
  }

  async function ticketIn(status: (typeof STATUSES)[number]) {
    await freeCounter(one);
    const tk = await makeTicket(t, 'A');
    const call = () =>
      t.req('POST', `/api/v1/counters/${one.counterId}/call`, {
        cookie: one.cookie,
        body: { ticketId: tk.id },
      });
    if (status !== 'waiting' && status !== 'cancelled') await call();
    if (status === 'serving' || status === 'done') await t.req('POST', `/api/v1/tickets/${tk.id}/start`, one);
    if (status === 'done') await t.req('POST', `/api/v1/tickets/${tk.id}/finish`, one);
    if (status === 'no_show') await t.req('POST', `/api/v1/tickets/${tk.id}/no-show`, one);
    if (status === 'cancelled') await t.req('POST', `/api/v1/tickets/${tk.id}/cancel`, one);
    return tk;
  }

  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      const to = ALLOWED[status]![action];
      it(`${to ? 'allows' : 'refuses'} ${action} from ${status}`, async () => {
        const tk = await ticketIn(status);
        const before = (await t.req('GET', `/api/v1/tickets/${tk.id}`, one)).json();
        expect(before.status).toBe(status);
        await freeCounter(three);
        const res =
          action === 'call'
            ? await t.req('POST', `/api/v1/counters/${three.counterId}/call`, {
                cookie: three.cookie,
                body: { ticketId: tk.id },
              })
            : await t.req('POST', `/api/v1/tickets/${tk.id}/${action}`, {
                cookie: one.cookie,
                ...(action === 'transfer' ? { body: { matterId: t.demo.matters.F } } : {}),
              });
        const after = (await t.req('GET', `/api/v1/tickets/${tk.id}`, one)).json();
        if (to) {
          expect(res.statusCode, res.body).toBe(200);
          expect(after.status).toBe(to);
        } else {
          expect(res.statusCode, res.body).toBe(409);
          expect(res.json().error.code).toBe('INVALID_TRANSITION');
          expect({ ...after, ahead: 0, estimatedWaitMinutes: 0 }).toEqual({
            ...before,
            ahead: 0,
            estimatedWaitMinutes: 0,
          });
        }
      });
    }
  }
});

describe('estimates over the lunch break', () => {
  it('counts a counter paused for lunch as serving again when the break ends', async () => {
    const { ManualClock } = await import('../../server/src/clock.ts');
    const t = await makeTestApp('pglite', { clock: new ManualClock(new Date('2026-11-18T04:10:00Z')) }); // 12:10 Beijing
    try {
      const { cookie, counterId } = await openCounter(t, 'clerk1', 1); // counter 1 serves only A
      await t.req('POST', `/api/v1/counters/${counterId}/pause`, { cookie });
      const tk = await makeTicket(t, 'A');
      expect(tk.estimatedWaitMinutes).toBe(80); // back at 13:30
      t.clock.set('2026-11-18T06:00:00Z'); // 14:00: a pause outside the break has no known end
      const later = (await t.req('GET', `/api/v1/tickets/${tk.id}?token=${tk.token}`)).json();
      expect(later.estimatedWaitMinutes).toBeNull();
    } finally {
      await t.close();
    }
  });
});
