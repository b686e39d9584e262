// The benchmarks' environment: databases cloned from a migrated template on a throwaway
// PostgreSQL server, the real app built with buildApp() and listening on loopback, a bench hall
// set up through the HTTP API (matters, counters, clerks signed in at their counters), and bulk
// seeding of waiting tickets so every run (and its baseline) starts from the same queue shape.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../server/src/app.ts';
import { bootstrap } from '../../server/src/bootstrap.ts';
import type { Clock } from '../../server/src/clock.ts';
import { openDatabase, type DatabaseHandle, type Db } from '../../server/src/db/index.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { transact } from '../../server/src/db/transaction.ts';
import { formatTicketNumber, serviceDay } from '../../server/src/domain/numbering.ts';
import { appendHallEvent } from '../../server/src/realtime/hall-events.ts';
import { HttpClient } from './http.ts';

export const ADMIN_PASSWORD = 'bench-admin-2026';
export const SECRET = 'bench-secret-'.padEnd(48, 'x');
export { TIMEZONE } from './zone.ts';
import { TIMEZONE } from './zone.ts';
const PREFIXES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** Databases on one PostgreSQL server, each a clone of a template migrated once. */
export class PgEnv {
  private template: string | null;
  private ownTemplate = false;
  private readonly created: string[] = [];

  /** `template`: an already migrated database to clone (the test run's), kept on close. */
  constructor(
    readonly adminUrl: string,
    opts: { template?: string } = {},
  ) {
    this.template = opts.template ?? null;
  }

  async version(): Promise<string> {
    const r = await adminQuery(this.adminUrl, 'show server_version');
    return `PostgreSQL ${String(r.rows[0]?.server_version ?? '?')}`;
  }

  /** A fresh, migrated database; its URL. */
  async createDatabase(): Promise<string> {
    if (!this.template) {
      const name = `bench_tpl_${randomBytes(4).toString('hex')}`;
      await adminQuery(this.adminUrl, `create database ${name}`);
      const handle = await openDatabase({ databaseUrl: withDatabase(this.adminUrl, name), poolSize: 2 });
      await migrateToLatest(handle.db as never);
      await handle.close();
      this.template = name;
      this.ownTemplate = true;
      this.created.push(name);
    }
    const name = `bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(this.adminUrl, `create database ${name} template ${this.template}`);
    this.created.push(name);
    return withDatabase(this.adminUrl, name);
  }

  /** Drops every database this environment created. */
  async close(): Promise<void> {
    for (const name of this.created.reverse()) {
      await adminQuery(this.adminUrl, `drop database if exists ${name} with (force)`).catch(() => {});
    }
    this.created.length = 0;
    if (this.ownTemplate) this.template = null;
    this.ownTemplate = false;
  }
}

export interface BenchApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  kind: 'postgres' | 'pglite';
  baseUrl: string;
  http: HttpClient;
  adminCookie: string;
  close(): Promise<void>;
}

/**
 * The real app: migrated (PGlite) or cloned (PostgreSQL) database, first-start bootstrap, then
 * buildApp() listening on 127.0.0.1 on a free port. The pool size is the server's default
 * unless given.
 */
export async function startApp(
  opts: { databaseUrl?: string; poolSize?: number; clock?: Clock } = {},
): Promise<BenchApp> {
  const handle = opts.databaseUrl
    ? await openDatabase({
        databaseUrl: opts.databaseUrl,
        ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
      })
    : await openDatabase({ dataDir: 'memory://' });
  if (handle.kind === 'pglite') await migrateToLatest(handle.db as never);
  await bootstrap(handle.db, { adminPassword: ADMIN_PASSWORD, seedDemo: false });
  const app = await buildApp({
    db: handle.db,
    secret: SECRET,
    logLevel: 'silent',
    rateLimit: false,
    // Every bench client comes from 127.0.0.1: the per-address socket limit (100, for a hall's
    // guest Wi-Fi) would refuse the fan-out's hundreds of sockets.
    socketLimits: { socketsPerAddress: 1_000_000 },
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  // The HTTP floor (issue 18): a route that does nothing, behind the same plugins and hooks as
  // every other (session lookup, security headers, audit, lifecycle), added for the bench only.
  app.post('/bench/noop', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const http = new HttpClient(baseUrl);
  const adminCookie = await login(http, 'admin', ADMIN_PASSWORD);
  return {
    app,
    handle,
    kind: handle.kind,
    baseUrl,
    http,
    adminCookie,
    close: async () => {
      http.close();
      await app.close();
      await handle.close();
    },
  };
}

/** Signs in over HTTP; the `hallq_session` cookie as a Cookie header value. */
export async function login(http: HttpClient, username: string, password: string): Promise<string> {
  const res = await http.request('POST', '/api/v1/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const raw = res.headers['set-cookie'] ?? [];
  const cookie = raw.map((c) => c.split(';')[0]!).find((c) => c.startsWith('hallq_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie;
}

export interface BenchCounter {
  id: string;
  number: number;
  matterIds: string[];
  /** The session of the clerk who opened it (null when it stays closed). */
  cookie: string | null;
}

export interface BenchHall {
  hallId: string;
  matters: { id: string; prefix: string }[];
  counters: BenchCounter[];
}

/**
 * A hall set up through the API as an admin would: `matters` matters, `counters` counters each
 * serving two or three of them (first = primary), and `openCounters` clerks (policy-compliant
 * passwords) created, signed in over HTTP and sitting at counters 1…openCounters.
 */
export async function setupHall(
  b: BenchApp,
  spec: { code: string; matters?: number; counters: number; openCounters?: number },
): Promise<BenchHall> {
  const { http, adminCookie: cookie } = b;
  const hall = await http.expect<{ id: string }>(201, 'POST', '/api/v1/halls', {
    cookie,
    body: { code: spec.code, name: `压测大厅 ${spec.code}`, timezone: TIMEZONE },
  });
  // The benchmark runs on the real clock at any hour: the hall is open all day, every day (and
  // on today's and tomorrow's dates whatever the calendar says), with no last-ticket cut-off.
  const allDay = { open: '00:00', close: '23:59' };
  const dateIn = (offset: number) =>
    new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  await http.expect(200, 'PUT', `/api/v1/halls/${hall.id}/schedule`, {
    cookie,
    body: {
      hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), allDay])),
      dateHours: { [dateIn(0)]: allDay, [dateIn(1)]: allDay },
      rules: { lastTicketMinutes: 0 },
    },
  });
  const matters: BenchHall['matters'] = [];
  const nMatters = Math.min(spec.matters ?? 6, PREFIXES.length);
  for (let i = 0; i < nMatters; i++) {
    const prefix = PREFIXES[i]!;
    const m = await http.expect<{ id: string }>(201, 'POST', `/api/v1/halls/${hall.id}/matters`, {
      cookie,
      body: { code: `m${i}`, name: `事项${prefix}`, prefix, avgServiceMinutes: 6 + 2 * i },
    });
    matters.push({ id: m.id, prefix });
  }
  const counters: BenchCounter[] = [];
  for (let i = 0; i < spec.counters; i++) {
    const picks = [i % nMatters, (i + 1) % nMatters];
    if (i % 3 === 0 && nMatters > 3) picks.push((i + 3) % nMatters);
    const matterIds = [...new Set(picks)].map((k) => matters[k]!.id);
    const c = await http.expect<{ id: string }>(201, 'POST', `/api/v1/halls/${hall.id}/counters`, {
      cookie,
      body: { number: i + 1, matterIds },
    });
    counters.push({ id: c.id, number: i + 1, matterIds, cookie: null });
  }
  const open = Math.min(spec.openCounters ?? 0, counters.length);
  // Clerks in small parallel batches: argon2 hashing dominates.
  for (let start = 0; start < open; start += 8) {
    await Promise.all(
      counters.slice(start, Math.min(open, start + 8)).map(async (counter, k) => {
        const i = start + k;
        const username = `${spec.code}-c${i + 1}`;
        const password = `Qk7${randomBytes(6).toString('hex')}z9`;
        await http.expect(201, 'POST', `/api/v1/halls/${hall.id}/staff`, {
          cookie,
          body: { username, password, name: `窗口${i + 1}`, role: 'clerk' },
        });
        counter.cookie = await login(http, username, password);
        await http.expect(200, 'POST', `/api/v1/counters/${counter.id}/open`, { cookie: counter.cookie });
      }),
    );
  }
  return { hallId: hall.id, matters, counters };
}

/** Number of waiting tickets of the hall today. */
export async function waitingCount(db: Db, hallId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from tickets where hall_id = ${hallId} and status = 'waiting'
  `.execute(db);
  return r.rows[0]?.n ?? 0;
}

/**
 * Bulk-issues `n` waiting tickets (numbers from the hall's real sequences, an `issue`
 * ticket_event each, queue times spread over the last `spreadMinutes`) in one transaction,
 * without hall events: the starting queue, not part of any measurement.
 */
export async function seedWaiting(
  db: Db,
  hall: Pick<BenchHall, 'hallId' | 'matters'>,
  n: number,
  opts: { seed?: number; spreadMinutes?: number; now?: Date } = {},
): Promise<void> {
  if (n <= 0) return;
  const now = opts.now ?? new Date();
  const day = serviceDay(now, TIMEZONE);
  const spread = (opts.spreadMinutes ?? 30) * 60_000;
  let s = opts.seed ?? 1;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  await db.transaction().execute(async (tx) => {
    const perMatter = hall.matters.map(
      (_, i) => Math.floor(n / hall.matters.length) + (i < n % hall.matters.length ? 1 : 0),
    );
    const tickets = [];
    for (const [i, m] of hall.matters.entries()) {
      const count = perMatter[i]!;
      if (!count) continue;
      const row = await tx
        .insertInto('ticket_numbers')
        .values({ hall_id: hall.hallId, prefix: m.prefix, service_day: day, last: count })
        .onConflict((oc) =>
          oc
            .columns(['hall_id', 'prefix', 'service_day'])
            .doUpdateSet((eb) => ({ last: eb('ticket_numbers.last', '+', count) })),
        )
        .returning('last')
        .executeTakeFirstOrThrow();
      for (let k = 0; k < count; k++) {
        const seq = row.last - count + 1 + k;
        const at = new Date(now.getTime() - Math.floor(rand() * spread));
        tickets.push({
          id: randomUUID(),
          hall_id: hall.hallId,
          matter_id: m.id,
          prefix: m.prefix,
          seq,
          number: formatTicketNumber(m.prefix, seq),
          service_day: day,
          class: 'normal' as const,
          status: 'waiting' as const,
          channel: 'kiosk' as const,
          issued_at: at,
          queue_time: at,
          token_hash: randomBytes(16).toString('hex'),
          updated_at: at,
        });
      }
    }
    for (let i = 0; i < tickets.length; i += 400) {
      const chunk = tickets.slice(i, i + 400);
      await tx.insertInto('tickets').values(chunk).execute();
      await tx
        .insertInto('ticket_events')
        .values(
          chunk.map((t) => ({
            hall_id: t.hall_id,
            ticket_id: t.id,
            at: t.issued_at,
            action: 'issue',
            from_status: null,
            to_status: 'waiting',
            staff_id: null,
            counter_id: null,
            matter_id: t.matter_id,
            data: JSON.stringify({ channel: 'kiosk', class: 'normal' }),
          })),
        )
        .execute();
    }
  });
  await announceQueueChange(db, hall.hallId);
}

/** Cancels (as expired) every waiting ticket of the hall: resets the queue between rounds. */
export async function clearWaiting(db: Db, hallId: string): Promise<void> {
  await sql`
    update tickets set status = 'cancelled', cancel_reason = 'expired', updated_at = now()
    where hall_id = ${hallId} and status = 'waiting'
  `.execute(db);
  await announceQueueChange(db, hallId);
}

/**
 * Tells every server process that the hall's tickets changed behind the ticket actions (the
 * seeding above writes rows directly): their in-memory queue reads the hall again.
 */
async function announceQueueChange(db: Db, hallId: string): Promise<void> {
  await transact(db, (tx) => appendHallEvent(tx, hallId, 'queue.updated', {}, new Date()));
}

/** Tickets called more than once (from ticket_events): must be zero. */
export async function doubleCalls(db: Db, hallId?: string): Promise<number> {
  const r = hallId
    ? await sql<{ n: number }>`
        select count(*)::int as n from (
          select ticket_id from ticket_events where action = 'call' and hall_id = ${hallId}
          group by ticket_id having count(*) > 1) d`.execute(db)
    : await sql<{ n: number }>`
        select count(*)::int as n from (
          select ticket_id from ticket_events where action = 'call'
          group by ticket_id having count(*) > 1) d`.execute(db);
  return r.rows[0]?.n ?? 0;
}
