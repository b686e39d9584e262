// Races that only a real PostgreSQL server can show (PGlite has one connection).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { newKey, openCounter } from '../helpers/queue.ts';

describe('queue concurrency on PostgreSQL', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp('postgres', { poolSize: 40 });
  });
  afterEach(async () => t?.close());

  it(
    'calls every one of 500 tickets exactly once with 20 counters calling in parallel',
    { timeout: 180_000 },
    async () => {
      const admin = await t.login('admin');
      const { A, B } = t.demo.matters;
      // 20 counters serving A and B, each with its own clerk
      const clerks: { cookie: string; counterId: string }[] = [];
      for (let i = 0; i < 20; i++) {
        const counter = (
          await t.req('POST', `/api/v1/halls/${t.demo.hallId}/counters`, {
            cookie: admin,
            body: { number: 100 + i, matterIds: i % 2 ? [A, B] : [B, A] },
          })
        ).json();
        await t.req('POST', `/api/v1/halls/${t.demo.hallId}/staff`, {
          cookie: admin,
          body: { username: `race${i}`, password: 'Racepass12345', name: `窗口${i}`, role: 'clerk' },
        });
        const cookie = await t.login(`race${i}`, 'Racepass12345');
        await t.req('POST', `/api/v1/counters/${counter.id}/open`, { cookie });
        clerks.push({ cookie, counterId: counter.id });
      }
      const tickets = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, { body: { matterId: i % 3 ? A : B } }),
        ),
      );
      expect(tickets.every((r) => r.statusCode === 201)).toBe(true);

      const calledBy = new Map<string, number>();
      let emptyAnswers = 0;
      let leftBehindAtEmpty = 0;
      await Promise.all(
        clerks.map(async (c) => {
          for (;;) {
            const res = await t.req('POST', `/api/v1/counters/${c.counterId}/call-next`, c);
            if (res.statusCode === 204) {
              emptyAnswers++;
              // a 204 must mean nothing is left waiting
              const waiting = await t.handle.db
                .selectFrom('tickets')
                .select('id')
                .where('status', '=', 'waiting')
                .execute();
              leftBehindAtEmpty += waiting.length;
              return;
            }
            expect(res.statusCode, res.body).toBe(200);
            const id = res.json().id as string;
            calledBy.set(id, (calledBy.get(id) ?? 0) + 1);
            const started = await t.req('POST', `/api/v1/tickets/${id}/start`, c);
            expect(started.statusCode, started.body).toBe(200);
          }
        }),
      );
      expect(calledBy.size).toBe(500);
      expect([...calledBy.values()].every((n) => n === 1)).toBe(true);
      expect(emptyAnswers).toBe(20);
      expect(leftBehindAtEmpty).toBe(0);
      const calls = await t.handle.db
        .selectFrom('ticket_events')
        .select('ticket_id')
        .where('action', '=', 'call')
        .execute();
      expect(calls).toHaveLength(500);
      expect(new Set(calls.map((c) => c.ticket_id)).size).toBe(500);
    },
  );

  it('gives 50 parallel issues with one Idempotency-Key one ticket', async () => {
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, {
          body: { matterId: t.demo.matters.A },
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    const ids = new Set(answers.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    expect(
      answers.every((r) => r.statusCode === 201),
      answers.map((r) => r.statusCode).join(),
    ).toBe(true);
    expect(ids.size).toBe(1);
    const rows = await t.handle.db.selectFrom('tickets').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('gives 200 parallel issues 200 distinct consecutive numbers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, { body: { matterId: t.demo.matters.C } }),
      ),
    );
    expect(answers.filter((r) => r.statusCode !== 201).map((r) => r.body)).toEqual([]);
    const numbers = answers.map((r) => r.json().number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`));
  });

  it('keeps hall event seqs gap-free under parallel writes', async () => {
    const clerk = await openCounter(t, 'clerk1', 1);
    await Promise.all([
      ...Array.from({ length: 60 }, () =>
        t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, { body: { matterId: t.demo.matters.A } }),
      ),
      ...Array.from({ length: 10 }, () =>
        t.req('POST', `/api/v1/counters/${clerk.counterId}/call-next`, clerk),
      ),
    ]);
    const seqs = (
      await t.handle.db
        .selectFrom('hall_events')
        .select('seq')
        .where('hall_id', '=', t.demo.hallId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
