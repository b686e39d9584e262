import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';
import { connectRecorder, sleep, type Recorder } from '../helpers/sockets.ts';

describe('realtime over Socket.IO', () => {
  let t: TestApp;
  let base: string;
  const open: Recorder[] = [];
  const connect = async () => {
    const r = await connectRecorder(base);
    open.push(r);
    return r;
  };

  beforeEach(async () => {
    t = await makeTestApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    for (const r of open.splice(0)) r.close();
    await t?.close();
  });

  it('sends a display a snapshot, then ticket.called after call-next', async () => {
    const display = await connect();
    const ack = await display.subscribe({ hallId: t.demo.hallId });
    expect(ack.ok).toBe(true);
    expect(display.snapshots[0]).toMatchObject({ hallId: t.demo.hallId, seq: ack.seq });
    const clerk = await openCounter(t, 'clerk1', 1);
    await makeTicket(t, 'A');
    await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk);
    const called = await display.waitFor((e) => e.type === 'ticket.called');
    expect(called.data).toMatchObject({ number: 'A001', counterNumber: 1, callCount: 1 });
    const seqs = display.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => ack.seq! + 1 + i)); // in order, no gaps
  });

  it('replays to a reconnecting client exactly the events it missed', async () => {
    const clerk = await openCounter(t, 'clerk1', 1);
    const first = await connect();
    const ack = await first.subscribe({ hallId: t.demo.hallId });
    await makeTicket(t, 'A');
    const seen = await first.waitFor((e) => e.type === 'ticket.issued');
    first.close();
    // while it is away: an issue, a call, a recall
    await makeTicket(t, 'A');
    const called = await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk);
    await t.req('POST', `/api/v1/tickets/${called.json().id}/recall`, clerk);
    const board = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/board`)).json();
    const again = await connect();
    await again.subscribe({ hallId: t.demo.hallId, lastSeq: seen.seq });
    await again.waitFor((e) => e.seq === board.seq);
    await sleep(100);
    expect(again.snapshots).toHaveLength(0);
    expect(again.events.map((e) => e.seq)).toEqual(
      Array.from({ length: board.seq - seen.seq }, (_, i) => seen.seq + 1 + i),
    );
    expect(again.events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.called']);
    expect(ack.seq).toBeLessThan(seen.seq);
  });

  it('sends a snapshot instead of a replay when the gap is unknown', async () => {
    const r = await connect();
    await r.subscribe({ hallId: t.demo.hallId, lastSeq: 999_999 });
    expect(r.snapshots).toHaveLength(1);
  });

  it('lets a holder follow their own ticket and see it called', async () => {
    const clerk = await openCounter(t, 'clerk1', 1);
    const mine = await makeTicket(t, 'A');
    const other = await makeTicket(t, 'B');
    const phone = await connect();
    const ack = await phone.subscribe({ ticketId: mine.id, token: mine.token });
    expect(ack.ok).toBe(true);
    expect(phone.snapshots[0]).toMatchObject({ ticket: { id: mine.id, status: 'waiting' } });
    await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk);
    const called = await phone.waitFor((e) => e.type === 'ticket.called');
    expect(called.data).toMatchObject({ ticketId: mine.id, counterNumber: 1 });
    expect(phone.events.every((e) => e.data.ticketId === mine.id)).toBe(true);
    expect(phone.events.some((e) => e.data.ticketId === other.id)).toBe(false);
  });

  it('refuses to follow a ticket with a wrong token', async () => {
    const mine = await makeTicket(t, 'A');
    const phone = await connect();
    const ack = await phone.subscribe({ ticketId: mine.id, token: 'not-the-token' });
    expect(ack).toMatchObject({ ok: false, error: 'FORBIDDEN' });
  });

  it('rejects a malformed subscription without harm', async () => {
    const r = await connect();
    expect((await r.subscribe({ hallId: 'nope' })).ok).toBe(false);
    expect((await r.subscribe({ hallId: '00000000-0000-4000-8000-000000000000' })).error).toBe('NOT_FOUND');
  });
});

describe('resubscribing', () => {
  it('does not double a holder’s events when the phone subscribes again on the same connection', async () => {
    const t = await makeTestApp('pglite');
    try {
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const clerk = await openCounter(t, 'clerk1', 1);
      const mine = await makeTicket(t, 'A');
      const phone = await connectRecorder(base);
      await phone.subscribe({ ticketId: mine.id, token: mine.token });
      await phone.subscribe({ ticketId: mine.id, token: mine.token });
      await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk);
      await phone.waitFor((e) => e.type === 'ticket.called');
      await sleep(200);
      expect(phone.events.filter((e) => e.type === 'ticket.called')).toHaveLength(1);
      phone.close();
    } finally {
      await t.close();
    }
  });
});
