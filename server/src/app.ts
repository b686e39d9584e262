// buildApp: the whole server without listening (tests call `app.inject`, main.ts calls listen).
// The services come from services.ts, the API routes from routes.ts; this file orders the
// infrastructure plugins around them.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAudit } from './audit/audit.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Db } from './db/index.ts';
import { DEVICE_HEADER } from './devices/devices.service.ts';
import { loggerOptions } from './logging.ts';
import type { SmsSettings } from './notifications/sms-config.ts';
import type { NotificationProvider } from './notifications/provider.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerCompression } from './plugins/compress.ts';
import { ANONYMOUS_PER_MINUTE, ClientIdentity, perMinute } from './plugins/client-limits.ts';
import { registerDocs } from './plugins/docs.ts';
import { registerErrorHandler } from './plugins/errors.ts';
import { registerLifecycle } from './plugins/lifecycle.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerOpsAccess, type OpsAccess } from './plugins/ops-access.ts';
import { registerSecurity } from './plugins/security.ts';
import { registerWeb } from './plugins/web.ts';
import { PAD_HEADER } from './ratings/pads.service.ts';
import type { SocketLimits } from './realtime/socket-limits.ts';
import { hallAudience } from './realtime/audience.ts';
import { attachRealtime, type Realtime } from './realtime/socket.ts';
import { registerApiRoutes } from './routes.ts';
import { createServices, type Services } from './services.ts';

export type { Services } from './services.ts';

export interface AppDeps {
  db: Db;
  secret: string;
  clock?: Clock;
  /** pino level; 'silent' in tests unless they read the log. */
  logLevel?: string;
  /** Where log lines go (tests collect them to scan for personal data). */
  logStream?: NodeJS.WritableStream;
  /** How long a client may take to send a whole request. */
  requestTimeoutMs?: number;
  /** Per-IP limits on public routes; off in most tests. */
  rateLimit?: boolean;
  /**
   * Proxy addresses (or CIDR ranges) whose X-Forwarded-For / -Proto count; none by default, so
   * the peer's own address is the client's (HALLQ_TRUSTED_PROXIES).
   */
  trustedProxies?: string[];
  /** Socket.IO limits (sockets per address, messages per socket); defaults in socket-limits.ts. */
  socketLimits?: Partial<SocketLimits>;
  /** Where text messages go; the default writes them (phone masked) to the log. */
  notificationProvider?: NotificationProvider;
  /** The SMS gateway settings (used when no notificationProvider is given). */
  sms?: SmsSettings;
  /**
   * Who may read /metrics and /docs: `private` (the default) signed-in staff and the bearer
   * `opsToken`; `open` anyone (HALLQ_OPS_ACCESS, open by itself on a loopback-only install).
   */
  opsAccess?: OpsAccess;
  /** The bearer token a Prometheus scraper sends for /metrics (HALLQ_OPS_TOKEN). */
  opsToken?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    realtime: Realtime;
    /** Requests being handled now, and whether the process is draining for a shutdown. */
    load: { inFlight: number; draining: boolean };
    routeTable: { method: string; url: string }[];
  }
}

/** Builds the whole server without listening: tests call `app.inject`, main.ts calls listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: loggerOptions(deps.logLevel ?? 'info', deps.logStream),
    bodyLimit: 64 * 1024,
    // A client that trickles its request (slowloris) is cut off after this long.
    requestTimeout: deps.requestTimeoutMs ?? 30_000,
    connectionTimeout: 60_000,
    // Only a configured proxy may say who the client is: anyone else could make up an address.
    trustProxy: deps.trustedProxies?.length ? deps.trustedProxies : false,
  }).withTypeProvider<ZodTypeProvider>();
  // Every route, for the authorization matrix and the hostile-input tests.
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of ([] as string[]).concat(route.method)) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  const { db } = deps;
  const services = await createServices({
    db,
    secret: deps.secret,
    clock,
    log: app.log,
    notificationProvider: deps.notificationProvider,
    sms: deps.sms,
  });
  app.decorate('services', services);

  await app.register(cookie);
  await registerCompression(app);
  // Limits per sender (routes may set tighter ones; plugins/client-limits.ts); off in most tests.
  if (deps.rateLimit ?? false) {
    const identity = new ClientIdentity(services.auth, services.devices, services.pads);
    await app.register(rateLimit, {
      global: true,
      ...perMinute(ANONYMOUS_PER_MINUTE),
      // Per signed-in person or paired device where the request proves one, else per address.
      keyGenerator: (request) => identity.keyOf(request),
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        error: {
          code: 'RATE_LIMITED',
          message: `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
        },
      }),
    });
  }
  await registerSecurity(app);
  registerOpsAccess(app, services.auth, {
    access: deps.opsAccess ?? 'private',
    ...(deps.opsToken ? { token: deps.opsToken } : {}),
  });
  await registerDocs(app);
  await registerMetrics(app);
  registerAuth(app, services.auth);
  registerAudit(app, db, clock, (text) => services.fieldCrypto.hash(`audit-username:${text}`));
  registerLifecycle(app, db, deps.requestTimeoutMs ?? 30_000);

  // A paired device or pad was heard from: noted after the answer went out, never failing it.
  app.addHook('onResponse', async (request) => {
    services.lastSeen.heard('device', request.headers[DEVICE_HEADER]);
    services.lastSeen.heard('pad', request.headers[PAD_HEADER]);
  });
  await registerApiRoutes(app, services, { rateLimit: deps.rateLimit ?? false });
  await registerWeb(app); // the browser screens (dist/web)

  const realtime = attachRealtime(app.server, {
    db,
    publisher: services.publisher,
    queue: services.queue,
    tickets: services.tickets,
    auth: services.auth,
    helpAlerts: services.helpAlerts,
    lastSeen: services.lastSeen,
    trustedProxies: deps.trustedProxies ?? [],
    audience: hallAudience(services.auth, services.pads),
    ...(deps.socketLimits ? { limits: deps.socketLimits } : {}),
  });
  app.decorate('realtime', realtime);
  app.addHook('preClose', async () => {
    services.publisher.close();
    await realtime.close();
    await services.lastSeen.settled();
  });
  return app;
}
