import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, secondProcess, type TestApp } from '../helpers/app.ts';
import { makeResident, putSchedule } from '../helpers/appointments.ts';

// Each process keeps its halls' booking contexts in memory (issue 19). Two app instances on one
// PostgreSQL, as two server processes: a schedule or matter change made through one must reach
// the other's next booking (the hall event log's NOTIFY drops the other's copy).
describe('booking contexts cached per process', () => {
  let a: TestApp;
  let second: Awaited<ReturnType<typeof secondProcess>>;
  let b: Awaited<ReturnType<typeof secondProcess>>['app'];
  let D: string;

  beforeAll(async () => {
    a = await makeTestApp('postgres');
    D = a.demo.matters.D!;
    await putSchedule(a, {
      matters: [{ matterId: D, bookable: true, perSlot: 5, walkInShare: 0, horizonDays: 10 }],
    });
    second = await secondProcess(a);
    b = second.app;
  });
  afterAll(async () => {
    await second?.close();
    await a?.close();
  });

  const bookOnB = (start: string) =>
    b.inject({
      method: 'POST',
      url: `/api/v1/halls/${a.demo.hallId}/appointments`,
      payload: { ...makeResident(), matterId: D, start },
    });

  /** Waits until instance B has heard every event of the hall committed so far (no fixed sleep). */
  const bHeardAll = async () => {
    const row = await a.handle.db
      .selectFrom('halls')
      .select('event_seq')
      .where('id', '=', a.demo.hallId)
      .executeTakeFirstOrThrow();
    while (b.services.publisher.deliveredSeq(a.demo.hallId) < row.event_seq) {
      await new Promise<void>((resolve) => b.services.publisher.onEvent(() => resolve()));
    }
  };

  it('sees a day closed through instance A on its next booking', async () => {
    // B books (and so caches the context) on two days.
    expect((await bookOnB('2026-11-19T10:00:00+08:00')).statusCode).toBe(201);
    expect((await bookOnB('2026-11-20T10:00:00+08:00')).statusCode).toBe(201);
    await putSchedule(a, { closedDates: ['2026-11-20'] });
    await bHeardAll();
    const refused = await bookOnB('2026-11-20T10:30:00+08:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SLOT_UNAVAILABLE');
    expect((await bookOnB('2026-11-19T10:30:00+08:00')).statusCode).toBe(201);
  });

  it('sees a matter made unbookable and new slot settings through instance A', async () => {
    await putSchedule(a, { matters: [{ matterId: D, slotMinutes: 60 }] });
    await bHeardAll();
    // 10:30 is no slot start with one-hour slots.
    expect((await bookOnB('2026-11-23T10:30:00+08:00')).json().error.code).toBe('SLOT_UNAVAILABLE');
    expect((await bookOnB('2026-11-23T10:00:00+08:00')).statusCode).toBe(201);
    await putSchedule(a, { matters: [{ matterId: D, bookable: false }] });
    await bHeardAll();
    expect((await bookOnB('2026-11-23T11:00:00+08:00')).json().error.code).toBe('NOT_BOOKABLE');
  });
});
