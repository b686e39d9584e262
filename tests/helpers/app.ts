// Test factories: an app on a fresh database (PGlite in memory, or a clone of the migrated
// template on the throwaway PostgreSQL server), the demo hall, signed-in staff.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type AppDeps } from '../../server/src/app.ts';
import { bootstrap } from '../../server/src/bootstrap.ts';
import { ManualClock } from '../../server/src/clock.ts';
import { openDatabase, type DatabaseHandle } from '../../server/src/db/index.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { listenForEvents } from '../../server/src/realtime/listen.ts';
import { PrivacyScanner } from './privacy.ts';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];
export const ADMIN_PASSWORD = 'hall-pass-2026';
export const SECRET = 'test-secret-'.padEnd(48, 'x');

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, migrated database of the given kind. */
export async function freshDatabase(
  backend: Backend,
  poolSize = 30,
): Promise<DatabaseHandle & { url?: string }> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db as never);
    return handle;
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const handle = await openDatabase({ databaseUrl: url, poolSize });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface Demo {
  hallId: string;
  matters: Record<string, string>; // prefix → id
  counters: Record<number, string>; // number → id
  passwords: Record<string, string>; // username → password
}

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle & { url?: string };
  clock: ManualClock;
  demo: Demo;
  /** Signs in and returns the cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with JSON and an optional cookie. */
  req(
    method: InjectOptions['method'],
    url: string,
    opts?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Every answer and log line of this app, scanned for raw ID and mobile numbers. */
  privacy: PrivacyScanner;
  close(): Promise<void>;
}

export async function makeTestApp(
  backend: Backend,
  opts: {
    clock?: ManualClock;
    logStream?: NodeJS.WritableStream;
    rateLimit?: boolean;
    poolSize?: number;
    /** Addresses whose X-Forwarded-* headers count (HALLQ_TRUSTED_PROXIES). */
    trustedProxies?: string[];
    /** Anything else buildApp takes. */
    deps?: Partial<AppDeps>;
  } = {},
): Promise<TestApp> {
  const handle = await freshDatabase(backend, opts.poolSize);
  // 10:00 on a Wednesday in Shanghai by default: inside opening hours.
  const clock = opts.clock ?? new ManualClock(new Date('2026-11-18T02:00:00Z'));
  const seeded = await bootstrap(handle.db, { adminPassword: ADMIN_PASSWORD, seedDemo: true });
  const privacy = new PrivacyScanner();
  const app = await buildApp({
    db: handle.db,
    secret: SECRET,
    clock,
    logLevel: 'info',
    logStream: privacy.logStream(opts.logStream),
    rateLimit: opts.rateLimit ?? false,
    trustedProxies: opts.trustedProxies ?? [],
    ...(opts.deps ?? {}),
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    // Metrics are counters and byte sizes only; an 11-digit byte count would read as a phone.
    if (request.url.startsWith('/metrics')) return payload;
    privacy.checkAnswer(`${request.method} ${request.url.split('?')[0]}`, payload);
    return payload;
  });
  await app.ready();
  const hallId = seeded.hallId!;
  const matters = Object.fromEntries(
    (
      await handle.db.selectFrom('matters').select(['id', 'prefix']).where('hall_id', '=', hallId).execute()
    ).map((m) => [m.prefix, m.id]),
  );
  const counters = Object.fromEntries(
    (
      await handle.db.selectFrom('counters').select(['id', 'number']).where('hall_id', '=', hallId).execute()
    ).map((c) => [c.number, c.id]),
  );
  const passwords: Record<string, string> = { admin: ADMIN_PASSWORD };
  for (const p of seeded.printed) passwords[p.username] = p.password;
  const demo: Demo = { hallId, matters, counters, passwords };

  const req: TestApp['req'] = (method, url, o = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.headers ?? {}) },
      ...(o.body !== undefined ? { payload: o.body as object } : {}),
    });
  const login = async (username: string, password?: string) => {
    const res = await req('POST', '/api/v1/auth/login', {
      body: { username, password: password ?? passwords[username] },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'hallq_session');
    return `hallq_session=${c!.value}`;
  };
  return {
    app,
    handle,
    clock,
    demo,
    login,
    req,
    privacy,
    close: async () => {
      await app.close();
      await handle.close();
      if (privacy.violations.length) {
        throw new Error(`personal data leaked: ${[...new Set(privacy.violations)].slice(0, 5).join('; ')}`);
      }
    },
  };
}

/**
 * A second app instance on `a`'s PostgreSQL, as a second server process: it hears the first's
 * hall events over LISTEN/NOTIFY, as processes behind one proxy do.
 */
export async function secondProcess(a: TestApp): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  if (!a.handle.url) throw new Error('a second process needs the PostgreSQL backend');
  const handle = await openDatabase({ databaseUrl: a.handle.url, poolSize: 5 });
  const app = await buildApp({
    db: handle.db,
    secret: SECRET,
    clock: a.clock,
    logLevel: 'silent',
    rateLimit: false,
  });
  await app.ready();
  const unlisten = await listenForEvents(handle.pool!, app.services.publisher);
  return {
    app,
    close: async () => {
      await unlisten();
      await app.close();
      await handle.close();
    },
  };
}
