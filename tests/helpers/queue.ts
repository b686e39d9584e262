// Factories for queue tests: issue tickets, open counters, act as a clerk.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export interface IssuedTicket {
  id: string;
  number: string;
  token: string;
  status: string;
  [k: string]: unknown;
}

export async function makeTicket(
  t: TestApp,
  prefix = 'A',
  opts: { cookie?: string; body?: Record<string, unknown>; key?: string } = {},
) {
  const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, {
    ...(opts.cookie ? { cookie: opts.cookie } : {}),
    body: { matterId: t.demo.matters[prefix], ...(opts.body ?? {}) },
    headers: opts.key ? { 'idempotency-key': opts.key } : {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as IssuedTicket;
}

/** Signs the clerk in and opens the counter for them. */
export async function openCounter(
  t: TestApp,
  username: string,
  counterNumber: number,
): Promise<{ cookie: string; counterId: string }> {
  const cookie = await t.login(username);
  const counterId = t.demo.counters[counterNumber]!;
  const res = await t.req('POST', `/api/v1/counters/${counterId}/open`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie, counterId };
}

export const newKey = () => randomUUID();
