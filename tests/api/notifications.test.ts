import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueReminders } from '../../server/src/appointments/appointment-jobs.ts';
import { notifyNearFront } from '../../server/src/notifications/near-front.ts';
import type {
  NotificationParams,
  NotificationProvider,
  SendMeta,
} from '../../server/src/notifications/provider.ts';
import { NotificationWorker, type WorkerOptions } from '../../server/src/notifications/worker.ts';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { book, makeResident, shanghai } from '../helpers/appointments.ts';

const NOW = shanghai('2026-11-18T10:00');

interface Call {
  phone: string;
  template: string;
  params: NotificationParams;
  key: string;
  attempt: number;
}

/**
 * An SMS gateway that records every call and, like real gateways with a client request ID,
 * delivers each idempotency key once however often it is sent.
 */
class RecordingGateway {
  calls: Call[] = [];
  delivered = new Map<string, Call>();

  record(phone: string, template: string, params: NotificationParams, meta: SendMeta) {
    const call = { phone, template, params, key: meta.idempotencyKey, attempt: meta.attempt };
    this.calls.push(call);
    if (!this.delivered.has(call.key)) this.delivered.set(call.key, call);
  }

  callsPerKey(): Map<string, number> {
    const m = new Map<string, number>();
    for (const c of this.calls) m.set(c.key, (m.get(c.key) ?? 0) + 1);
    return m;
  }
}

/** A provider in front of the gateway whose behaviour each test scripts. */
function provider(
  gateway: RecordingGateway,
  before?: (n: number) => Promise<void> | void,
  after?: (n: number) => Promise<void> | void,
): NotificationProvider {
  let n = 0;
  return {
    async send(phone, template, params, meta) {
      n++;
      await before?.(n);
      gateway.record(phone, template, params, meta);
      await after?.(n);
    },
  };
}

const never = () => new Promise<void>(() => {});

describe.each(BACKENDS)('notifications on %s', (backend) => {
  let t: TestApp;
  let E: string;
  const worker = (p: NotificationProvider, opts: WorkerOptions = {}) =>
    new NotificationWorker(t.handle.db, t.clock, t.app.services.fieldCrypto, p, {
      sendTimeoutMs: 0,
      ...opts,
    });
  const outbox = () => t.handle.db.selectFrom('outbox').selectAll().execute();
  const deliveries = () => t.handle.db.selectFrom('outbox_deliveries').selectAll().execute();
  /** These tests follow the booking confirmation: the phone's one-time code (sent first) is left out. */
  const dropPhoneCodes = () =>
    t.handle.db.deleteFrom('outbox').where('template_key', '=', 'appointment.phone_code').execute();
  /** Books `n` appointments (3 per slot, over two days): each enqueues one confirmation. */
  const bookMany = async (n: number) => {
    const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00'];
    const keys: string[] = [];
    for (let i = 0; i < n; i++) {
      const slot = Math.floor(i / 3);
      const start = `2026-11-${19 + (slot % 2)}T${times[Math.floor(slot / 2)]}:00+08:00`;
      const res = await book(t, { matterId: E, start });
      expect(res.statusCode, res.body).toBe(201);
      keys.push(`appointment:${res.json().id}:confirmation`);
    }
    await dropPhoneCodes();
    return keys;
  };

  beforeAll(async () => {
    t = await makeTestApp(backend);
    E = t.demo.matters.E!;
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    t.clock.set(NOW);
    // Start each test with nothing left to send.
    await t.handle.db.deleteFrom('outbox_deliveries').execute();
    await t.handle.db.deleteFrom('outbox').execute();
    await t.handle.db.deleteFrom('slot_bookings').execute();
    await t.handle.db.updateTable('appointments').set({ status: 'cancelled' }).execute();
  });

  it('sends a booking confirmation once, to the phone that booked, with the code', async () => {
    const r = makeResident();
    const a = (await book(t, { matterId: E, start: '2026-11-19T09:00:00+08:00', ...r })).json();
    await dropPhoneCodes();
    const gateway = new RecordingGateway();
    const w = worker(provider(gateway));
    expect(await w.drain()).toMatchObject({ sent: 1 });
    expect(gateway.calls).toEqual([
      {
        phone: r.phone,
        template: 'appointment.confirmation',
        params: {
          hall: '示范政务服务中心',
          matter: '不动产登记',
          date: '2026-11-19',
          time: '09:00',
          code: a.code,
        },
        key: `appointment:${a.id}:confirmation`,
        attempt: 1,
      },
    ]);
    expect(await w.drain()).toMatchObject({ claimed: 0 });
    expect(gateway.calls).toHaveLength(1);
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(JSON.stringify(row)).not.toContain(r.phone);
    expect(await deliveries()).toHaveLength(1);
  });

  it('retries a failing send with exponential backoff and gives up after the last attempt', async () => {
    await bookMany(1);
    const gateway = new RecordingGateway();
    let failures = 2;
    const flaky = provider(gateway, () => {
      if (failures-- > 0) throw new Error('gateway busy for 13912345678');
    });
    const w = worker(flaky, { backoffBaseSeconds: 30 });
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    let [row] = await outbox();
    expect(row!.last_error).toBe('gateway busy for 139****5678');
    expect(new Date(row!.next_attempt_at).getTime() - NOW.getTime()).toBe(30_000);
    expect(await w.runOnce()).toMatchObject({ claimed: 0 }); // not due yet
    t.clock.advance(0.5);
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    [row] = await outbox();
    expect(new Date(row!.next_attempt_at).getTime() - t.clock.now().getTime()).toBe(60_000);
    t.clock.advance(1);
    expect(await w.runOnce()).toMatchObject({ sent: 1 });
    expect(gateway.calls).toHaveLength(1);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 3 });

    await bookMany(1);
    const down = worker(
      provider(gateway, () => {
        throw new Error('down');
      }),
      { maxAttempts: 2, backoffBaseSeconds: 1 },
    );
    expect(await down.runOnce()).toMatchObject({ retried: 1 });
    t.clock.advance(1);
    expect(await down.runOnce()).toMatchObject({ failed: 1 });
    t.clock.advance(60);
    expect(await down.runOnce()).toMatchObject({ claimed: 0 });
    expect((await outbox()).filter((r) => r.status === 'failed')).toHaveLength(1);
  });

  it('sends each message exactly once when a worker stops between claim and record', async () => {
    const keys = await bookMany(10);
    const gateway = new RecordingGateway();
    let first: NotificationWorker | null = null;
    // After its 4th send the first worker "crashes": the rest of its batch stays claimed.
    first = worker(provider(gateway, undefined, (n) => (n === 4 ? first!.stop() : undefined)));
    expect(await first.runOnce()).toMatchObject({ claimed: 10, sent: 4 });
    const restarted = worker(provider(gateway));
    expect(await restarted.drain()).toMatchObject({ claimed: 0 }); // still leased
    t.clock.advance(3);
    expect(await restarted.drain()).toMatchObject({ sent: 6 });
    expect([...gateway.callsPerKey().entries()].sort()).toEqual(keys.map((k) => [k, 1]).sort());
    expect((await outbox()).every((r) => r.status === 'sent')).toBe(true);
    expect(await deliveries()).toHaveLength(10);
  });

  it('delivers each message once when a worker dies after the gateway accepted, before the record', async () => {
    const keys = await bookMany(10);
    const gateway = new RecordingGateway();
    // The third message reaches the gateway, then the process "dies" (the call never returns).
    const dying = worker(provider(gateway, undefined, (n) => (n === 3 ? never() : undefined)));
    void dying.runOnce();
    await expect.poll(() => gateway.calls.length).toBe(3);
    const stuck = gateway.calls[2]!.key;
    t.clock.advance(3);
    const restarted = worker(provider(gateway));
    expect(await restarted.drain()).toMatchObject({ sent: 8 });
    // The one message in flight at the crash was offered again with the same key, and the
    // gateway delivered it once; nothing else was sent twice.
    const perKey = gateway.callsPerKey();
    expect(perKey.get(stuck)).toBe(2);
    expect([...perKey.entries()].filter(([k]) => k !== stuck).every(([, n]) => n === 1)).toBe(true);
    expect([...gateway.delivered.keys()].sort()).toEqual([...keys].sort());
    expect(await deliveries()).toHaveLength(10);
    expect((await outbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('never sends a message twice with two workers running at once', async () => {
    const keys = await bookMany(20);
    const gateway = new RecordingGateway();
    const slow = () => provider(gateway, () => new Promise((r) => setTimeout(r, 5)));
    const [a, b] = await Promise.all([
      worker(slow(), { batchSize: 4 }).drain(),
      worker(slow(), { batchSize: 4 }).drain(),
    ]);
    expect(a.sent + b.sent).toBe(20);
    expect(gateway.calls).toHaveLength(20);
    expect(new Set(gateway.calls.map((c) => c.key))).toEqual(new Set(keys));
  });

  it('reminds each booking once, on the day before from the reminder time', async () => {
    const deps = {
      db: t.handle.db,
      clock: t.clock,
      halls: t.app.services.halls,
      schedule: t.app.services.schedule,
    };
    const early = (await book(t, { matterId: E, start: '2026-11-19T14:00:00+08:00' })).json();
    const dayAfter = (await book(t, { matterId: E, start: '2026-11-20T14:00:00+08:00' })).json();
    t.clock.set(shanghai('2026-11-18T15:59'));
    expect(await enqueueReminders(deps, t.demo.hallId)).toBe(0);
    t.clock.set(shanghai('2026-11-18T16:00'));
    expect(await enqueueReminders(deps, t.demo.hallId)).toBe(1);
    t.clock.set(shanghai('2026-11-18T16:30'));
    const late = (await book(t, { matterId: E, start: '2026-11-19T14:30:00+08:00' })).json();
    expect(await enqueueReminders(deps, t.demo.hallId)).toBe(0);
    const reminders = (await outbox()).filter((r) => r.template_key === 'appointment.reminder');
    expect(reminders.map((r) => r.appointment_id)).toEqual([early.id]);
    expect(reminders.map((r) => r.appointment_id)).not.toContain(late.id);
    expect(reminders.map((r) => r.appointment_id)).not.toContain(dayAfter.id);
    const gateway = new RecordingGateway();
    await worker(provider(gateway)).drain();
    t.clock.set(shanghai('2026-11-18T20:00'));
    await enqueueReminders(deps, t.demo.hallId);
    await worker(provider(gateway)).drain();
    expect(gateway.calls.filter((c) => c.template === 'appointment.reminder')).toHaveLength(1);
    expect(gateway.calls.find((c) => c.template === 'appointment.reminder')!.params).toMatchObject({
      date: '2026-11-19',
      time: '14:00',
      code: early.code,
    });
  });

  it('tells a ticket holder who left a phone once when 3 or fewer are ahead', async () => {
    const deps = {
      db: t.handle.db,
      clock: t.clock,
      halls: t.app.services.halls,
      queue: t.app.services.queue,
    };
    const C = t.demo.matters.C!;
    const issued = [];
    for (let i = 0; i < 6; i++) {
      t.clock.advance(1);
      const phone = [0, 4, 5].includes(i) ? { phone: makeResident().phone } : {};
      const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, {
        body: { matterId: C, ...phone },
      });
      expect(res.statusCode, res.body).toBe(201);
      issued.push(res.json());
    }
    expect(await notifyNearFront(deps, t.demo.hallId)).toBe(1); // the first: nobody ahead
    for (const x of issued.slice(1, 3))
      await t.req('POST', `/api/v1/tickets/${x.id}/cancel?token=${x.token}`);
    expect(await notifyNearFront(deps, t.demo.hallId)).toBe(2); // now 2 and 3 ahead
    expect(await notifyNearFront(deps, t.demo.hallId)).toBe(0);
    const gateway = new RecordingGateway();
    await worker(provider(gateway)).drain();
    const nearFront = gateway.calls.filter((c) => c.template === 'ticket.near_front');
    expect(nearFront.map((c) => [c.params.number, c.params.ahead])).toEqual(
      expect.arrayContaining([
        [issued[0].number, 0],
        [issued[4].number, 2],
        [issued[5].number, 3],
      ]),
    );
    expect(nearFront).toHaveLength(3);
  });
});
