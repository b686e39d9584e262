// Issue 14: the green channel's categories and treatments, and 亮证上岗 (staff number, photo and
// the hall's public/private staff-details setting), on PGlite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { PNG_1PX } from '../helpers/images.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';

describe.each(BACKENDS)('green channel on %s', (backend) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp(backend);
  });
  afterEach(async () => t?.close());

  const hallUrl = () => `/api/v1/halls/${t.demo.hallId}`;
  const ticketsUrl = () => `${hallUrl()}/tickets`;

  it('lists the default categories with their treatments on the public hall', async () => {
    const hall = (await t.req('GET', hallUrl())).json();
    const codes = hall.settings.greenCategories.map((c: { code: string }) => c.code);
    expect(codes).toEqual(['elderly', 'disabled', 'pregnant', 'military', 'firefighter', 'urgent']);
    expect(hall.settings.greenCategories[0]).toMatchObject({
      name: '老年人',
      treatment: 'boost',
      minAge: 60,
    });
    expect(hall.settings.greenCategories[1]).toMatchObject({ name: '残疾人', treatment: 'skip' });
    expect(hall.settings.staffDetailsPublic).toBe(true);
  });

  it('lets the kiosk issue a green ticket with a category, and only with a known active one', async () => {
    const anonPlain = await t.req('POST', ticketsUrl(), {
      body: { matterId: t.demo.matters.A, class: 'green' },
    });
    expect(anonPlain.statusCode).toBe(401);
    const unknown = await t.req('POST', ticketsUrl(), {
      body: { matterId: t.demo.matters.A, category: 'vip' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    const ok = await makeTicket(t, 'A', { body: { category: 'pregnant' } });
    expect(ok).toMatchObject({ class: 'green', category: 'pregnant', channel: 'kiosk' });

    const manager = await t.login('manager');
    const hall = (await t.req('GET', hallUrl())).json();
    const cats = hall.settings.greenCategories.map((c: { code: string }) =>
      c.code === 'pregnant' ? { ...c, active: false } : c,
    );
    const patched = await t.req('PATCH', hallUrl(), { cookie: manager, body: { greenCategories: cats } });
    expect(patched.statusCode, patched.body).toBe(200);
    const inactive = await t.req('POST', ticketsUrl(), {
      body: { matterId: t.demo.matters.A, category: 'pregnant' },
    });
    expect(inactive.statusCode).toBe(400);
    const dup = await t.req('PATCH', hallUrl(), {
      cookie: manager,
      body: { greenCategories: [cats[0], cats[0]] },
    });
    expect(dup.statusCode).toBe(400);
  });

  it('calls a 免排队 ticket before older normal ones, and a boost category by its minutes', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const n1 = await makeTicket(t, 'A');
    t.clock.advance(40);
    const elder = await makeTicket(t, 'A', { body: { category: 'elderly' } }); // +30 < 40 waited
    const n2 = await makeTicket(t, 'A');
    const skip = await makeTicket(t, 'A', { body: { category: 'disabled' } });
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie });
      expect(res.statusCode, res.body).toBe(200);
      const called = res.json();
      order.push(called.number);
      await t.req('POST', `/api/v1/tickets/${called.id}/start`, { cookie });
    }
    expect(order).toEqual([skip.number, n1.number, elder.number, n2.number]);

    // A hall may make 老年人 免排队 from 70.
    const manager = await t.login('manager');
    const hall = (await t.req('GET', `${hallUrl()}`)).json();
    const cats = hall.settings.greenCategories.map((c: { code: string }) =>
      c.code === 'elderly' ? { ...c, treatment: 'skip', minAge: 70 } : c,
    );
    await t.req('PATCH', hallUrl(), { cookie: manager, body: { greenCategories: cats } });
    const n3 = await makeTicket(t, 'A');
    t.clock.advance(5);
    const elder2 = await makeTicket(t, 'A', { body: { category: 'elderly' } });
    const next = (await t.req('POST', `/api/v1/counters/${counterId}/call-next`, { cookie })).json();
    expect(next.number).toBe(elder2.number);
    expect(n3.number).not.toBe(elder2.number);

    const stats = await t.req('GET', `${hallUrl()}/stats?from=2026-11-18&to=2026-11-18&groupBy=matter`, {
      cookie: manager,
    });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().greenChannel).toEqual([
      { category: 'disabled', issued: 1, served: 1 },
      { category: 'elderly', issued: 2, served: 1 },
    ]);
    // The wall's board marks the priority call.
    const board = (await t.req('GET', `${hallUrl()}/board`)).json();
    expect(board.calls[0]).toMatchObject({ number: elder2.number, class: 'green', category: 'elderly' });
  });
});

describe.each(BACKENDS)('亮证上岗 on %s', (backend) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp(backend);
  });
  afterEach(async () => t?.close());

  it('shows the clerk’s 工号 and photo while staff details are public, and hides them everywhere when not', async () => {
    const manager = await t.login('manager');
    const { cookie: clerk, counterId } = await openCounter(t, 'clerk1', 1);
    const me = (await t.req('GET', '/api/v1/auth/me', { cookie: clerk })).json().user;
    const num = await t.req('PATCH', `/api/v1/staff/${me.id}`, {
      cookie: manager,
      body: { staffNumber: 'GZ0101' },
    });
    expect(num.statusCode, num.body).toBe(200);
    expect(num.json().staffNumber).toBe('GZ0101');
    const other = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/staff`, { cookie: manager }))
      .json()
      .find((s: { username: string }) => s.username === 'clerk2');
    const dup = await t.req('PATCH', `/api/v1/staff/${other.id}`, {
      cookie: manager,
      body: { staffNumber: 'GZ0101' },
    });
    expect(dup.statusCode).toBe(409);

    // Photos: type-checked by content, size-limited, only one's own for a clerk.
    const bad = await t.req('PUT', `/api/v1/staff/${me.id}/photo`, {
      cookie: clerk,
      body: { data: Buffer.from('<svg onload=alert(1)>').toString('base64') },
    });
    expect(bad.statusCode).toBe(400);
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(210 * 1024)]);
    const tooBig = await t.req('PUT', `/api/v1/staff/${me.id}/photo`, {
      cookie: clerk,
      body: { data: big.toString('base64') },
    });
    expect(tooBig.statusCode).toBe(400);
    const notMine = await t.req('PUT', `/api/v1/staff/${other.id}/photo`, {
      cookie: clerk,
      body: { data: PNG_1PX.toString('base64') },
    });
    expect(notMine.statusCode).toBe(403);
    const up = await t.req('PUT', `/api/v1/staff/${me.id}/photo`, {
      cookie: clerk,
      body: { data: PNG_1PX.toString('base64') },
    });
    expect(up.statusCode, up.body).toBe(200);
    const photoUrl: string = up.json().photoUrl;

    const pub = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/counters`)).json();
    const c1 = pub.find((c: { id: string }) => c.id === counterId);
    expect(c1.clerk).toMatchObject({ name: '王芳', staffNumber: 'GZ0101', photoUrl });
    const photo = await t.req('GET', photoUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['cache-control']).toContain('public');
    expect(Buffer.compare(photo.rawPayload, PNG_1PX)).toBe(0);
    const again = await t.req('GET', photoUrl, { headers: { 'if-none-match': String(photo.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const board = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/board`)).json();
    expect(board.counters.find((c: { id: string }) => c.id === counterId).clerk.staffNumber).toBe('GZ0101');

    const off = await t.req('PATCH', `/api/v1/halls/${t.demo.hallId}`, {
      cookie: manager,
      body: { staffDetailsPublic: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const hidden = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/counters`)).json();
    expect(hidden.find((c: { id: string }) => c.id === counterId).clerk).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain('王芳');
    const one = (await t.req('GET', `/api/v1/counters/${counterId}`)).json();
    expect(one.clerk).toBeNull();
    const hiddenBoard = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/board`);
    expect(hiddenBoard.body).not.toContain('王芳');
    expect(hiddenBoard.body).not.toContain('GZ0101');
    expect((await t.req('GET', photoUrl)).statusCode).toBe(404);
    // Staff still see who sits where.
    const staffView = (
      await t.req('GET', `/api/v1/halls/${t.demo.hallId}/counters`, { cookie: manager })
    ).json();
    expect(staffView.find((c: { id: string }) => c.id === counterId).clerk.name).toBe('王芳');
  });

  it('shows when a paused counter resumes', async () => {
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const bad = await t.req('POST', `/api/v1/counters/${counterId}/pause`, {
      cookie,
      body: { resumeAt: 'soon' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await t.req('POST', `/api/v1/counters/${counterId}/pause`, {
      cookie,
      body: { resumeAt: '2026-11-18T02:30:00Z' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'paused', resumeAt: '2026-11-18T02:30:00.000Z' });
    const resumed = (await t.req('POST', `/api/v1/counters/${counterId}/resume`, { cookie })).json();
    expect(resumed.resumeAt).toBeNull();
    const plain = await t.req('POST', `/api/v1/counters/${counterId}/pause`, { cookie });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json().resumeAt).toBeNull();
  });

  it('lets the help desk issue any ticket, reprint it and mark it 帮办, each audited with the desk staff member', async () => {
    const desk = await t.login('clerk2');
    const green = await makeTicket(t, 'B', { cookie: desk, body: { category: 'military' } });
    expect(green).toMatchObject({ class: 'green', channel: 'desk', category: 'military' });
    const again = await t.req('POST', `/api/v1/tickets/${green.id}/reprint`, { cookie: desk });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ number: green.number, token: green.token });
    expect((await t.req('POST', `/api/v1/tickets/${green.id}/reprint`)).statusCode).toBe(401);
    const assisted = await t.req('POST', `/api/v1/tickets/${green.id}/assisted`, { cookie: desk });
    expect(assisted.json().assisted).toBe(true);
    const cancelled = await t.req('POST', `/api/v1/tickets/${green.id}/cancel`, { cookie: desk });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await t.req('POST', `/api/v1/tickets/${green.id}/reprint`, { cookie: desk })).statusCode).toBe(
      409,
    );
    const manager = await t.login('manager');
    const log = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/audit`, { cookie: manager })).json() as {
      route: string;
      staff: { username: string } | null;
    }[];
    const desks = log.filter((e) => e.staff?.username === 'clerk2').map((e) => e.route);
    expect(desks).toEqual(
      expect.arrayContaining([
        '/api/v1/halls/:hallId/tickets',
        '/api/v1/tickets/:ticketId/reprint',
        '/api/v1/tickets/:ticketId/assisted',
        '/api/v1/tickets/:ticketId/cancel',
      ]),
    );
  });
});
