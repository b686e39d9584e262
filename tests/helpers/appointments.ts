// Factories for appointment tests: made-up residents with valid ID numbers (never real people's),
// bookings through the API, hall-time instants.
import { idCheckDigit } from '../../server/src/domain/id-number.ts';
import type { TestApp } from './app.ts';

/** A valid 18-digit ID number for a made-up resident: region 110105, `birth` (YYYY-MM-DD), `seq` 0–999. */
export function makeIdNumber(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/** The same number with a wrong check character. */
export function withBadCheckDigit(id: string): string {
  const last = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + last;
}

export interface Resident {
  name: string;
  idNumber: string;
  phone: string;
}

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄'];
let nextResident = 1;

/** A new made-up resident each call (unique ID number and phone within a test run). */
export function makeResident(n = nextResident++): Resident {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10);
  return {
    name: `${SURNAMES[n % SURNAMES.length]}小${'明红华'[n % 3]}`,
    idNumber: makeIdNumber(birth, n % 1000),
    phone: `139${String(n).padStart(8, '0')}`,
  };
}

/** An instant at a Beijing wall-clock time: `shanghai('2026-11-19T10:00')`. */
export const shanghai = (local: string) => new Date(`${local}:00+08:00`);
/** The ISO form the API uses for a Beijing wall-clock time. */
export const shanghaiIso = (local: string) => `${local}:00.000+08:00`;

/**
 * Books, then confirms the phone with the code the outbox holds for it, as the resident would
 * type it from the text message (only a confirmed booking counts toward the person's limits).
 * Answers the booking, or the confirmation's refusal when the limits refused it.
 */
export async function book(
  t: TestApp,
  body: { matterId: string; start: string } & Partial<Resident>,
  hallId = t.demo.hallId,
  opts: { confirm?: boolean } = {},
) {
  const res = await t.req('POST', `/api/v1/halls/${hallId}/appointments`, {
    body: { ...makeResident(), ...body },
  });
  if (res.statusCode !== 201 || opts.confirm === false) return res;
  const a = res.json();
  const confirmed = await confirmPhone(t, a.id, a.token, await textedCode(t, a.id));
  return confirmed.statusCode === 200 ? res : confirmed;
}

/** The one-time code texted for a booking (read from the outbox, as the phone would receive it). */
export async function textedCode(t: TestApp, appointmentId: string): Promise<string> {
  const row = await t.handle.db
    .selectFrom('outbox')
    .select('params')
    .where('appointment_id', '=', appointmentId)
    .where('template_key', '=', 'appointment.phone_code')
    .executeTakeFirstOrThrow();
  const params = (typeof row.params === 'string' ? JSON.parse(row.params) : row.params) as { code: string };
  return params.code;
}

export function confirmPhone(t: TestApp, appointmentId: string, token: string, code: string) {
  return t.req('POST', `/api/v1/appointments/${appointmentId}/confirm-phone`, {
    headers: { 'x-holder-token': token },
    body: { code },
  });
}

/** Pairs a kiosk of the hall as its manager; answers the headers the kiosk sends. */
export async function pairKiosk(t: TestApp, hallId = t.demo.hallId): Promise<Record<string, string>> {
  const cookie = await t.login('manager');
  const res = await t.req('POST', `/api/v1/halls/${hallId}/devices`, {
    cookie,
    body: { kind: 'kiosk', name: `自助机 ${Math.random().toString(36).slice(2, 6)}` },
  });
  if (res.statusCode !== 201) throw new Error(`pairing a kiosk failed: ${res.body}`);
  return { 'x-device-token': res.json().token };
}

/** Saves part of the demo hall's schedule as the manager. */
export async function putSchedule(t: TestApp, body: unknown, hallId = t.demo.hallId) {
  const cookie = await t.login('manager');
  const res = await t.req('PUT', `/api/v1/halls/${hallId}/schedule`, { cookie, body });
  if (res.statusCode !== 200) throw new Error(`PUT schedule failed: ${res.body}`);
  return res.json();
}

/**
 * A made-up national arrangement for 2027 (test data, not the State Council's notice): the
 * statutory days with plausible bridges and two make-up Saturdays. Entered and confirmed by the
 * admin, so 2027 becomes bookable.
 */
export const NOTICE_2027 = {
  daysOff: [
    { from: '2027-01-01', note: '元旦' },
    { from: '2027-02-05', to: '2027-02-11', note: '春节' },
    { from: '2027-04-05', note: '清明节' },
    { from: '2027-05-01', to: '2027-05-05', note: '劳动节' },
    { from: '2027-06-09', note: '端午节' },
    { from: '2027-09-15', note: '中秋节' },
    { from: '2027-10-01', to: '2027-10-07', note: '国庆节' },
  ],
  workdays: [{ date: '2027-02-20' }, { date: '2027-10-09' }],
};

export async function confirmYear(t: TestApp, year: 2027) {
  const cookie = await t.login('admin');
  const res = await t.req('PUT', `/api/v1/calendar/years/${year}/notice`, {
    cookie,
    body: { ...NOTICE_2027, confirm: true },
  });
  if (res.statusCode !== 200) throw new Error(`confirming ${year} failed: ${res.body}`);
  return res.json();
}
