// The hand-computed statistics day of tests/api/stats.test.ts (its comment lists every event),
// driven through the real API on the manual clock; shared with the rollup tests.
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { book, putSchedule, shanghai, shanghaiIso } from './appointments.ts';
import { makeTicket, openCounter, type IssuedTicket } from './queue.ts';
import { act, pairPad, rate, type Clerk } from './ratings.ts';

export const DAY = '2026-11-18';
export const local = (hhmm: string, day = DAY) => shanghai(`${day}T${hhmm}`);

export interface Day {
  t: TestApp;
  tickets: Record<string, IssuedTicket>;
}

export async function generateDay(t: TestApp): Promise<Day> {
  const tickets: Record<string, IssuedTicket> = {};
  const { matters, hallId } = t.demo;

  t.clock.set(local('10:00', '2026-11-17'));
  const codes: Record<string, string> = {};
  for (const [name, slot] of [
    ['E1', '09:00'],
    ['E2', '09:30'],
  ] as const) {
    const res = await book(t, { matterId: matters.E!, start: shanghaiIso(`${DAY}T${slot}`) });
    expect(res.statusCode, res.body).toBe(201);
    codes[name] = res.json().code;
  }

  // The generated day opens early (the hall's 延时服务 hours for that date), so its first
  // walk-ins at 08:00 are issued rather than refused as before opening.
  await putSchedule(t, {
    dateHours: { [DAY]: { open: '08:00', close: '20:00' }, '2026-11-19': { open: '08:00', close: '20:00' } },
  });
  t.clock.set(local('08:00'));
  const c1 = await openCounter(t, 'clerk1', 1);
  const c3 = await openCounter(t, 'clerk2', 3);
  const c6 = await openCounter(t, 'clerk3', 6);
  const pad = await pairPad(t, c1.counterId);

  const at = (hhmm: string) => t.clock.set(local(hhmm));
  const issue = async (name: string) => {
    tickets[name] = await makeTicket(t, name[0]!);
  };
  const checkIn = async (name: string) => {
    const res = await t.req('POST', `/api/v1/halls/${hallId}/check-in`, { body: { code: codes[name] } });
    expect(res.statusCode, res.body).toBe(201);
    tickets[name] = res.json();
  };
  const call = async (c: Clerk, name: string) => {
    const res = await t.req('POST', `/api/v1/counters/${c.counterId}/call`, {
      cookie: c.cookie,
      body: { ticketId: tickets[name]!.id },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const step = (c: Clerk, name: string, action: Parameters<typeof act>[3]) =>
    act(t, c, tickets[name]!.id, action);
  const rated = async (name: string, body: Record<string, unknown>, viaPad = false) => {
    const res = await rate(t, tickets[name]!, body, viaPad ? { token: null, pad } : {});
    expect(res.statusCode, res.body).toBe(201);
  };

  at('08:30');
  await issue('A1');
  await issue('B1');
  at('08:32');
  await call(c3, 'B1');
  at('08:33');
  await step(c3, 'B1', 'start');
  at('08:35');
  await issue('A2');
  at('08:40');
  await issue('B2');
  await call(c1, 'A1');
  at('08:41');
  await step(c1, 'A1', 'start');
  at('08:45');
  await issue('A3');
  at('08:49');
  await step(c1, 'A1', 'finish');
  await rated('A1', { score: 5 });
  at('08:50');
  await checkIn('E1');
  await call(c1, 'A2');
  await step(c1, 'A2', 'start');
  at('08:53');
  await step(c3, 'B1', 'finish');
  at('08:55');
  await call(c3, 'B2');
  await step(c3, 'B2', 'start');
  at('09:00');
  await issue('A4');
  at('09:02');
  await step(c1, 'A2', 'finish');
  await rated('A2', { score: 4 }, true);
  at('09:05');
  await issue('B3');
  await call(c1, 'A3');
  await call(c6, 'E1');
  await step(c6, 'E1', 'start');
  at('09:07');
  await step(c1, 'A3', 'no-show');
  at('09:10');
  await step(c1, 'A3', 'requeue');
  await issue('A5');
  await step(c3, 'B2', 'finish');
  await rated('B2', { score: 2, reasons: ['办事效率'] });
  at('09:12');
  await call(c3, 'B3');
  await step(c3, 'B3', 'start');
  at('09:20');
  await issue('A6');
  await checkIn('E2');
  await call(c1, 'A3');
  await step(c1, 'A3', 'start');
  at('09:25');
  const cancel = await t.req('POST', `/api/v1/tickets/${tickets.A6!.id}/cancel?token=${tickets.A6!.token}`);
  expect(cancel.statusCode, cancel.body).toBe(200);
  await step(c6, 'E1', 'finish');
  await rated('E1', { score: 4 });
  at('09:26');
  await step(c1, 'A3', 'finish');
  await rated('A3', { score: 1, reasons: ['服务态度'] });
  at('09:30');
  await call(c1, 'A4');
  at('09:33');
  await step(c1, 'A4', 'no-show');
  at('09:35');
  await call(c1, 'A5');
  await step(c1, 'A5', 'start');
  at('09:40');
  const transfer = await t.req('POST', `/api/v1/tickets/${tickets.A5!.id}/transfer`, {
    cookie: c1.cookie,
    body: { matterId: matters.B },
  });
  expect(transfer.statusCode, transfer.body).toBe(200);
  at('09:42');
  await step(c3, 'B3', 'finish');
  await rated('B3', { score: 5 });
  at('09:45');
  await call(c6, 'E2');
  await step(c6, 'E2', 'start');
  at('09:50');
  await call(c3, 'A5');
  await step(c3, 'A5', 'start');
  at('10:00');
  await step(c3, 'A5', 'finish');
  await rated('A5', { score: 3 });
  at('10:05');
  await issue('A7');
  await step(c6, 'E2', 'finish');

  // The night's rollover expires A7; the next day's first ticket is outside the range.
  t.clock.set(local('08:30', '2026-11-19'));
  expect(await t.app.services.tickets.expireStale(hallId)).toBe(1);
  await makeTicket(t, 'A');
  return { t, tickets };
}
