// When each paired device and rating pad was last heard from (issue 20): a request with its
// token, or its socket's subscribe and heartbeats, set it; it is written at most once a minute
// (in memory per process, and by the UPDATE's own condition across processes); the console's
// list marks a device offline when the hall is open and it was not heard from for 5 minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastSeen } from '../../server/src/devices/last-seen.ts';
import { freshDatabase, makeTestApp, type TestApp } from '../helpers/app.ts';
import { connectRecorder, type Recorder } from '../helpers/sockets.ts';

interface Listed {
  id: string;
  name: string;
  lastSeenAt: string | null;
  offline: boolean;
}

describe('devices last heard from', () => {
  let t: TestApp;
  let cookie: string;
  let base: string;
  const recorders: Recorder[] = [];
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    cookie = await t.login('manager');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const r of recorders) r.close();
    await t?.close();
  });

  const pair = async (name: string, kind = 'kiosk') => {
    const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/devices`, {
      cookie,
      body: { kind, name },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().lastSeenAt).toBeNull();
    return res.json() as { id: string; token: string };
  };
  const listed = async (name: string, as = cookie) => {
    const res = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/devices`, { cookie: as });
    expect(res.statusCode).toBe(200);
    return (res.json() as Listed[]).find((d) => d.name === name)!;
  };
  const column = async (id: string) => {
    const row = await t.handle.db
      .selectFrom('devices')
      .select('last_seen_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.last_seen_at === null ? null : new Date(row.last_seen_at).toISOString();
  };
  /** A request as the device makes it, and its last-seen write finished. */
  const asDevice = async (token: string) => {
    const res = await t.req('GET', `/api/v1/halls/${t.demo.hallId}`, {
      headers: { 'x-device-token': token },
    });
    expect(res.statusCode).toBe(200);
    await t.app.services.lastSeen.settled();
  };

  it('sets last seen on a device’s request, and writes at most once a minute', async () => {
    t.clock.set('2026-11-18T02:00:00.000Z'); // Wednesday 10:00 in the hall: open
    const kiosk = await pair('一号取号机');
    expect(await listed('一号取号机')).toMatchObject({ lastSeenAt: null, offline: true });

    await asDevice(kiosk.token);
    const first = await column(kiosk.id);
    expect(first).toBe('2026-11-18T02:00:00.000Z');
    expect(await listed('一号取号机')).toMatchObject({ lastSeenAt: first, offline: false });

    // Within the minute: this process does not write again.
    t.clock.advance(0.5);
    await asDevice(kiosk.token);
    expect(await column(kiosk.id)).toBe(first);
    // Nor another process (its own memory is empty): the UPDATE's condition holds.
    const other = new LastSeen(t.handle.db, t.clock);
    other.heard('device', kiosk.token);
    await other.settled();
    expect(await column(kiosk.id)).toBe(first);

    // After the minute, the next request writes.
    t.clock.advance(0.6);
    await asDevice(kiosk.token);
    expect(await column(kiosk.id)).toBe('2026-11-18T02:01:06.000Z');
  });

  it('marks a device offline after 5 minutes unheard while the hall is open, not after hours', async () => {
    t.clock.set('2026-11-18T03:00:00.000Z');
    const wall = await pair('大厅大屏', 'display');
    await asDevice(wall.token);
    t.clock.advance(5);
    expect((await listed('大厅大屏')).offline).toBe(false);
    t.clock.advance(1);
    expect(await listed('大厅大屏')).toMatchObject({ lastSeenAt: '2026-11-18T03:00:00.000Z', offline: true });
    t.clock.set('2026-11-18T14:00:00.000Z'); // 22:00 in the hall: closed, nobody expects it on
    expect((await listed('大厅大屏', await t.login('manager'))).offline).toBe(false);
  });

  it('an unknown or malformed token writes nothing and the request goes through', async () => {
    t.clock.set('2026-11-18T04:00:00.000Z');
    const kiosk = await pair('二号取号机');
    for (const token of ['dev_not-a-paired-one', 'x'.repeat(300), 'pad_' + 'y'.repeat(20)])
      await asDevice(token);
    expect(await column(kiosk.id)).toBeNull();
  });

  it('hears a screen by its socket: at subscribe and at each heartbeat', async () => {
    t.clock.set('2026-11-18T05:00:00.000Z');
    const screen = await pair('一号窗口屏', 'counter_screen');
    const rec = await connectRecorder(base);
    recorders.push(rec);
    expect(await rec.subscribe({ hallId: t.demo.hallId, deviceToken: screen.token })).toMatchObject({
      ok: true,
    });
    await t.app.services.lastSeen.settled();
    expect(await column(screen.id)).toBe('2026-11-18T05:00:00.000Z');

    // Two minutes on, the connection's next heartbeat (Socket.IO pings every 25 s) writes again.
    t.clock.advance(2);
    const conn = t.app.realtime.io.sockets.sockets.get(rec.socket.id!)!.conn;
    await new Promise<void>((resolve) => conn.once('heartbeat', () => resolve()));
    await t.app.services.lastSeen.settled();
    expect(await column(screen.id)).toBe('2026-11-18T05:02:00.000Z');
  }, 60_000);

  it('hears a rating pad by X-Pad-Token; pairing a new pad starts it over', async () => {
    t.clock.set('2026-11-18T06:00:00.000Z');
    const counterId = t.demo.counters[1]!;
    const status = async () =>
      (await t.req('GET', `/api/v1/counters/${counterId}/pad-token`, { cookie })).json() as {
        lastSeenAt: string | null;
        offline: boolean;
      };
    const issue = async () =>
      (await t.req('POST', `/api/v1/counters/${counterId}/pad-token`, { cookie })).json().token as string;
    const token = await issue();
    expect(await status()).toMatchObject({ lastSeenAt: null, offline: true });
    const res = await t.req('GET', `/api/v1/counters/${counterId}/pad`, {
      headers: { 'x-pad-token': token },
    });
    expect(res.statusCode).toBe(200);
    await t.app.services.lastSeen.settled();
    expect(await status()).toMatchObject({ lastSeenAt: '2026-11-18T06:00:00.000Z', offline: false });
    await issue();
    expect(await status()).toMatchObject({ lastSeenAt: null, offline: true });
  });

  it('a write that fails is only logged, never thrown, and tried again with the next request', async () => {
    const gone = await freshDatabase('pglite');
    await gone.close(); // every statement on it now fails
    const warned: unknown[] = [];
    const seen = new LastSeen(gone.db, t.clock, (err) => warned.push(err));
    expect(() => seen.heard('device', 'dev_some-paired-token')).not.toThrow();
    await seen.settled();
    expect(warned).toHaveLength(1);
    seen.heard('device', 'dev_some-paired-token'); // within the minute, yet not throttled
    await seen.settled();
    expect(warned).toHaveLength(2);
  });
});
