// The events of one commit leave in one write per socket (server/src/realtime/write-batch.ts):
// the sockets are held while the commit's events are emitted and released right after. Each
// subscriber must still get every event once, in order, and keep getting the later ones (a
// socket never released would go silent), alongside what is sent to it alone (acks, snapshots).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket, openCounter } from '../helpers/queue.ts';
import { connectRecorder, type Recorder } from '../helpers/sockets.ts';

describe('one write per socket for a commit’s events', () => {
  let t: TestApp;
  let base: string;
  const open: Recorder[] = [];

  beforeEach(async () => {
    t = await makeTestApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    for (const r of open.splice(0)) r.close();
    await t?.close();
  });

  it('delivers a call-next that finishes a ticket (two events, one commit) to every display in order, and what follows too', async () => {
    const displays: { rec: Recorder; from: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const rec = await connectRecorder(base);
      open.push(rec);
      const ack = await rec.subscribe({ hallId: t.demo.hallId });
      expect(ack.ok).toBe(true);
      displays.push({ rec, from: ack.seq! });
    }
    const clerk = await openCounter(t, 'clerk1', 1);
    for (let i = 0; i < 3; i++) await makeTicket(t, 'A');
    // call → start → call-next (finishes the serving ticket and calls the next: one commit)
    const first = (await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk)).json();
    await t.req('POST', `/api/v1/tickets/${first.id}/start`, clerk);
    const second = (await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk)).json();
    await t.req('POST', `/api/v1/tickets/${second.id}/start`, clerk);
    const third = (await t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk)).json();
    const last = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/board`)).json().seq as number;

    for (const { rec, from } of displays) {
      await rec.waitFor((e) => e.seq === last);
      const seqs = rec.events.map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: last - from }, (_, i) => from + 1 + i));
      const called = rec.events.filter((e) => e.type === 'ticket.called').map((e) => e.data.ticketId);
      expect(called).toEqual([first.id, second.id, third.id]);
      // the finish of the previous ticket comes right before the call it was committed with
      const i = rec.events.findIndex((e) => e.type === 'ticket.called' && e.data.ticketId === third.id);
      expect(rec.events[i - 1]).toMatchObject({ type: 'ticket.updated', data: { ticketId: second.id } });
    }
    // A socket held for a batch still answers what is asked of it alone afterwards.
    const again = await displays[0]!.rec.subscribe({ hallId: t.demo.hallId, lastSeq: last });
    expect(again).toMatchObject({ ok: true, seq: last });
  });
});
