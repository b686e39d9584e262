// Property-based hostile input: random params, query strings, bodies and headers on every
// route, anonymous and as admin. Never a 5xx; a 4xx changes nothing in the database.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket } from '../helpers/queue.ts';

const SKIP = new Set(['POST /api/v1/auth/logout', 'GET /metrics', 'GET /docs/*', 'GET /*']);

describe('hostile input on every route', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};

  async function fingerprint(): Promise<string> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not in ('audit_log', 'sessions') and table_name not like 'kysely_%'
      order by table_name`.execute(t.handle.db);
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const r = await sql<{
        h: string | null;
      }>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.table(name)} x`.execute(
        t.handle.db,
      );
      parts.push(`${name}:${r.rows[0]?.h}`);
    }
    return parts.join(',');
  }

  beforeAll(async () => {
    t = await makeTestApp('pglite');
    admin = await t.login('admin');
    const ticket = await makeTicket(t, 'A');
    ids.hallId = t.demo.hallId;
    ids.matterId = t.demo.matters.A!;
    ids.counterId = t.demo.counters[1]!;
    ids.ticketId = ticket.id;
    ids.staffId = (
      await t.handle.db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', 'clerk1')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t?.close());

  it('never answers 5xx, and a refusal changes nothing', { timeout: 300_000 }, async () => {
    const routes = t.app.routeTable.filter(
      (r) => !SKIP.has(`${r.method} ${r.url}`) && !r.url.startsWith('/docs'),
    );
    expect(routes.length).toBeGreaterThan(20);
    const paramValue = (name: string) =>
      fc.oneof(
        fc.constant(ids[name] ?? '00000000-0000-4000-8000-000000000000'),
        fc.uuid(),
        fc.string({ maxLength: 40 }),
        fc.constantFrom('..%2F..', '%00', 'null', '-1', '1e309', "' or 1=1 --", '😀'),
      );
    // Text that looks harmless to a person but not to PostgreSQL or a screen: NUL and other
    // control characters, zero-width-only names; dates in years a hall never means.
    const hostileText = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'a\u0000b',
        '\u0000',
        'x\u0007',
        '\u001b[2J',
        'a\u0085',
        '\u200b',
        '\u200b\u200d',
        '\ufeff',
      ),
      fc
        .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 31 }), fc.string({ maxLength: 10 }))
        .map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`),
    );
    const hostileDate = fc.oneof(
      fc.integer({ min: 0, max: 99 }).map((y) => `${String(y).padStart(4, '0')}-01-01`),
      fc.constantFrom('9999-12-31', '2026-02-30', '2026-11-19'),
    );
    const body = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.object({ maxDepth: 2 }),
      fc.record(
        {
          matterId: fc.oneof(fc.constant(ids.matterId!), fc.string()),
          ticketId: fc.oneof(fc.constant(ids.ticketId!), fc.string()),
          start: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.string(),
          ),
          score: fc.oneof(fc.integer({ min: -3, max: 9 }), fc.string()),
          name: fc.oneof(fc.string({ maxLength: 300 }), hostileText),
          idNumber: hostileText,
          phone: hostileText,
          code: hostileText,
          password: fc.oneof(fc.string({ maxLength: 300 }), hostileText),
          username: hostileText,
          note: hostileText,
          comment: hostileText,
          description: hostileText,
          timezone: hostileText,
          materials: fc.array(hostileText, { maxLength: 3 }),
          date: hostileDate,
          hours: fc.dictionary(
            fc.constantFrom('1', '7', '8', '0', 'mon'),
            fc.constant({ open: '09:00', close: '17:00' }),
          ),
          overrides: fc.array(
            fc.record({ date: hostileDate, kind: fc.constant('holiday'), note: hostileText }),
            {
              maxLength: 2,
            },
          ),
          number: fc.oneof(fc.integer(), fc.double(), fc.string()),
          matterIds: fc.array(fc.oneof(fc.constant(ids.matterId!), fc.string()), { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      fc.constant('x'.repeat(100_000)),
    );
    const headers = fc.record(
      {
        'content-type': fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-16',
          'multipart/form-data',
        ),
        'idempotency-key': fc.string({ maxLength: 120 }),
        'x-pad-token': fc.string({ maxLength: 80 }),
      },
      { requiredKeys: ['content-type'] },
    );
    const query = fc.dictionary(
      fc.constantFrom('token', 'from', 'to', 'groupBy', 'matterId', 'date', 'limit', 'status', 'x'),
      fc.oneof(fc.string({ maxLength: 30 }), hostileText, hostileDate),
    );

    for (const route of routes) {
      const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...names.map(paramValue)),
          body,
          headers,
          query,
          fc.boolean(),
          async (params, payload, hdrs, q, asAdmin) => {
            let url = route.url;
            names.forEach((n, i) => (url = url.replace(`:${n}`, encodeURIComponent(params[i]!))));
            const qs = new URLSearchParams(q).toString();
            const before = await fingerprint();
            const res = await t.app.inject({
              method: route.method as 'POST',
              url: qs ? `${url}?${qs}` : url,
              headers: { ...hdrs, ...(asAdmin ? { cookie: admin } : {}) },
              ...(route.method === 'GET'
                ? {}
                : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload ?? null) }),
            });
            expect(res.statusCode, `${route.method} ${url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
              expect(await fingerprint(), `${route.method} ${url} changed data on ${res.statusCode}`).toBe(
                before,
              );
            }
          },
        ),
        { numRuns: 6, seed: 20261122 },
      );
    }
  });
});
