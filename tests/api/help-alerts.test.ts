// 请工作人员协助 (issue 14): a kiosk in elder mode asks the help desk for a person. The alert is
// accepted, limited per kiosk (or address), scoped to its hall, sent live only to staff sockets
// that asked to watch the hall's alerts (never to the lobby's hall feed), and acknowledged once.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { connectRecorder } from '../helpers/sockets.ts';

interface Notice {
  type: string;
  alert: { id: string; hallId: string; kiosk: string | null; acknowledgedAt: string | null };
}

async function staffSocket(base: string, cookie?: string): Promise<{ socket: Socket; notices: Notice[] }> {
  const socket = io(base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  const notices: Notice[] = [];
  socket.on('help', (n: Notice) => notices.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return { socket, notices };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error('condition not met');
};

describe('help alerts (请工作人员协助)', () => {
  let t: TestApp;
  let base: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
  });

  it('accepts a kiosk’s press, tells the hall’s staff sockets live and never the lobby', async () => {
    const clerk = await t.login('clerk1');
    const desk = await staffSocket(base, clerk);
    sockets.push(desk.socket);
    const watch = await desk.socket.timeout(5000).emitWithAck('watchHelp', { hallId: t.demo.hallId });
    expect(watch).toEqual({ ok: true, alerts: [] });

    const lobby = await connectRecorder(base);
    sockets.push(lobby.socket);
    let lobbyHelp = 0;
    lobby.socket.on('help', () => lobbyHelp++);
    expect((await lobby.subscribe({ hallId: t.demo.hallId })).ok).toBe(true);
    // A lobby socket may not watch the alerts without a staff session.
    expect(await lobby.socket.timeout(5000).emitWithAck('watchHelp', { hallId: t.demo.hallId })).toEqual({
      ok: false,
      error: 'UNAUTHENTICATED',
    });

    const seqBefore = (await t.handle.db.selectFrom('halls').select('event_seq').executeTakeFirstOrThrow())
      .event_seq;
    const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/help-alerts`);
    expect(res.statusCode).toBe(201);
    const alert = res.json();
    expect(alert).toMatchObject({ hallId: t.demo.hallId, kiosk: null, acknowledgedAt: null });
    await until(() => desk.notices.length === 1);
    expect(desk.notices[0]).toEqual({ type: 'help.requested', alert });
    // Not a hall event: the lobby's feed and the hall's log are untouched.
    const seqAfter = (await t.handle.db.selectFrom('halls').select('event_seq').executeTakeFirstOrThrow())
      .event_seq;
    expect(seqAfter).toBe(seqBefore);
    // The desk's acknowledgement reaches every desk; a desk opened later no longer sees it.
    const ack = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/help-alerts/${alert.id}/acknowledge`, {
      cookie: clerk,
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().acknowledgedAt).not.toBeNull();
    await until(() => desk.notices.length === 2);
    expect(desk.notices[1]!.type).toBe('help.acknowledged');
    expect(lobbyHelp).toBe(0);
    expect(lobby.events.length).toBe(0);
    const open = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/help-alerts`, { cookie: clerk });
    expect(open.json()).toEqual([]);
  });

  it('limits presses per kiosk and per address, and names a paired kiosk', async () => {
    const url = `/api/v1/halls/${t.demo.hallId}/help-alerts`;
    t.clock.advance(2);
    expect((await t.req('POST', url)).statusCode).toBe(201);
    const again = await t.req('POST', url);
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('HELP_ALREADY_REQUESTED');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);

    // A paired kiosk behind the same address counts on its own and is named on the desk.
    const manager = await t.login('manager');
    const paired = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/devices`, {
      cookie: manager,
      body: { kind: 'kiosk', name: '一楼东自助机' },
    });
    const headers = { 'x-device-token': paired.json().token as string };
    const fromKiosk = await t.req('POST', url, { headers });
    expect(fromKiosk.statusCode).toBe(201);
    expect(fromKiosk.json().kiosk).toBe('一楼东自助机');
    expect((await t.req('POST', url, { headers })).statusCode).toBe(429);
    const alerts = await t.handle.db.selectFrom('help_alerts').selectAll().execute();
    expect(alerts.length).toBe(3);
    expect(alerts.map((a) => a.source).some((s) => s.includes('127.0.0.1'))).toBe(false);

    t.clock.advance(1.1);
    expect((await t.req('POST', url, { headers })).statusCode).toBe(201);
    expect((await t.req('POST', url)).statusCode).toBe(201);
  });

  it('keeps alerts in their hall: another hall’s desk, ID or staff get nothing', async () => {
    const admin = await t.login('admin');
    const other = (
      await t.req('POST', '/api/v1/halls', { cookie: admin, body: { code: 'help2', name: '第二大厅' } })
    ).json();
    const clerk = await t.login('clerk1');
    const desk = await staffSocket(base, clerk);
    sockets.push(desk.socket);
    expect((await desk.socket.timeout(5000).emitWithAck('watchHelp', { hallId: t.demo.hallId })).ok).toBe(
      true,
    );
    expect(await desk.socket.timeout(5000).emitWithAck('watchHelp', { hallId: other.id })).toEqual({
      ok: false,
      error: 'FORBIDDEN',
    });
    t.clock.advance(2);
    const res = await t.req('POST', `/api/v1/halls/${other.id}/help-alerts`);
    expect(res.statusCode).toBe(201);
    // Acknowledged through the wrong hall: not found; listing another hall: forbidden.
    const wrong = await t.req(
      'POST',
      `/api/v1/halls/${t.demo.hallId}/help-alerts/${res.json().id}/acknowledge`,
      { cookie: clerk },
    );
    expect(wrong.statusCode).toBe(404);
    expect((await t.req('GET', `/api/v1/halls/${other.id}/help-alerts`, { cookie: clerk })).statusCode).toBe(
      403,
    );
    // The demo hall's desk heard nothing of it (a press in its own hall arrives after it).
    const mine = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/help-alerts`, {
      headers: { 'x-forwarded-for': '10.0.0.9' },
    });
    expect(mine.statusCode).toBe(201);
    await until(() => desk.notices.length >= 1);
    expect(desk.notices.every((n) => n.alert.hallId === t.demo.hallId)).toBe(true);
    expect(desk.notices.some((n) => n.alert.hallId === other.id)).toBe(false);
    expect(
      (await t.req('POST', `/api/v1/halls/00000000-0000-4000-8000-000000000000/help-alerts`)).statusCode,
    ).toBe(404);
    expect((await t.req('GET', `/api/v1/halls/${t.demo.hallId}/help-alerts`)).statusCode).toBe(401);
  });
});
