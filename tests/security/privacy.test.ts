import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeResident } from '../helpers/appointments.ts';
import { findPersonalData } from '../helpers/privacy.ts';

describe('the privacy scanner', () => {
  it('finds raw ID and mobile numbers and lets masked ones pass', () => {
    expect(findPersonalData('{"idNumber":"11010519491231002X"}')).toMatch(/ID number/);
    expect(findPersonalData('phone 13912345678 here')).toMatch(/mobile/);
    expect(findPersonalData('{"idNumber":"110***********002X","phone":"139****5678"}')).toBeNull();
    expect(findPersonalData('{"time":1795307431980,"id":"3aa909b6-0527-475d-bd41-c0a577ff76f5"}')).toBeNull();
  });
});

describe('personal data of a booking', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('is masked in every answer, encrypted or hashed at rest, and absent from the logs', async () => {
    const resident = makeResident();
    const matterId = t.demo.matters.E!;
    const slots = (
      await t.req(
        'GET',
        `/api/v1/halls/${t.demo.hallId}/slots?matterId=${matterId}&from=2026-11-19&to=2026-11-25`,
      )
    ).json();
    const slot = slots.find((s: { available: number }) => s.available > 0);
    expect(slot).toBeDefined();
    const booked = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/appointments`, {
      body: { matterId, start: slot.start, ...resident },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const a = booked.json();
    expect(a.idNumber).toBe(`${resident.idNumber.slice(0, 3)}***********${resident.idNumber.slice(-4)}`);
    expect(a.phone).toBe(`${resident.phone.slice(0, 3)}****${resident.phone.slice(-4)}`);
    expect(a.name).toMatch(/^.\*+$/);
    const view = await t.req('GET', `/api/v1/appointments/${a.id}?token=${a.token}`);
    expect(view.body).not.toContain(resident.idNumber);
    expect(view.body).not.toContain(resident.phone);

    // at rest: no column of any table holds the raw ID number, phone or full name
    const tables = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
      t.handle.db,
    );
    for (const { name } of tables.rows) {
      const dump = await sql<{
        d: string | null;
      }>`select string_agg(x::text, '|') as d from ${sql.table(name)} x`.execute(t.handle.db);
      const text = dump.rows[0]?.d ?? '';
      expect(text.includes(resident.idNumber), `raw ID in ${name}`).toBe(false);
      expect(text.includes(resident.phone), `raw phone in ${name}`).toBe(false);
      expect(text.includes(resident.name), `full name in ${name}`).toBe(false);
    }
    // the phone can still be read back for notifications
    const row = await t.handle.db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(t.app.services.fieldCrypto.decrypt((row as { phone_enc: string }).phone_enc)).toBe(resident.phone);

    // a ticket holder's phone, too
    const ticket = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, {
      body: { matterId: t.demo.matters.A, phone: resident.phone },
    });
    expect(ticket.body).not.toContain(resident.phone);
    const trow = await t.handle.db
      .selectFrom('tickets')
      .select('phone_enc')
      .where('id', '=', ticket.json().id)
      .executeTakeFirstOrThrow();
    expect(trow.phone_enc).not.toContain(resident.phone);

    expect(t.privacy.lines.length).toBeGreaterThan(0);
    expect(t.privacy.lines.join('\n')).not.toContain(resident.idNumber);
    expect(t.privacy.violations).toEqual([]);
  });

  it('catches a leak when one happens', () => {
    t.privacy.checkAnswer('GET /test', JSON.stringify({ idNumber: makeResident().idNumber }));
    expect(t.privacy.violations).toHaveLength(1);
    t.privacy.violations.length = 0;
  });
});
