import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueReminders } from '../../server/src/appointments/appointment-jobs.ts';
import { notifyNearFront } from '../../server/src/notifications/near-front.ts';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeResident, pairKiosk, shanghai, textedCode, withBadCheckDigit } from '../helpers/appointments.ts';

// Personal data (DESIGN: Privacy): the raw ID number and phone never appear in an answer, a log
// line, a hall event or a database column; names only masked.
describe.each(BACKENDS)('appointment privacy on %s', (backend) => {
  let t: TestApp;
  const lines: string[] = [];
  const answers: string[] = [];
  const resident = makeResident();
  // The same phone as a resident types it: with country code, spaces and dashes.
  const typedPhone = `+86 ${resident.phone.slice(0, 3)}-${resident.phone.slice(3, 7)}-${resident.phone.slice(7)}`;

  const req = async (...args: Parameters<TestApp['req']>): Promise<LightMyRequestResponse> => {
    const res = await t.req(...args);
    answers.push(res.body);
    return res;
  };

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await makeTestApp(backend, { logStream });
  });
  afterAll(async () => t?.close());

  it('never shows or logs the raw ID number, phone or name, anywhere along a booking’s life', async () => {
    const E = t.demo.matters.E!;
    const hall = t.demo.hallId;
    const body = { matterId: E, name: resident.name, idNumber: resident.idNumber, phone: typedPhone };
    const bad = await req('POST', `/api/v1/halls/${hall}/appointments`, {
      body: { ...body, start: '2026-11-19T09:00:00+08:00', idNumber: withBadCheckDigit(resident.idNumber) },
    });
    expect(bad.statusCode).toBe(400);
    const booked = await req('POST', `/api/v1/halls/${hall}/appointments`, {
      body: { ...body, start: '2026-11-19T09:00:00+08:00' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const a = booked.json();
    expect(
      (
        await req('POST', `/api/v1/appointments/${a.id}/confirm-phone`, {
          headers: { 'x-holder-token': a.token },
          body: { code: await textedCode(t, a.id) },
        })
      ).statusCode,
    ).toBe(200);
    const dup = await req('POST', `/api/v1/halls/${hall}/appointments`, {
      body: { ...body, start: '2026-11-19T10:00:00+08:00' },
    });
    expect(dup.json().error.code).toBe('DUPLICATE_BOOKING');
    await req('GET', `/api/v1/appointments/${a.id}?token=${a.token}`);
    const staff = await t.login('clerk1');
    await req('GET', `/api/v1/halls/${hall}/appointments?date=2026-11-19`, { cookie: staff });
    await req('POST', `/api/v1/appointments/${a.id}/reschedule?token=${a.token}`, {
      body: { start: '2026-11-19T09:30:00+08:00' },
    });
    await req('POST', `/api/v1/halls/${hall}/tickets`, {
      body: { matterId: t.demo.matters.F, phone: typedPhone },
    });
    const deps = {
      db: t.handle.db,
      clock: t.clock,
      halls: t.app.services.halls,
      schedule: t.app.services.schedule,
    };
    t.clock.set(shanghai('2026-11-18T16:00'));
    await enqueueReminders(deps, hall);
    await notifyNearFront({ ...deps, queue: t.app.services.queue }, hall);
    t.clock.set(shanghai('2026-11-19T09:10'));
    const checkedIn = await req('POST', `/api/v1/halls/${hall}/check-in`, {
      headers: await pairKiosk(t),
      body: { idNumber: resident.idNumber },
    });
    expect(checkedIn.statusCode, checkedIn.body).toBe(201);
    // The default provider writes each message to the log.
    const sent = await t.app.services.notifications.drain();
    expect(sent.sent).toBe(5); // phone code, confirmation, change, reminder, "3 ahead"

    const log = lines.join('');
    expect(log).toContain('notification sent');
    expect(log).toContain(`${resident.phone.slice(0, 3)}****${resident.phone.slice(-4)}`);
    const secrets = [resident.idNumber, resident.phone, resident.name, typedPhone];
    for (const secret of secrets) {
      expect(log, 'log').not.toContain(secret);
      for (const answer of answers) expect(answer).not.toContain(secret);
    }
    // The booking code lets anyone check in: not in the log either.
    // (as a number of its own: a timestamp may contain any six digits)
    expect(log).not.toMatch(new RegExp(`(?<!\\d)${a.code}(?!\\d)`));

    const events = await t.handle.db.selectFrom('hall_events').select('data').execute();
    const eventText = JSON.stringify(events);
    expect(eventText).toContain(a.id);
    for (const secret of [...secrets, a.code, a.name, a.idNumber, a.phone])
      expect(eventText).not.toContain(secret);

    for (const table of ['appointments', 'tickets', 'outbox', 'outbox_deliveries'] as const) {
      const rows = JSON.stringify(await t.handle.db.selectFrom(table).selectAll().execute());
      for (const secret of secrets) expect(rows, table).not.toContain(secret);
    }
  });
});
