// Issue 16, finding 5: someone else's ID number could block and reveal a resident. Three
// bookings under another name with the victim's ID made the victim's own booking fail, two
// missed ones blocked them for 90 days, check-in by ID answered with the booking's time from
// anywhere, DUPLICATE_BOOKING named matter and day, and 6-digit codes could be guessed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markNoShows } from '../../server/src/appointments/appointment-jobs.ts';
import { releaseUnconfirmed } from '../../server/src/appointments/phone-confirmation.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import {
  book,
  confirmPhone,
  makeResident,
  putSchedule,
  shanghai,
  textedCode,
} from '../helpers/appointments.ts';

describe('a stranger who knows my ID number', () => {
  let t: TestApp;
  let D: string;
  let E: string;
  const url = () => `/api/v1/halls/${t.demo.hallId}/appointments`;
  const jobDeps = () => ({
    db: t.handle.db,
    clock: t.clock,
    halls: t.app.services.halls,
    schedule: t.app.services.schedule,
  });

  beforeAll(async () => {
    t = await makeTestApp('pglite');
    D = t.demo.matters.D!;
    E = t.demo.matters.E!;
    await putSchedule(t, {
      matters: [
        { matterId: E, horizonDays: 10, minNoticeMinutes: 60 },
        { matterId: D, bookable: true, perSlot: 1, walkInShare: 0, horizonDays: 10, minNoticeMinutes: 60 },
      ],
    });
  });
  afterAll(async () => t?.close());

  it('cannot use up my active bookings with their own phone, even confirmed', async () => {
    const me = makeResident();
    const stranger = { ...makeResident(), idNumber: me.idNumber };
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26']) {
      const res = await book(t, { matterId: E, start: `${day}T09:00:00+08:00`, ...stranger });
      expect(res.statusCode, res.body).toBe(201);
    }
    const mine = await book(t, { matterId: E, start: '2026-11-27T09:00:00+08:00', ...me });
    expect(mine.statusCode, mine.body).toBe(201);
    // …and not the same day's booking of a matter either.
    const sameDay = await book(t, { matterId: E, start: '2026-11-24T10:00:00+08:00', ...me });
    expect(sameDay.statusCode, sameDay.body).toBe(201);
  });

  it('cannot use up my bookings with my phone either: unconfirmed bookings do not count', async () => {
    const me = makeResident();
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26']) {
      const res = await book(t, { matterId: D, start: `${day}T14:00:00+08:00`, ...me }, undefined, {
        confirm: false,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ phoneConfirmed: false });
    }
    const mine = await book(t, { matterId: D, start: '2026-11-27T14:00:00+08:00', ...me });
    expect(mine.statusCode, mine.body).toBe(201);
  });

  it('cannot have me blocked by missing bookings made under my ID number', async () => {
    const me = makeResident();
    const stranger = { ...makeResident(), idNumber: me.idNumber };
    await book(t, { matterId: D, start: '2026-11-19T16:00:00+08:00', ...stranger });
    await book(t, { matterId: D, start: '2026-11-20T16:00:00+08:00', ...stranger });
    t.clock.set(shanghai('2026-11-20T16:30'));
    try {
      await markNoShows(jobDeps(), t.demo.hallId);
      const blocked = await book(t, { matterId: D, start: '2026-11-24T16:00:00+08:00', ...stranger });
      expect(blocked.json().error?.code).toBe('BOOKING_BLOCKED');
      const mine = await book(t, { matterId: D, start: '2026-11-24T16:00:00+08:00', ...me });
      expect(mine.statusCode, mine.body).toBe(201);
    } finally {
      t.clock.set(new Date('2026-11-18T02:00:00Z'));
    }
  });

  it('answers a duplicate without naming the matter or the day', async () => {
    const me = makeResident();
    await book(t, { matterId: E, start: '2026-11-30T09:00:00+08:00', ...me });
    const dup = await t.req('POST', url(), {
      body: { matterId: E, start: '2026-11-30T09:30:00+08:00', ...me },
    });
    expect(dup.json().error.code).toBe('DUPLICATE_BOOKING');
    expect(dup.json().error.message).not.toContain('2026-11-30');
    expect(dup.json().error.message).not.toMatch(/[\u4e00-\u9fff]/); // no matter name
  });

  it('cannot check in my booking or learn its time from afar with my ID number', async () => {
    const me = makeResident();
    await book(t, { matterId: E, start: '2026-11-18T15:00:00+08:00', ...me });
    const remote = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/check-in`, {
      body: { idNumber: me.idNumber },
    });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.code).toBe('CHECK_IN_DEVICE_REQUIRED');
    expect(remote.body).not.toContain('15:00');
    // At a paired kiosk of the hall the resident with the card gets an answer, without the time.
    const manager = await t.login('manager');
    const kiosk = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/devices`, {
      cookie: manager,
      body: { kind: 'kiosk', name: '1号自助机' },
    });
    expect(kiosk.statusCode, kiosk.body).toBe(201);
    const early = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/check-in`, {
      headers: { 'x-device-token': kiosk.json().token },
      body: { idNumber: me.idNumber },
    });
    expect(early.json().error.code).toBe('CHECK_IN_TOO_EARLY');
    expect(early.body).not.toContain('15:00');
    expect(early.body).not.toContain('T07:00'); // the UTC form of 15:00 in Beijing
  });

  it('cannot guess a booking code at the kiosk', async () => {
    const a = (await book(t, { matterId: E, start: '2026-12-01T09:00:00+08:00' })).json();
    expect(a.code).toMatch(/^\d{10}$/);
  });
});

describe('confirming a booking’s phone', () => {
  let t: TestApp;
  let E: string;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    E = t.demo.matters.E!;
    const D = t.demo.matters.D!;
    await putSchedule(t, {
      matters: [
        { matterId: E, horizonDays: 10, minNoticeMinutes: 60 },
        { matterId: D, bookable: true, perSlot: 1, walkInShare: 0, horizonDays: 10, minNoticeMinutes: 60 },
      ],
    });
  });
  afterAll(async () => t?.close());

  it('texts a code through the outbox and confirms with it once', async () => {
    const res = await book(t, { matterId: E, start: '2026-11-24T09:00:00+08:00' }, undefined, {
      confirm: false,
    });
    const a = res.json();
    expect(a).toMatchObject({ phoneConfirmed: false });
    expect(a.confirmBy).toBeTruthy();
    const ok = await confirmPhone(t, a.id, a.token, await textedCode(t, a.id));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ phoneConfirmed: true, confirmBy: null });
    const confirmations = await t.handle.db
      .selectFrom('outbox')
      .select('template_key')
      .where('appointment_id', '=', a.id)
      .execute();
    expect(confirmations.map((r) => r.template_key).sort()).toEqual([
      'appointment.confirmation',
      'appointment.phone_code',
    ]);
  });

  it('allows five tries, then refuses even the right code', async () => {
    const a = (
      await book(t, { matterId: E, start: '2026-11-25T09:00:00+08:00' }, undefined, { confirm: false })
    ).json();
    const code = await textedCode(t, a.id);
    const wrong = code === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await confirmPhone(t, a.id, a.token, wrong)).json().error.code);
    expect(codes).toEqual([...Array(4).fill('CONFIRMATION_CODE_WRONG'), 'CONFIRMATION_LOCKED']);
    const right = await confirmPhone(t, a.id, a.token, code);
    expect(right.json().error.code).toBe('CONFIRMATION_LOCKED');
  });

  it('needs the booking’s token', async () => {
    const a = (
      await book(t, { matterId: E, start: '2026-11-26T09:00:00+08:00' }, undefined, { confirm: false })
    ).json();
    const res = await t.req('POST', `/api/v1/appointments/${a.id}/confirm-phone`, {
      body: { code: await textedCode(t, a.id) },
    });
    expect(res.statusCode).toBe(401);
  });

  it('releases a booking whose phone was not confirmed in time, and frees its place', async () => {
    const start = '2026-11-27T09:00:00+08:00';
    const slots = async () =>
      (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/slots?matterId=${E}&from=2026-11-27&to=2026-11-27`))
        .json()
        .find((s: { start: string }) => new Date(s.start).getTime() === new Date(start).getTime()).available;
    const before = await slots();
    const a = (await book(t, { matterId: E, start }, undefined, { confirm: false })).json();
    expect(await slots()).toBe(before - 1);
    expect(await releaseUnconfirmed(t.handle.db, t.demo.hallId, t.clock.now())).toBe(0);
    const later = new Date(t.clock.now().getTime() + 31 * 60_000);
    expect(await releaseUnconfirmed(t.handle.db, t.demo.hallId, later)).toBeGreaterThanOrEqual(1);
    expect(await slots()).toBe(before);
    const seen = await t.req('GET', `/api/v1/appointments/${a.id}`, {
      headers: { 'x-holder-token': a.token },
    });
    expect(seen.json().status).toBe('cancelled');
    const late = await confirmPhone(t, a.id, a.token, await textedCode(t, a.id));
    expect(late.json().error.code).toBe('INVALID_TRANSITION');
  });
});
