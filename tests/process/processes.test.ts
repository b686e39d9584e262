// Real server processes on one real PostgreSQL: events cross processes, a SIGKILL loses nothing
// acknowledged, SIGTERM drains gracefully.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { idHashOf } from '../../server/src/appointments/documents.ts';
import { FieldCrypto } from '../../server/src/crypto.ts';
import { ADMIN_PASSWORD, freshDatabase, SECRET } from '../helpers/app.ts';
import { http, startServer, type ServerProcess } from '../helpers/process.ts';
import { makeResident } from '../helpers/appointments.ts';
import type { EventMsg } from '../helpers/sockets.ts';

const running: ServerProcess[] = [];
const sockets: Socket[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const p of running.splice(0)) await p.stop('SIGKILL');
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const handle = await freshDatabase('postgres', 5);
  cleanups.push(() => handle.close());
  return handle;
}

async function start(url: string, port?: number) {
  const p = await startServer(url, port);
  running.push(p);
  return p;
}

/** Signs in as admin, makes a clerk with a known password, opens counter 1 for them. */
async function clerkAtCounter(base: string) {
  const admin = (
    await http(base, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })
  ).cookie!;
  const hall = (await http(base, 'GET', '/api/v1/halls')).body[0];
  // These servers run on the real clock: open the hall all day, every day (and on today's and
  // tomorrow's dates, whatever the calendar says), so walk-in issuing works at any hour of CI.
  const allDay = { open: '00:00', close: '23:59' };
  const day = (offset: number) =>
    new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const schedule = await http(base, 'PUT', `/api/v1/halls/${hall.id}/schedule`, {
    cookie: admin,
    body: {
      hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), allDay])),
      dateHours: { [day(0)]: allDay, [day(1)]: allDay },
      rules: { lastTicketMinutes: 0 },
    },
  });
  expect(schedule.status, JSON.stringify(schedule.body)).toBe(200);
  const matters = (await http(base, 'GET', `/api/v1/halls/${hall.id}/matters`)).body as {
    id: string;
    prefix: string;
  }[];
  const counters = (await http(base, 'GET', `/api/v1/halls/${hall.id}/counters`)).body as {
    id: string;
    number: number;
  }[];
  const username = `proc${randomUUID().slice(0, 6)}`;
  await http(base, 'POST', `/api/v1/halls/${hall.id}/staff`, {
    cookie: admin,
    body: { username, password: 'Processpass123', name: '进程测试', role: 'clerk' },
  });
  const cookie = (
    await http(base, 'POST', '/api/v1/auth/login', { body: { username, password: 'Processpass123' } })
  ).cookie!;
  const counterId = counters.find((c) => c.number === 1)!.id;
  expect((await http(base, 'POST', `/api/v1/counters/${counterId}/open`, { cookie })).status).toBe(200);
  return { hallId: hall.id as string, matterA: matters.find((m) => m.prefix === 'A')!.id, counterId, cookie };
}

/** A display-like client: keeps lastSeq and resubscribes with it on every reconnect. */
function display(base: string, hallId: string) {
  const seqs: number[] = [];
  const types: string[] = [];
  let lastSeq: number | undefined;
  const socket = io(base, { transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 500 });
  sockets.push(socket);
  socket.on('connect', () =>
    socket.emit('subscribe', { hallId, ...(lastSeq !== undefined ? { lastSeq } : {}) }),
  );
  socket.on('snapshot', (s: { seq: number }) => {
    if (lastSeq === undefined) lastSeq = s.seq;
  });
  socket.on('event', (e: EventMsg) => {
    if (lastSeq !== undefined && e.seq <= lastSeq) return;
    seqs.push(e.seq);
    types.push(e.type);
    lastSeq = e.seq;
  });
  return { socket, seqs, types, lastSeq: () => lastSeq };
}

const until = async (cond: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('several server processes', () => {
  it(
    'delivers an event committed through one process to a display on the other, in order, without gaps',
    { timeout: 120_000 },
    async () => {
      const db = await setup();
      const [a, b] = await Promise.all([start(db.url!), start(db.url!)]);
      const ctx = await clerkAtCounter(a.url);
      const screen = display(b.url, ctx.hallId);
      await until(() => screen.lastSeq() !== undefined);
      const first = screen.lastSeq()!;
      for (let i = 0; i < 5; i++) {
        await http(a.url, 'POST', `/api/v1/halls/${ctx.hallId}/tickets`, { body: { matterId: ctx.matterA } });
      }
      for (let i = 0; i < 3; i++) {
        const called = await http(a.url, 'POST', `/api/v1/counters/${ctx.counterId}/call-next`, {
          cookie: ctx.cookie,
        });
        expect(called.status).toBe(200);
        await http(a.url, 'POST', `/api/v1/tickets/${called.body.id}/start`, { cookie: ctx.cookie });
      }
      const board = (await http(a.url, 'GET', `/api/v1/halls/${ctx.hallId}/board`)).body;
      await until(() => screen.lastSeq() === board.seq);
      expect(screen.seqs).toEqual(Array.from({ length: board.seq - first }, (_, i) => first + 1 + i));
      expect(screen.types.filter((t) => t === 'ticket.called')).toHaveLength(3);
    },
  );
});

describe('a crash mid-load', () => {
  it(
    'loses and duplicates nothing acknowledged, calls nothing twice, and clients resync on their own',
    { timeout: 180_000 },
    async () => {
      const db = await setup();
      let server = await start(db.url!);
      const ctx = await clerkAtCounter(server.url);
      const screen = display(server.url, ctx.hallId);
      await until(() => screen.lastSeq() !== undefined);
      const base = () => server.url;

      const acknowledged = new Map<string, { id: string; number: string }>(); // key → ticket
      const unacknowledged: string[] = [];
      const calls: string[] = [];
      let stop = false;
      const issuer = (async () => {
        while (!stop) {
          const key = randomUUID();
          try {
            const r = await http(base(), 'POST', `/api/v1/halls/${ctx.hallId}/tickets`, {
              body: { matterId: ctx.matterA },
              headers: { 'idempotency-key': key },
            });
            if (r.status === 201) acknowledged.set(key, { id: r.body.id, number: r.body.number });
            else unacknowledged.push(key);
          } catch {
            unacknowledged.push(key);
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      })();
      // residents booking slots of the bookable matter at the same time
      const matters = (await http(base(), 'GET', `/api/v1/halls/${ctx.hallId}/matters`)).body as {
        id: string;
        prefix: string;
      }[];
      const matterE = matters.find((m) => m.prefix === 'E')!.id;
      const booked = new Map<string, string>(); // appointment id → ID number
      // attempts whose answer never came (the crash): they may or may not have committed
      const unanswered: { body: Record<string, unknown> }[] = [];
      const booker = (async () => {
        let n = 0;
        while (!stop) {
          const resident = makeResident(5000 + n++);
          try {
            const today = new Date();
            const from = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
            const to = new Date(today.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
            const slots = (
              await http(
                base(),
                'GET',
                `/api/v1/halls/${ctx.hallId}/slots?matterId=${matterE}&from=${from}&to=${to}`,
              )
            ).body as {
              start: string;
              available: number;
            }[];
            const slot = slots.find((x) => x.available > 0);
            if (!slot) break;
            const body = { matterId: matterE, start: slot.start, ...resident };
            try {
              const r = await http(base(), 'POST', `/api/v1/halls/${ctx.hallId}/appointments`, { body });
              if (r.status === 201) booked.set(r.body.id, resident.idNumber);
            } catch (err) {
              unanswered.push({ body });
              throw err;
            }
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      })();
      const caller = (async () => {
        while (!stop) {
          try {
            const r = await http(base(), 'POST', `/api/v1/counters/${ctx.counterId}/call-next`, {
              cookie: ctx.cookie,
            });
            if (r.status === 200) {
              calls.push(r.body.id);
              await http(base(), 'POST', `/api/v1/tickets/${r.body.id}/start`, { cookie: ctx.cookie });
            } else if (r.status === 409 && r.body.error.code === 'CURRENT_TICKET_CALLED') {
              const counter = (await http(base(), 'GET', `/api/v1/counters/${ctx.counterId}`)).body;
              await http(base(), 'POST', `/api/v1/tickets/${counter.currentTicket.id}/start`, {
                cookie: ctx.cookie,
              });
            } else {
              await new Promise((r) => setTimeout(r, 50));
            }
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      })();

      await until(() => acknowledged.size >= 15 && calls.length >= 5 && booked.size >= 3);
      server.proc.kill('SIGKILL');
      await server.exited;
      running.splice(running.indexOf(server), 1);
      await new Promise((r) => setTimeout(r, 500));
      server = await start(db.url!, server.port);
      const before = acknowledged.size;
      await until(() => acknowledged.size >= before + 10);
      stop = true;
      await Promise.all([issuer, caller, booker]);

      // A retried request with an unacknowledged key returns at most one ticket, never a second.
      for (const key of unacknowledged) {
        const r = await http(server.url, 'POST', `/api/v1/halls/${ctx.hallId}/tickets`, {
          body: { matterId: ctx.matterA },
          headers: { 'idempotency-key': key },
        });
        expect(r.status).toBe(201);
        acknowledged.set(key, { id: r.body.id, number: r.body.number });
      }
      const rows = await db.db.selectFrom('tickets').select(['id', 'number', 'idempotency_key']).execute();
      // every acknowledged ticket is there with its number; one ticket per key; numbers unique
      for (const [key, tk] of acknowledged) {
        const row = rows.find((r) => r.id === tk.id);
        expect(row, `ticket ${tk.number}`).toBeDefined();
        expect(row!.number).toBe(tk.number);
        expect(row!.idempotency_key).toBe(key);
      }
      expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
      expect(rows.length).toBe(acknowledged.size);
      // every acknowledged booking is there, once, and no slot is past its capacity
      // a resident whose answer was lost tries again: never a second booking
      for (const { body } of unanswered) {
        const r = await http(server.url, 'POST', `/api/v1/halls/${ctx.hallId}/appointments`, { body });
        if (r.status !== 201) expect(['DUPLICATE_BOOKING', 'SLOT_FULL']).toContain(r.body.error.code);
      }
      const appointments = await db.db
        .selectFrom('appointments')
        .select(['id', 'status', 'id_hash'])
        .execute();
      for (const id of booked.keys()) expect(appointments.find((a) => a.id === id)?.status).toBe('booked');
      // one booking per resident at most, and each belongs to someone who asked
      const crypto = new FieldCrypto(SECRET);
      const asked = new Set(
        [...booked.values(), ...unanswered.map((u) => String(u.body.idNumber))].map((n) =>
          idHashOf(crypto, `resident-id:${n}`),
        ),
      );
      expect(new Set(appointments.map((a) => a.id_hash)).size).toBe(appointments.length);
      for (const a of appointments) expect(asked.has(a.id_hash!)).toBe(true);
      const slotsOver = await db.db.selectFrom('slot_bookings').selectAll().execute();
      for (const sl of slotsOver) expect(sl.booked).toBeLessThanOrEqual(sl.capacity);
      const callEvents = await db.db
        .selectFrom('ticket_events')
        .select('ticket_id')
        .where('action', '=', 'call')
        .execute();
      expect(new Set(callEvents.map((c) => c.ticket_id)).size).toBe(callEvents.length);

      // the display reconnected by itself and saw every event exactly once, in order
      const board = (await http(server.url, 'GET', `/api/v1/halls/${ctx.hallId}/board`)).body;
      await until(() => screen.lastSeq() === board.seq, 30_000);
      const first = screen.seqs[0]!;
      expect(screen.seqs).toEqual(Array.from({ length: board.seq - first + 1 }, (_, i) => first + i));
    },
  );
});

describe('graceful shutdown on SIGTERM', () => {
  it('finishes in-flight requests, closes sockets and exits 0', { timeout: 120_000 }, async () => {
    const db = await setup();
    const server = await start(db.url!);
    await clerkAtCounter(server.url); // opens the hall all day, so the walk-ins below are issued
    const hall = (await http(server.url, 'GET', '/api/v1/halls')).body[0];
    const matters = (await http(server.url, 'GET', `/api/v1/halls/${hall.id}/matters`)).body;
    const socket = io(server.url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((r) => socket.on('connect', () => r()));
    const disconnected = new Promise<string>((r) => socket.on('disconnect', (reason) => r(reason)));

    const inFlight = Array.from({ length: 30 }, () =>
      http(server.url, 'POST', `/api/v1/halls/${hall.id}/tickets`, {
        body: { matterId: matters[0].id },
      }).then(
        (r) => r.status,
        (e: Error) => `error:${(e.cause as { code?: string })?.code ?? e.message}`,
      ),
    );
    await new Promise((r) => setTimeout(r, 30));
    server.proc.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(await server.exited, server.output.join('')).toBe(0);
    expect(await disconnected).toBeTruthy();
    // accepted requests got their full answer; nothing was cut off or failed on the server
    const answered = statuses.filter((s) => s === 201);
    expect(answered.length).toBeGreaterThan(0);
    for (const s of statuses)
      expect(s === 201 || s === 'error:ECONNREFUSED' || s === 503, String(statuses)).toBe(true);
    const rows = await db.db.selectFrom('tickets').select('id').execute();
    expect(rows.length).toBe(answered.length);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
