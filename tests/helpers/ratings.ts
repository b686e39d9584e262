// Factories for ratings, ledger and statistics tests: serve a ticket to the end, pair a pad, rate.
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { makeTicket, type IssuedTicket } from './queue.ts';

export interface Clerk {
  cookie: string;
  counterId: string;
}

/** The clerk calls the ticket (特呼), starts and finishes it, `serviceMinutes` apart on the clock. */
export async function serve(t: TestApp, clerk: Clerk, ticketId: string, serviceMinutes = 0): Promise<void> {
  const call = await t.req('POST', `/api/v1/counters/${clerk.counterId}/call`, {
    cookie: clerk.cookie,
    body: { ticketId },
  });
  expect(call.statusCode, call.body).toBe(200);
  await act(t, clerk, ticketId, 'start');
  if (serviceMinutes) t.clock.advance(serviceMinutes);
  await act(t, clerk, ticketId, 'finish');
}

export async function act(
  t: TestApp,
  clerk: Clerk,
  ticketId: string,
  action: 'start' | 'finish' | 'no-show' | 'recall' | 'requeue',
) {
  const res = await t.req('POST', `/api/v1/tickets/${ticketId}/${action}`, { cookie: clerk.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A ticket of `prefix` issued now and served to the end at the clerk's counter. */
export async function servedTicket(t: TestApp, clerk: Clerk, prefix = 'A'): Promise<IssuedTicket> {
  const ticket = await makeTicket(t, prefix);
  await serve(t, clerk, ticket.id);
  return ticket;
}

/** Pairs a rating pad with the counter (as the manager) and returns its token. */
export async function pairPad(t: TestApp, counterId: string): Promise<string> {
  const manager = await t.login('manager');
  const res = await t.req('POST', `/api/v1/counters/${counterId}/pad-token`, { cookie: manager });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

export function rate(
  t: TestApp,
  ticket: { id: string; token?: string },
  body: Record<string, unknown>,
  opts: { pad?: string; token?: string | null } = {},
) {
  const token = opts.token === undefined ? ticket.token : opts.token;
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return t.req('POST', `/api/v1/tickets/${ticket.id}/rating${query}`, {
    body,
    headers: opts.pad ? { 'x-pad-token': opts.pad } : {},
  });
}
