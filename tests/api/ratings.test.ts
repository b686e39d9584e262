import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { putSchedule } from '../helpers/appointments.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';
import { act, pairPad, rate, serve, servedTicket, type Clerk } from '../helpers/ratings.ts';

describe.each(BACKENDS)('好差评 ratings on %s', (backend) => {
  let t: TestApp;
  let clerk: Clerk;
  beforeEach(async () => {
    t = await makeTestApp(backend);
    clerk = await openCounter(t, 'clerk1', 1);
  });
  afterEach(async () => t?.close());

  it('lets the holder rate a served ticket once and tells the hall without the comment', async () => {
    const ticket = await servedTicket(t, clerk);
    const before = await t.req('GET', `/api/v1/tickets/${ticket.id}/rating?token=${ticket.token}`);
    expect(before.json()).toMatchObject({ rated: false, ratable: true, rating: null });

    const res = await rate(t, ticket, { score: 5, comment: '  耐心细致  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      score: 5,
      level: '非常满意',
      reasons: [],
      comment: '耐心细致',
      source: 'holder',
    });

    const after = await t.req('GET', `/api/v1/tickets/${ticket.id}/rating?token=${ticket.token}`);
    expect(after.json()).toMatchObject({ rated: true, ratable: false, rating: { score: 5 } });

    const again = await rate(t, ticket, { score: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_RATED');

    const event = await t.handle.db
      .selectFrom('hall_events')
      .select(['type', 'data'])
      .where('hall_id', '=', t.demo.hallId)
      .where('type', '=', 'rating.created')
      .executeTakeFirstOrThrow();
    expect(event.data).toEqual({ ticketId: ticket.id, counterId: clerk.counterId, score: 5 });
  });

  it('accepts only the five levels, needs a reason from the list for 2 and 1, and caps the comment', async () => {
    const ticket = await servedTicket(t, clerk);
    for (const score of [0, 6, 3.5, '5']) {
      const res = await rate(t, ticket, { score });
      expect(res.statusCode, `score ${score}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const noReason = await rate(t, ticket, { score: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toEqual(['body', 'reasons']);
    expect((await rate(t, ticket, { score: 1, reasons: [] })).statusCode).toBe(400);
    expect((await rate(t, ticket, { score: 1, reasons: ['态度很差'] })).statusCode).toBe(400);
    expect((await rate(t, ticket, { score: 1, reasons: ['其他', '其他'] })).statusCode).toBe(400);
    expect((await rate(t, ticket, { score: 4, comment: '字'.repeat(501) })).statusCode).toBe(400);

    const ok = await rate(t, ticket, {
      score: 2,
      reasons: ['办事效率', '多次跑腿'],
      comment: '字'.repeat(500),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().reasons).toEqual(['办事效率', '多次跑腿']);
  });

  it('refuses a ticket that is not served yet and one finished more than 7 days ago', async () => {
    const waiting = await makeTicket(t, 'A');
    const early = await rate(t, waiting, { score: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('NOT_FINISHED');

    const late = await servedTicket(t, clerk);
    const inTime = await servedTicket(t, clerk);
    t.clock.advance(7 * 24 * 60 - 1);
    expect((await rate(t, inTime, { score: 4 })).statusCode).toBe(201);
    t.clock.advance(2);
    const closed = await rate(t, late, { score: 4 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('RATING_CLOSED');
    const status = await t.req('GET', `/api/v1/tickets/${late.id}/rating?token=${late.token}`);
    expect(status.json()).toMatchObject({ rated: false, ratable: false });
  });

  it('takes a rating only from the holder’s token or the pad of the counter that served it', async () => {
    const ticket = await servedTicket(t, clerk);
    const other = await servedTicket(t, clerk);
    const anonymous = await rate(t, ticket, { score: 5 }, { token: null });
    expect(anonymous.statusCode).toBe(401);
    const wrongToken = await rate(t, ticket, { score: 5 }, { token: other.token });
    expect(wrongToken.statusCode).toBe(403);
    const clerkCookie = await t.req('POST', `/api/v1/tickets/${ticket.id}/rating`, {
      cookie: clerk.cookie,
      body: { score: 5 },
    });
    expect(clerkCookie.statusCode).toBe(401);

    const padHere = await pairPad(t, t.demo.counters[1]!);
    const padThere = await pairPad(t, t.demo.counters[2]!);
    const foreign = await rate(t, other, { score: 5 }, { token: null, pad: padThere });
    expect(foreign.statusCode).toBe(403);
    const unknown = await rate(t, other, { score: 5 }, { token: null, pad: 'pad_not-a-real-token-at-all' });
    expect(unknown.statusCode).toBe(401);
    // `other` was started after `ticket` finished: the pad may rate only `other` now.
    const notItsTurn = await rate(t, ticket, { score: 3 }, { token: null, pad: padHere });
    expect(notItsTurn.statusCode).toBe(409);
    expect(notItsTurn.json().error.code).toBe('RATING_CLOSED');
    expect((await rate(t, ticket, { score: 3 })).statusCode).toBe(201);

    // Pairing a new pad unpairs the old one; clerks may not pair pads.
    const newer = await pairPad(t, t.demo.counters[1]!);
    expect((await rate(t, other, { score: 5 }, { token: null, pad: padHere })).statusCode).toBe(401);
    const fromPad = await rate(t, other, { score: 5 }, { token: null, pad: newer });
    expect(fromPad.statusCode, fromPad.body).toBe(201);
    expect(fromPad.json().source).toBe('pad');
    // The pad rates only just-finished tickets; the holder keeps the 7 days.
    const older = await servedTicket(t, clerk);
    t.clock.advance(6);
    const stale = await rate(t, older, { score: 5 }, { token: null, pad: newer });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('RATING_CLOSED');
    expect((await rate(t, older, { score: 5 })).statusCode).toBe(201);
    const byClerk = await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/pad-token`, {
      cookie: clerk.cookie,
    });
    expect(byClerk.statusCode).toBe(403);
  });

  it('shows the pad the ticket just finished until it is rated, the next service starts or the hall’s time passes', async () => {
    const pad = await pairPad(t, clerk.counterId);
    const screen = () =>
      t.req('GET', `/api/v1/counters/${clerk.counterId}/pad`, { headers: { 'x-pad-token': pad } });
    expect((await screen()).json()).toMatchObject({
      counter: { number: 1 },
      clerkName: '王芳',
      prompt: null,
    });

    const first = await servedTicket(t, clerk);
    t.clock.advance(1);
    const second = await servedTicket(t, clerk);
    expect((await screen()).json().prompt).toMatchObject({ ticketId: second.id, number: second.number });

    const padStatus = await t.req('GET', `/api/v1/tickets/${second.id}/rating`, {
      headers: { 'x-pad-token': pad },
    });
    expect(padStatus.json()).toMatchObject({ rated: false, ratable: true });
    expect((await rate(t, second, { score: 5 }, { token: null, pad })).statusCode).toBe(201);
    expect((await screen()).json().prompt).toBeNull();

    t.clock.advance(1);
    const third = await servedTicket(t, clerk);
    expect((await screen()).json().prompt.ticketId).toBe(third.id);
    t.clock.advance(6);
    expect((await screen()).json().prompt).toBeNull();
    expect(first.id).not.toBe(third.id);

    // Calling the next number finishes the current one but keeps the prompt; its start ends it.
    const fourth = await makeTicket(t, 'A');
    const fifth = await makeTicket(t, 'A');
    const call = (id: string) =>
      t.req('POST', `/api/v1/counters/${clerk.counterId}/call`, {
        cookie: clerk.cookie,
        body: { ticketId: id },
      });
    expect((await call(fourth.id)).statusCode).toBe(200);
    await act(t, clerk, fourth.id, 'start');
    t.clock.advance(2);
    expect((await call(fifth.id)).statusCode).toBe(200);
    expect((await screen()).json().prompt.ticketId).toBe(fourth.id);
    t.clock.advance(1);
    await act(t, clerk, fifth.id, 'start');
    expect((await screen()).json().prompt).toBeNull();
    const late = await rate(t, fourth, { score: 1, reasons: ['服务态度'] }, { token: null, pad });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('RATING_CLOSED');

    // The hall sets how long the pad prompts at most.
    const manager = await t.login('manager');
    const put = await t.req('PUT', `/api/v1/halls/${t.demo.hallId}/rating-rules`, {
      cookie: manager,
      body: { padPromptMinutes: 2 },
    });
    expect(put.statusCode, put.body).toBe(200);
    await act(t, clerk, fifth.id, 'finish');
    expect((await screen()).json().prompt.ticketId).toBe(fifth.id);
    t.clock.advance(3);
    expect((await screen()).json().prompt).toBeNull();

    const otherPad = await pairPad(t, t.demo.counters[2]!);
    const foreign = await t.req('GET', `/api/v1/counters/${clerk.counterId}/pad`, {
      headers: { 'x-pad-token': otherPad },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await t.req('GET', `/api/v1/counters/${clerk.counterId}/pad`)).statusCode).toBe(401);
  });

  it('lists the levels and reasons for the rating screens', async () => {
    const res = await t.req('GET', '/api/v1/ratings/options');
    expect(res.json()).toMatchObject({
      reasons: ['服务态度', '办事效率', '一次性告知', '多次跑腿', '环境设施', '其他'],
      windowDays: 7,
      levels: [
        { score: 5, label: '非常满意', needsReason: false },
        { score: 4, label: '满意', needsReason: false },
        { score: 3, label: '基本满意', needsReason: false },
        { score: 2, label: '不满意', needsReason: true },
        { score: 1, label: '非常不满意', needsReason: true },
      ],
    });
  });
});

describe.each(BACKENDS)('差评 ledger on %s', (backend) => {
  let t: TestApp;
  let clerk: Clerk;
  let manager: string;
  beforeEach(async () => {
    t = await makeTestApp(backend);
    clerk = await openCounter(t, 'clerk1', 1);
    manager = await t.login('manager');
  });
  afterEach(async () => t?.close());

  const ledger = (query = '') =>
    t.req('GET', `/api/v1/halls/${t.demo.hallId}/complaints${query}`, { cookie: manager });
  const move = (id: string, to: string, note = '已处理') =>
    t.req('POST', `/api/v1/complaints/${id}/transition`, { cookie: manager, body: { to, note } });

  it('opens a case for a rating of 2 or 1 only, without anything about who rated', async () => {
    const phone = '13812345678';
    const poor = await makeTicket(t, 'A', { body: { phone } });
    await serve(t, clerk, poor.id, 12);
    const fine = await servedTicket(t, clerk);
    expect(
      (await rate(t, poor, { score: 1, reasons: ['服务态度'], comment: '窗口人员态度生硬' })).statusCode,
    ).toBe(201);
    expect((await rate(t, fine, { score: 3 })).statusCode).toBe(201);

    const res = await ledger();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.complaints).toHaveLength(1);
    expect(body.complaints[0]).toMatchObject({
      ticketId: poor.id,
      ticketNumber: poor.number,
      counterNumber: 1,
      matterName: '户籍',
      clerkName: '王芳',
      score: 1,
      level: '非常不满意',
      reasons: ['服务态度'],
      comment: '窗口人员态度生硬',
      status: 'open',
      nextStatuses: ['contacted'],
      dueDate: '2026-11-25', // Wed 18 Nov + 5 working days
      overdue: false,
      appeal: false,
      notes: [],
    });
    expect(body.summary).toMatchObject({ open: 1, overdue: 0, total: 1 });
    expect(res.body).not.toContain(poor.token);
    expect(res.body).not.toContain(phone);
    expect(res.body).not.toContain('5678');

    expect(
      (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/complaints`, { cookie: clerk.cookie })).statusCode,
    ).toBe(403);
    expect((await t.req('GET', `/api/v1/halls/${t.demo.hallId}/complaints`)).statusCode).toBe(401);
  });

  it('follows open → contacted → rectified | explained → closed with a note at each step', async () => {
    const a = await servedTicket(t, clerk);
    const b = await servedTicket(t, clerk);
    await rate(t, a, { score: 2, reasons: ['办事效率'] });
    await rate(t, b, { score: 1, reasons: ['一次性告知'] });
    const [caseA, caseB] = (await ledger()).json().complaints as { id: string; ticketId: string }[];
    const idA = [caseA, caseB].find((c) => c!.ticketId === a.id)!.id;
    const idB = [caseA, caseB].find((c) => c!.ticketId === b.id)!.id;

    const skip = await move(idA, 'rectified');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('INVALID_TRANSITION');
    expect((await move(idA, 'contacted', '   ')).statusCode).toBe(400);
    expect(
      (
        await t.req('POST', `/api/v1/complaints/${idA}/transition`, {
          cookie: manager,
          body: { to: 'contacted' },
        })
      ).statusCode,
    ).toBe(400);

    expect((await move(idA, 'contacted', '已电话联系办事人')).json()).toMatchObject({
      status: 'contacted',
      nextStatuses: ['rectified', 'explained'],
    });
    expect((await move(idA, 'rectified', '窗口补充材料清单')).statusCode).toBe(200);
    const closed = await move(idA, 'closed', '整改完成');
    expect(closed.json()).toMatchObject({ status: 'closed', nextStatuses: [] });
    expect(closed.json().closedAt).toBe(t.clock.now().toISOString());
    expect(
      closed
        .json()
        .notes.map((n: { fromStatus: string; toStatus: string; note: string; staffName: string }) => [
          n.fromStatus,
          n.toStatus,
          n.note,
          n.staffName,
        ]),
    ).toEqual([
      ['open', 'contacted', '已电话联系办事人', '陈主任'],
      ['contacted', 'rectified', '窗口补充材料清单', '陈主任'],
      ['rectified', 'closed', '整改完成', '陈主任'],
    ]);
    expect((await move(idA, 'open')).statusCode).toBe(409);

    await move(idB, 'contacted');
    expect((await move(idB, 'explained', '已解释政策')).json().status).toBe('explained');
    expect((await move(idB, 'rectified')).statusCode).toBe(409);

    expect((await ledger('?status=closed')).json().complaints.map((c: { id: string }) => c.id)).toEqual([
      idA,
    ]);
    expect((await ledger()).json().summary).toMatchObject({ closed: 1, explained: 1, total: 2 });
  });

  it('flags an appeal once, with its note, while the case is not closed', async () => {
    const a = await servedTicket(t, clerk);
    await rate(t, a, { score: 1, reasons: ['其他'], comment: '无理由差评' });
    const id = (await ledger()).json().complaints[0].id as string;
    const appeal = (note: string) =>
      t.req('POST', `/api/v1/complaints/${id}/appeal`, { cookie: manager, body: { note } });
    expect((await appeal('')).statusCode).toBe(400);
    const res = await appeal('办事人未到窗口办理，疑似误评');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ appeal: true, status: 'open' });
    expect(res.json().notes[0]).toMatchObject({ kind: 'appeal', fromStatus: 'open', toStatus: 'open' });
    expect((await appeal('再次申诉')).statusCode).toBe(409);
  });

  it('dates a case 5 working days ahead across the National Day holiday and marks it overdue after', async () => {
    t.clock.set('2026-09-30T02:00:00Z'); // Wednesday 10:00 in Shanghai, the eve of the holiday
    const a = await servedTicket(t, clerk);
    await rate(t, a, { score: 2, reasons: ['服务态度'] });
    // 10-01..07 off; 10-08 (Thu), 10-09 (Fri), 10-10 (make-up Saturday), 10-12 (Mon), 10-13 (Tue).
    expect((await ledger()).json().complaints[0]).toMatchObject({ dueDate: '2026-10-13', overdue: false });

    t.clock.set('2026-10-13T15:59:00Z'); // 23:59 on the due date
    expect((await ledger('?overdue=true')).json().complaints).toHaveLength(0);
    t.clock.set('2026-10-13T16:00:00Z'); // midnight: the 14th in Shanghai
    const late = (await ledger('?overdue=true')).json();
    expect(late.complaints).toHaveLength(1);
    expect(late.complaints[0].overdue).toBe(true);
    expect(late.summary.overdue).toBe(1);
    expect((await ledger('?overdue=false')).json().complaints).toHaveLength(0);
  });

  it('skips the days the hall’s schedule closes', async () => {
    await putSchedule(t, { closedDates: ['2026-11-19'] });
    const a = await servedTicket(t, clerk);
    await rate(t, a, { score: 2, reasons: ['环境设施'] });
    // Wed 18 Nov; Thu 19 closed; 20 (1), 23 (2), 24 (3), 25 (4), 26 (5).
    expect((await ledger()).json().complaints[0].dueDate).toBe('2026-11-26');
  });

  it('uses the hall’s own number of working days', async () => {
    const patched = await t.req('PATCH', `/api/v1/halls/${t.demo.hallId}`, {
      cookie: manager,
      body: { complaintDueWorkingDays: 2 },
    });
    expect(patched.json().settings.complaintDueWorkingDays).toBe(2);
    const a = await servedTicket(t, clerk);
    await rate(t, a, { score: 1, reasons: ['环境设施'] });
    expect((await ledger()).json().complaints[0].dueDate).toBe('2026-11-20'); // Wed → Fri
  });
});

describe.each(BACKENDS)('floor dashboard on %s', (backend) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp(backend);
  });
  afterEach(async () => t?.close());

  it('raises an alert when a matter’s longest wait passes the threshold and suggests counters to open', async () => {
    const manager = await t.login('manager');
    await t.req('PATCH', `/api/v1/halls/${t.demo.hallId}`, {
      cookie: manager,
      body: { waitAlertMinutes: 30 },
    });
    const social = await openCounter(t, 'clerk1', 3); // 社保/医保: cannot take 户籍 tickets
    const paused = await openCounter(t, 'clerk2', 2); // 户籍 first, then 咨询: paused below
    expect(
      (await t.req('POST', `/api/v1/counters/${paused.counterId}/pause`, { cookie: paused.cookie }))
        .statusCode,
    ).toBe(200);
    await makeTicket(t, 'A');
    const b = await makeTicket(t, 'B');
    await t.req('POST', `/api/v1/counters/${social.counterId}/call`, {
      cookie: social.cookie,
      body: { ticketId: b.id },
    });
    await act(t, social, b.id, 'start');

    t.clock.advance(30);
    const calm = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/floor`, { cookie: manager })).json();
    expect(calm.matters.find((m: { prefix: string }) => m.prefix === 'A')).toMatchObject({
      waiting: 1,
      longestWaitMinutes: 30,
      alert: false,
    });

    t.clock.advance(1);
    const res = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/floor`, { cookie: manager });
    expect(res.statusCode, res.body).toBe(200);
    const floor = res.json();
    expect(floor.waitAlertMinutes).toBe(30);
    const A = floor.matters.find((m: { prefix: string }) => m.prefix === 'A');
    expect(A).toMatchObject({ waiting: 1, longestWaitMinutes: 31, alert: true, openCounters: 0 });
    // Counters serving 户籍 that are not open: primary first (paused before closed), then the rest.
    expect(A.suggestedCounters.map((c: { number: number; status: string }) => [c.number, c.status])).toEqual([
      [2, 'paused'],
      [1, 'closed'],
      [7, 'closed'],
      [8, 'closed'],
    ]);
    expect(floor.matters.find((m: { prefix: string }) => m.prefix === 'B')).toMatchObject({
      waiting: 0,
      alert: false,
    });
    expect(floor.totals).toMatchObject({ waiting: 1, openCounters: 1, pausedCounters: 1, alerts: 1 });

    const c3 = floor.counters.find((c: { number: number }) => c.number === 3);
    expect(c3).toMatchObject({
      status: 'open',
      clerk: { name: '王芳' },
      pausedMinutes: null,
      currentTicket: { id: b.id, status: 'serving', minutesAtCounter: 31 },
    });
    const c2 = floor.counters.find((c: { number: number }) => c.number === 2);
    expect(c2).toMatchObject({
      status: 'paused',
      clerk: { name: '李强' },
      pausedMinutes: 31,
      currentTicket: null,
    });
    t.clock.advance(2);
    await act(t, social, b.id, 'finish');
    const after = (
      await t.req('GET', `/api/v1/halls/${t.demo.hallId}/floor`, { cookie: social.cookie })
    ).json();
    expect(after.counters.find((c: { number: number }) => c.number === 3).servedToday).toBe(1);
    expect(after.totals.servedToday).toBe(1);
    expect((await t.req('GET', `/api/v1/halls/${t.demo.hallId}/floor`)).statusCode).toBe(401);
  });
});

describe('ratings under concurrency on postgres', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp('postgres');
  });
  afterEach(async () => t?.close());

  it('keeps exactly one of two parallel ratings of the same ticket', async () => {
    const clerk = await openCounter(t, 'clerk1', 1);
    const pad = await pairPad(t, clerk.counterId);
    for (let i = 0; i < 5; i++) {
      const ticket = await servedTicket(t, clerk);
      const answers = await Promise.all([
        rate(t, ticket, { score: 1, reasons: ['其他'] }),
        rate(t, ticket, { score: 2, reasons: ['其他'] }, { token: null, pad }),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('ALREADY_RATED');
    }
    const counts = await t.handle.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(5);
  });
});
