// Issue 14: the 办不成事反映窗口. A matter marked as the hall's 办不成事 window; finishing its ticket
// asks for the clerk's summary and opens a case of kind 'unresolved' in the ledger, followed up
// to closure like a 差评 case and counted in statistics; two finishes at once open one case.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';

describe.each(BACKENDS)('办不成事 window on %s', (backend) => {
  let t: TestApp;
  let manager: string;
  beforeEach(async () => {
    t = await makeTestApp(backend);
    manager = await t.login('manager');
    const marked = await t.req('PATCH', `/api/v1/matters/${t.demo.matters.A}`, {
      cookie: manager,
      body: { unresolvedWindow: true },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().unresolvedWindow).toBe(true);
  });
  afterEach(async () => t?.close());

  /** A ticket of the window, called and started at counter 1. */
  async function serving() {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const ticket = await makeTicket(t, 'A');
    const called = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(called.json().id).toBe(ticket.id);
    await t.req('POST', `/api/v1/tickets/${ticket.id}/start`, { cookie });
    return { cookie, counterId, ticket };
  }

  const ledger = (query = '') =>
    t.req('GET', `/api/v1/halls/${t.demo.hallId}/complaints${query}`, { cookie: manager });

  it('refuses a finish without a summary, and call-next past it, changing nothing', async () => {
    const { cookie, counterId, ticket } = await serving();
    const bare = await t.req('POST', `/api/v1/tickets/${ticket.id}/finish`, { cookie });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().error.code).toBe('SUMMARY_REQUIRED');
    const blank = await t.req('POST', `/api/v1/tickets/${ticket.id}/finish`, {
      cookie,
      body: { summary: '   ' },
    });
    expect(blank.json().error.code).toBe('SUMMARY_REQUIRED');
    await makeTicket(t, 'A');
    const next = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    expect(next.statusCode).toBe(409);
    expect(next.json().error.code).toBe('SUMMARY_REQUIRED');
    const still = await t.req('GET', `/api/v1/tickets/${ticket.id}?token=${ticket.token}`);
    expect(still.json().status).toBe('serving');
    expect((await ledger()).json().summary.total).toBe(0);
  });

  it('opens a 办不成事 case with the summary and the matter concerned, followed to closure', async () => {
    const { cookie, ticket } = await serving();
    const done = await t.req('POST', `/api/v1/tickets/${ticket.id}/finish`, {
      cookie,
      body: {
        summary: '缺少不动产登记证明，无法办理，居民电话13812345678',
        concernedMatterId: t.demo.matters.B,
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');

    const all = (await ledger()).json();
    expect(all.summary).toMatchObject({ total: 1, unresolved: 1, open: 1 });
    const [c] = all.complaints;
    expect(c).toMatchObject({
      kind: 'unresolved',
      ticketId: ticket.id,
      matterId: t.demo.matters.B,
      ratingId: null,
      score: null,
      status: 'open',
      realName: false,
      clerkName: expect.any(String),
    });
    // Free text never keeps a phone number.
    expect(c.summary).toContain('缺少不动产登记证明');
    expect(c.summary).not.toContain('13812345678');
    expect((await ledger('?kind=rating')).json().complaints).toEqual([]);
    expect((await ledger('?kind=unresolved')).json().complaints).toHaveLength(1);

    for (const to of ['contacted', 'rectified', 'closed']) {
      const step = await t.req('POST', `/api/v1/complaints/${c.id}/transition`, {
        cookie: manager,
        body: { to, note: `已处理：${to}` },
      });
      expect(step.statusCode, step.body).toBe(200);
    }
    const closed = (await t.req('GET', `/api/v1/complaints/${c.id}`, { cookie: manager })).json();
    expect(closed.status).toBe('closed');
    expect(closed.notes.map((n: { toStatus: string }) => n.toStatus)).toEqual([
      'contacted',
      'rectified',
      'closed',
    ]);

    const day = done.json().serviceDay;
    const stats = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/stats?from=${day}&to=${day}`, {
      cookie: manager,
    });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().unresolvedCases).toMatchObject({
      opened: 1,
      closed: 1,
      byMatter: [{ matterId: t.demo.matters.B, opened: 1 }],
    });
  });

  it('takes the window’s own matter when none is named, and opens nothing for other matters', async () => {
    const { cookie, counterId, ticket } = await serving();
    const done = await t.req('POST', `/api/v1/tickets/${ticket.id}/finish`, {
      cookie,
      body: { summary: '材料不全' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const unknown = await makeTicket(t, 'A');
    await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
    await t.req('POST', `/api/v1/tickets/${unknown.id}/start`, { cookie });
    const badMatter = await t.req('POST', `/api/v1/tickets/${unknown.id}/finish`, {
      cookie,
      body: { summary: '材料不全', concernedMatterId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(badMatter.statusCode).toBe(404);
    const after = await t.req('GET', `/api/v1/tickets/${unknown.id}?token=${unknown.token}`);
    expect(after.json().status).toBe('serving');

    // Unmarked: finishing asks for nothing and opens no case.
    await t.req('PATCH', `/api/v1/matters/${t.demo.matters.A}`, {
      cookie: manager,
      body: { unresolvedWindow: false },
    });
    const plain = await t.req('POST', `/api/v1/tickets/${unknown.id}/finish`, { cookie });
    expect(plain.statusCode, plain.body).toBe(200);
    const cases = (await ledger()).json().complaints;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ matterId: t.demo.matters.A, summary: '材料不全' });
  });

  it('opens one case when the same finish is sent twice at once', async () => {
    const { cookie, ticket } = await serving();
    const body = { summary: '系统无法受理跨省业务' };
    const answers = await Promise.all([
      t.req('POST', `/api/v1/tickets/${ticket.id}/finish`, { cookie, body }),
      t.req('POST', `/api/v1/tickets/${ticket.id}/finish`, { cookie, body }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect((await ledger()).json().complaints).toHaveLength(1);
  });
});
