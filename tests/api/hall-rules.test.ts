// Issue 13 on the API, on PGlite and PostgreSQL: a calendar that never guesses, weekend and
// evening hours, closed dates, issuing only when it leads somewhere, and every document type.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../server/src/domain/id-number.ts';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import {
  book,
  confirmYear,
  NOTICE_2027,
  putSchedule,
  shanghai,
  shanghaiIso,
  pairKiosk,
} from '../helpers/appointments.ts';

const NOW = shanghai('2026-11-18T10:00'); // a Wednesday
const withCheck = (first17: string) => first17 + idCheckDigit(first17);

describe.each(BACKENDS)('a real hall’s rules on %s', (backend) => {
  let t: TestApp;
  let E: string;
  const hall = () => t.demo.hallId;
  const slotsOf = async (from: string, to = from) => {
    const res = await t.req('GET', `/api/v1/halls/${hall()}/slots?matterId=${E}&from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { start: string; date: string; changeUntil: string }[];
  };
  const issue = (matterId = E) => t.req('POST', `/api/v1/halls/${hall()}/tickets`, { body: { matterId } });

  beforeAll(async () => {
    t = await makeTestApp(backend);
    E = t.demo.matters.E!;
    await putSchedule(t, { matters: [{ matterId: E, horizonDays: 10 }] });
  });
  afterAll(async () => t?.close());
  afterEach(() => t.clock.set(NOW));

  it('books nothing in a year the calendar does not know until an admin confirms its notice', async () => {
    t.clock.set(shanghai('2026-12-28T10:00'));
    const before = await slotsOf('2026-12-28', '2027-01-15');
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s.date <= '2026-12-31')).toBe(true);
    const refused = await book(t, { matterId: E, start: '2027-01-04T10:00:00+08:00' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CALENDAR_NOT_CONFIRMED');
    expect((await t.req('GET', `/api/v1/halls/${hall()}/schedule`)).json().unknownYears).toEqual([2027]);

    // A notice that misses a statutory day is refused, with what is wrong.
    const admin = await t.login('admin');
    const bad = await t.req('PUT', '/api/v1/calendar/years/2027/notice', {
      cookie: admin,
      body: { ...NOTICE_2027, daysOff: NOTICE_2027.daysOff.slice(1), confirm: true },
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('CALENDAR_INCONSISTENT');
    expect(bad.json().error.details).toContainEqual(
      expect.objectContaining({ code: 'fixed_holiday_missing', date: '2027-01-01' }),
    );
    const manager = await t.login('manager');
    expect((await t.req('POST', '/api/v1/calendar/years/2027/confirm', { cookie: manager })).statusCode).toBe(
      403,
    );

    await confirmYear(t, 2027);
    const years = (await t.req('GET', '/api/v1/calendar/years')).json().years;
    expect(years).toContainEqual(expect.objectContaining({ year: 2027, source: 'confirmed', problems: [] }));
    expect((await t.req('GET', `/api/v1/halls/${hall()}/schedule`)).json().unknownYears).toEqual([]);
    const after = await slotsOf('2026-12-28', '2027-01-15');
    expect(after.some((s) => s.date === '2027-01-04')).toBe(true);
    expect(after.some((s) => s.date === '2027-01-01')).toBe(false);
    expect((await book(t, { matterId: E, start: '2027-01-04T10:00:00+08:00' })).statusCode).toBe(201);
  });

  it('opens on a Saturday and on an evening with slots, and closes on a closed date', async () => {
    await putSchedule(t, {
      hours: {
        1: { open: '09:00', close: '17:00' },
        2: { open: '09:00', close: '17:00' },
        3: { open: '09:00', close: '17:00' },
        4: { open: '09:00', close: '17:00' },
        5: { open: '09:00', close: '17:00' },
        6: { open: '09:00', close: '12:00' },
        7: null,
      },
      dateHours: { '2026-11-19': { open: '09:00', close: '19:00' } },
      closedDates: ['2026-11-20'],
    });
    const saturday = await slotsOf('2026-11-21');
    expect(saturday.map((s) => s.start.slice(11, 16))).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
    expect((await book(t, { matterId: E, start: '2026-11-21T09:00:00+08:00' })).statusCode).toBe(201);
    const evening = await slotsOf('2026-11-19');
    expect(evening.at(-1)!.start).toBe(shanghaiIso('2026-11-19T18:30'));
    expect(await slotsOf('2026-11-20')).toEqual([]);
    // Every slot says when it can no longer be changed (120 minutes before, by default).
    expect(evening[0]!.changeUntil).toBe(shanghaiIso('2026-11-19T07:00'));

    // Walk-ins follow the same hours: a Saturday morning yes, the closed date no.
    t.clock.set(shanghai('2026-11-21T10:00'));
    expect((await issue()).statusCode).toBe(201);
    t.clock.set(shanghai('2026-11-20T10:00'));
    const closed = await issue();
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('HALL_CLOSED');
    expect(closed.json().error.details[0].nextOpening).toBe(shanghaiIso('2026-11-21T09:00'));
    t.clock.set(shanghai('2026-11-19T18:00'));
    expect((await issue()).statusCode).toBe(201); // 延时服务 until 19:00, last ticket 18:30
  });

  it('refuses walk-in tickets outside hours and for a matter no counter serves, with clear codes', async () => {
    t.clock.set(shanghai('2026-11-18T03:00'));
    const night = await issue();
    expect(night.statusCode).toBe(409);
    expect(night.json().error).toMatchObject({ code: 'HALL_CLOSED' });
    expect(night.json().error.details[0]).toMatchObject({
      reason: 'closed',
      nextOpening: shanghaiIso('2026-11-18T09:00'),
    });
    t.clock.set(shanghai('2026-11-18T16:45'));
    const late = await issue();
    expect(late.json().error).toMatchObject({ code: 'ISSUING_CLOSED' });
    expect(late.json().error.details[0]).toMatchObject({ reason: 'after_last_ticket', lastTicket: '16:30' });

    t.clock.set(NOW);
    const manager = await t.login('manager');
    const matter = (
      await t.req('POST', `/api/v1/halls/${hall()}/matters`, {
        cookie: manager,
        body: { code: 'unserved', name: '无人办理', prefix: 'U' },
      })
    ).json();
    const unserved = await issue(matter.id);
    expect(unserved.statusCode).toBe(409);
    expect(unserved.json().error.code).toBe('MATTER_UNSERVED');
    const a = (await t.req('GET', `/api/v1/halls/${hall()}/availability`)).json().matters;
    expect(a.find((m: { matterId: string }) => m.matterId === matter.id)).toMatchObject({
      available: false,
      reason: 'unserved',
    });
    expect(a.find((m: { matterId: string }) => m.matterId === E)).toMatchObject({
      available: true,
      reason: null,
    });
  });

  const DOCUMENTS = [
    { documentType: 'resident_id', idNumber: withCheck('11010519800101123') },
    { documentType: 'residence_permit', idNumber: withCheck('82000019900202004') },
    { documentType: 'foreign_permanent', idNumber: withCheck('93184019850303005') },
    { documentType: 'foreign_permanent', idNumber: 'USA318504040012' },
    { documentType: 'hk_macau_permit', idNumber: 'M87654321' },
    { documentType: 'tw_permit', idNumber: '87654321' },
    { documentType: 'passport', idNumber: 'P1234567', nationality: 'DE' },
  ];

  it.each(
    DOCUMENTS.map((doc, i) => ({
      doc,
      at: ['09', '10', '11', '14', '15', '16', '16'][i]! + (i === 6 ? ':30' : ':00'),
    })),
  )('books and checks in with $doc.documentType $doc.idNumber', async ({ doc, at }) => {
    const booked = await book(t, {
      matterId: E,
      start: `2026-11-24T${at}:00+08:00`,
      phone: '+852 9123 4567',
      ...doc,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ documentType: doc.documentType, phone: '+852****4567' });
    expect(booked.json().idNumber).not.toBe(doc.idNumber);
    // The same document and phone count as the same person (one booking per matter and day).
    const again = await book(t, {
      matterId: E,
      start: '2026-11-24T10:30:00+08:00',
      phone: '+852 9123 4567',
      ...doc,
    });
    expect(again.json().error.code).toBe('DUPLICATE_BOOKING');
    t.clock.set(new Date(new Date(`2026-11-24T${at}:00+08:00`).getTime() - 15 * 60_000));
    const ticket = await t.req('POST', `/api/v1/halls/${hall()}/check-in`, {
      body: doc,
      headers: await pairKiosk(t, hall()),
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(ticket.json()).toMatchObject({ class: 'appointment', appointmentId: booked.json().id });
  });

  it('refuses a document with the wrong format, naming the document', async () => {
    const res = await book(t, {
      matterId: E,
      start: '2026-11-25T10:00:00+08:00',
      documentType: 'hk_macau_permit',
      idNumber: '12345',
    } as never);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Hong Kong and Macao');
  });
});
