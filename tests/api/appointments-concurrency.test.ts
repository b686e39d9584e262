import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { book, makeResident, putSchedule, shanghai } from '../helpers/appointments.ts';

// Races need a real server: PGlite has one connection and serializes everything.
describe('appointments under concurrency on postgres', () => {
  let t: TestApp;
  let D: string;

  beforeAll(async () => {
    t = await makeTestApp('postgres', { poolSize: 40 });
    D = t.demo.matters.D!;
    await putSchedule(t, {
      matters: [{ matterId: D, bookable: true, perSlot: 5, walkInShare: 0, horizonDays: 10 }],
    });
  });
  afterAll(async () => t?.close());

  /** Per slot of D: booked appointments, and the counter the bookings maintain. */
  const ledger = async () => {
    const rows = await sql<{ start: Date; appointments: number; booked: number }>`
      select s.slot_start as start, s.booked,
             (select count(*)::int from appointments a
               where a.matter_id = s.matter_id and a.slot_start = s.slot_start and a.status = 'booked') as appointments
      from slot_bookings s where s.matter_id = ${D} order by s.slot_start
    `.execute(t.handle.db);
    return rows.rows;
  };

  it('lets exactly 5 of 300 simultaneous bookings into a slot of 5', async () => {
    const start = '2026-11-19T10:00:00+08:00';
    const answers = await Promise.all(Array.from({ length: 300 }, () => book(t, { matterId: D, start })));
    const codes = answers.map((r) => (r.statusCode === 201 ? 'ok' : r.json().error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(5);
    expect(codes.filter((c) => c === 'SLOT_FULL')).toHaveLength(295);
    const [slot] = (await ledger()).filter(
      (r) => r.start.getTime() === shanghai('2026-11-19T10:00').getTime(),
    );
    expect(slot).toMatchObject({ booked: 5, appointments: 5 });
    const okCodes = answers.filter((r) => r.statusCode === 201).map((r) => r.json().code);
    expect(new Set(okCodes).size).toBe(5);
  });

  it('gives one booking to the same person booking twice at once', async () => {
    const r = makeResident();
    const sameSlot = await Promise.all(
      Array.from({ length: 2 }, () => book(t, { matterId: D, start: '2026-11-20T09:00:00+08:00', ...r })),
    );
    expect(sameSlot.map((x) => x.statusCode).sort()).toEqual([201, 409]);
    expect(sameSlot.find((x) => x.statusCode === 409)!.json().error.code).toBe('DUPLICATE_BOOKING');

    const other = makeResident();
    const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00'];
    const sameDay = await Promise.all(
      times.map((time) => book(t, { matterId: D, start: `2026-11-23T${time}:00+08:00`, ...other })),
    );
    expect(sameDay.filter((x) => x.statusCode === 201)).toHaveLength(1);
    expect(
      sameDay.filter((x) => x.statusCode === 409).every((x) => x.json().error.code === 'DUPLICATE_BOOKING'),
    ).toBe(true);
    for (const row of await ledger()) expect(row.booked).toBe(row.appointments);
  });

  it('keeps the per-person limit when one person books several days at once', async () => {
    const r = makeResident();
    const days = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01'];
    const answers = await Promise.all(
      days.map((d) => book(t, { matterId: D, start: `${d}T15:00:00+08:00`, ...r })),
    );
    expect(answers.filter((x) => x.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((x) => x.statusCode === 409).map((x) => x.json().error.code)).toEqual(
      Array(3).fill('TOO_MANY_BOOKINGS'),
    );
  });

  it('never lets concurrent reschedules push a slot past capacity', async () => {
    const slots = ['09:00', '09:30', '10:00', '10:30'].map((time) => `2026-11-27T${time}:00+08:00`);
    const instants = slots.map((s) => new Date(s).getTime());
    const made: { id: string; token: string; start: string }[] = [];
    for (const [i, n] of [5, 5, 2, 0].entries()) {
      for (let k = 0; k < n; k++) made.push((await book(t, { matterId: D, start: slots[i]! })).json());
    }
    expect(made).toHaveLength(12);
    // Everyone into the empty slot at once: exactly its 5 places are taken.
    const rush = await Promise.all(
      made.map((a) =>
        t.req('POST', `/api/v1/appointments/${a.id}/reschedule?token=${a.token}`, {
          body: { start: slots[3] },
        }),
      ),
    );
    expect(rush.filter((x) => x.statusCode === 200)).toHaveLength(5);
    expect(rush.filter((x) => x.statusCode !== 200).every((x) => x.json().error.code === 'SLOT_FULL')).toBe(
      true,
    );
    // Then rounds of everyone moving somewhere else at once, crossing each other.
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        made.map((a, i) => {
          const target = slots[(i + round + 1) % slots.length]!;
          return t.req('POST', `/api/v1/appointments/${a.id}/reschedule?token=${a.token}`, {
            body: { start: target },
          });
        }),
      );
      const rows = (await ledger()).filter((r) => instants.includes(r.start.getTime()));
      expect(rows).toHaveLength(4);
      for (const row of rows) {
        expect(row.booked).toBe(row.appointments);
        expect(row.booked).toBeLessThanOrEqual(5);
      }
      expect(rows.reduce((sum, r) => sum + r.booked, 0)).toBe(12);
    }
  });

  it('gives one ticket when a booking is checked in twice at once', async () => {
    const a = (await book(t, { matterId: D, start: '2026-11-19T14:00:00+08:00' })).json();
    t.clock.set(shanghai('2026-11-19T13:50'));
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.req('POST', `/api/v1/halls/${t.demo.hallId}/check-in`, { body: { code: a.code } }),
        ),
      );
      expect(answers.filter((x) => x.statusCode === 201)).toHaveLength(1);
      expect(
        answers
          .filter((x) => x.statusCode === 409)
          .every((x) => x.json().error.code === 'ALREADY_CHECKED_IN'),
      ).toBe(true);
      const tickets = await t.handle.db
        .selectFrom('tickets')
        .select('id')
        .where('appointment_id', '=', a.id)
        .execute();
      expect(tickets).toHaveLength(1);
    } finally {
      t.clock.set(shanghai('2026-11-18T10:00'));
    }
  });
});
