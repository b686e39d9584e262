// The realtime API as a vendor sees it: a day of a hall (issue, call, recall, start, finish,
// no-show, requeue, transfer, cancel, counter and matter changes, schedule, ratings,
// appointments, the night's jobs) watched by real Socket.IO clients, and every message they get
// (acknowledgements, snapshots, replays, events, queue nudges) checked against the AsyncAPI
// document the server serves.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markNoShows } from '../../server/src/appointments/appointment-jobs.ts';
import { observeAppendedEvents, type HallEvent } from '../../server/src/realtime/hall-events.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { book } from '../helpers/appointments.ts';
import { realtimeContract, type RealtimeContract } from '../helpers/contract.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';

interface Client {
  socket: Socket;
  /** Every message received, with its Socket.IO event name, in order. */
  got: { name: string; payload: unknown }[];
  subscribe(payload: unknown): Promise<unknown>;
  /** Resolves once an event of this seq or later has arrived. */
  reached(seq: number): Promise<void>;
}

/** `cookie`: a staff session, so the socket also gets the private events (rating.created). */
async function connect(base: string, acks: unknown[], cookie?: string): Promise<Client> {
  const socket = io(base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  const got: Client['got'] = [];
  const waiters: { seq: number; resolve: () => void }[] = [];
  socket.onAny((name: string, payload: unknown) => {
    got.push({ name, payload });
    const seq = (payload as { seq?: number }).seq ?? 0;
    for (const w of waiters.filter((x) => name === 'event' && seq >= x.seq)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return {
    socket,
    got,
    subscribe: async (payload) => {
      const ack: unknown = await socket.timeout(10_000).emitWithAck('subscribe', payload);
      acks.push(ack);
      return ack;
    },
    reached: (seq) =>
      got.some((m) => m.name === 'event' && ((m.payload as { seq: number }).seq ?? 0) >= seq)
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ seq, resolve })),
  };
}

describe('the realtime API against its AsyncAPI document', () => {
  let t: TestApp;
  let base: string;
  let contract: RealtimeContract;
  const clients: Client[] = [];
  const acks: unknown[] = [];
  const appended: HallEvent[] = [];
  const stopObserving = observeAppendedEvents((e) => appended.push(e));

  beforeAll(async () => {
    t = await makeTestApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await t.req('GET', '/docs/asyncapi.json', { cookie: await t.login('admin') });
    expect(res.statusCode).toBe(200);
    contract = realtimeContract(res.json());
  });
  afterAll(async () => {
    stopObserving();
    for (const c of clients) c.socket.disconnect();
    await t?.close();
  });

  it('sends only messages the document describes, for every kind of event a hall day produces', async () => {
    const hallId = t.demo.hallId;
    const E = t.demo.matters.E!;
    const F = t.demo.matters.F!;
    // The hall's console: staff, so it gets every event type, rating.created included.
    const consoleCookie = await t.login('manager');
    const display = await connect(base, acks, consoleCookie);
    clients.push(display);
    expect(await display.subscribe({ hallId })).toMatchObject({ ok: true });
    expect(await display.subscribe({ nonsense: true })).toMatchObject({
      ok: false,
      error: 'VALIDATION_FAILED',
    });

    const manager = await t.login('manager');
    const { cookie, counterId } = await openCounter(t, 'clerk1', 1);
    const act = async (method: 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown, who = cookie) => {
      const res = await t.req(method, `/api/v1${path}`, { cookie: who, ...(body ? { body } : {}) });
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300);
      return res.statusCode === 204 ? null : (res.json() as { id: string; token?: string });
    };
    const asHolder = (method: 'POST', path: string, token: string, body?: unknown) =>
      t.req(method, `/api/v1${path}`, { headers: { 'x-holder-token': token }, ...(body ? { body } : {}) });

    const first = await makeTicket(t, 'A');
    const second = await makeTicket(t, 'A');
    const third = await makeTicket(t, 'A');
    const cancelled = await makeTicket(t, 'A');
    const followed = await makeTicket(t, 'A');
    const phone = await connect(base, acks);
    clients.push(phone);
    expect(await phone.subscribe({ ticketId: followed.id, token: followed.token })).toMatchObject({
      ok: true,
    });

    // served and rated
    const called = (await act('POST', `/counters/${counterId}/call-next`))!;
    expect(called.id).toBe(first.id);
    await act('POST', `/tickets/${first.id}/recall`);
    await act('POST', `/tickets/${first.id}/start`);
    await act('POST', `/tickets/${first.id}/finish`);
    expect(
      (await asHolder('POST', `/tickets/${first.id}/rating`, first.token, { score: 5 })).statusCode,
    ).toBe(201);
    // no-show, requeued; then transferred
    const missed = (await act('POST', `/counters/${counterId}/call-next`))!;
    expect(missed.id).toBe(second.id);
    await act('POST', `/tickets/${missed.id}/no-show`);
    t.clock.advance(1); // the resident comes back later: requeued behind those already waiting
    await act('POST', `/tickets/${missed.id}/requeue`);
    const moved = (await act('POST', `/counters/${counterId}/call-next`))!;
    expect(moved.id).toBe(third.id);
    await act('POST', `/tickets/${moved.id}/transfer`, { matterId: F });
    expect((await asHolder('POST', `/tickets/${cancelled.id}/cancel`, cancelled.token)).statusCode).toBe(200);
    // the followed ticket is called by name (特呼)
    await act('POST', `/counters/${counterId}/call`, { ticketId: followed.id });
    await act('POST', `/tickets/${followed.id}/start`);
    await act('POST', `/tickets/${followed.id}/finish`);
    const mid = (await t.req('GET', `/api/v1/halls/${hallId}/board`)).json().seq as number;
    await act('POST', `/counters/${counterId}/pause`);
    await act('POST', `/counters/${counterId}/resume`);
    await act('PATCH', `/counters/${t.demo.counters[8]}`, { name: '8号综合窗口' }, manager);
    await act('PATCH', `/matters/${F}`, { avgServiceMinutes: 7 }, manager);
    await act('PUT', `/halls/${hallId}/schedule`, {}, manager);

    // appointments: booked, rescheduled, cancelled, missed, checked in
    const slots = (
      await t.req('GET', `/api/v1/halls/${hallId}/slots?matterId=${E}&from=2026-11-19&to=2026-11-19`)
    ).json() as { start: string; available: number }[];
    const open = slots.filter((s) => s.available > 0).map((s) => s.start);
    expect(open.length).toBeGreaterThan(4);
    const kept = (await book(t, { matterId: E, start: open[1]! })).json() as {
      id: string;
      token: string;
      code: string;
    };
    expect(
      (await asHolder('POST', `/appointments/${kept.id}/reschedule`, kept.token, { start: open[4]! }))
        .statusCode,
    ).toBe(200);
    const dropped = (await book(t, { matterId: E, start: open[2]! })).json() as { id: string; token: string };
    expect((await asHolder('POST', `/appointments/${dropped.id}/cancel`, dropped.token)).statusCode).toBe(
      200,
    );
    await book(t, { matterId: E, start: open[0]! }); // never comes
    // the next day: last night's tickets expire, the missed booking is a no-show, the kept one checks in
    t.clock.set(new Date(new Date(open[0]!).getTime() + 20 * 60_000));
    const s = t.app.services;
    await s.tickets.expireStale(hallId);
    await markNoShows({ db: t.handle.db, clock: t.clock, halls: s.halls, schedule: s.schedule }, hallId);
    t.clock.set(new Date(new Date(open[4]!).getTime() - 20 * 60_000));
    const checkIn = await t.req('POST', `/api/v1/halls/${hallId}/check-in`, { body: { code: kept.code } });
    expect(checkIn.statusCode, checkIn.body).toBe(201);

    // a console that was away since `mid` gets the replay
    const last = (await t.req('GET', `/api/v1/halls/${hallId}/board`)).json().seq as number;
    const late = await connect(base, acks, consoleCookie);
    clients.push(late);
    expect(await late.subscribe({ hallId, lastSeq: mid })).toMatchObject({ ok: true });
    await Promise.all([display.reached(last), late.reached(last)]);

    const problems: string[] = [];
    for (const ack of acks) problems.push(...contract.check('subscribe', ack));
    for (const c of clients) for (const m of c.got) problems.push(...contract.check(m.name, m.payload));
    expect(problems).toEqual([]);

    const typesSeen = new Set(
      display.got.filter((m) => m.name === 'event').map((m) => (m.payload as HallEvent).type),
    );
    const notSent = ['queue.updated']; // reserved in the document, not sent by this version
    expect([...typesSeen].sort()).toEqual(contract.eventTypes.filter((x) => !notSent.includes(x)).sort());
    const actions = new Set(appended.map((e) => `${e.type}:${String(e.data.action ?? '')}`));
    for (const a of [
      'ticket.called:recall',
      'ticket.updated:no_show',
      'ticket.updated:requeue',
      'ticket.updated:transfer',
      'ticket.updated:cancel',
      'ticket.updated:expire',
      'appointment.updated:reschedule',
      'appointment.updated:check_in',
      'appointment.updated:no_show',
    ])
      expect(actions, a).toContain(a);
    // every event appended reached the display, replayed ones the late console, all in order
    const from = (display.got[0]?.payload as { seq: number }).seq;
    const seqs = display.got.filter((m) => m.name === 'event').map((m) => (m.payload as HallEvent).seq);
    expect(seqs).toEqual(appended.filter((e) => e.hallId === hallId && e.seq > from).map((e) => e.seq));
    expect(late.got.filter((m) => m.name === 'event').map((m) => (m.payload as HallEvent).seq)).toEqual(
      seqs.filter((q) => q > mid),
    );
    expect(display.got[0]?.name).toBe('snapshot');
    expect(phone.got[0]?.name).toBe('snapshot');
    expect(phone.got.some((m) => m.name === 'queue')).toBe(true);
    const phoneEvents = phone.got.filter((m) => m.name === 'event').map((m) => m.payload as HallEvent);
    expect(phoneEvents.length).toBeGreaterThan(0);
    expect(phoneEvents.every((e) => e.data.ticketId === followed.id)).toBe(true);
  });

  it('rejects what the document does not say: an unknown field, a wrong type, an unknown event', () => {
    const event = {
      hallId: 'h',
      seq: 3,
      type: 'counter.updated',
      at: '2026-11-18T02:00:00.000Z',
      data: { counterId: 'c' },
    };
    expect(contract.check('event', event)).toEqual([]);
    expect(contract.check('event', { ...event, data: { counterId: 'c', phone: '13800000000' } })).not.toEqual(
      [],
    );
    expect(contract.check('event', { ...event, seq: '3' })).not.toEqual([]);
    expect(contract.check('event', { ...event, type: 'counter.exploded' })).not.toEqual([]);
    expect(contract.check('whisper', {})).not.toEqual([]);
  });
});
