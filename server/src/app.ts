import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { appointmentsRoutes } from './appointments/appointments.routes.ts';
import { AppointmentsService } from './appointments/appointments.service.ts';
import { CheckInService } from './appointments/check-in.service.ts';
import { scheduleRoutes } from './appointments/schedule.routes.ts';
import { ScheduleService } from './appointments/schedule.service.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { AuthService } from './auth/auth.service.ts';
import { systemClock, type Clock } from './clock.ts';
import { complaintsRoutes } from './complaints/complaints.routes.ts';
import { ComplaintsService } from './complaints/complaints.service.ts';
import { countersRoutes } from './counters/counters.routes.ts';
import { CountersService } from './counters/counters.service.ts';
import { FieldCrypto } from './crypto.ts';
import type { Db } from './db/index.ts';
import { floorRoutes } from './floor/floor.routes.ts';
import { FloorService } from './floor/floor.service.ts';
import { hallsRoutes } from './halls/halls.routes.ts';
import { HallsService } from './halls/halls.service.ts';
import { loggerOptions } from './logging.ts';
import { mattersRoutes } from './matters/matters.routes.ts';
import { MattersService } from './matters/matters.service.ts';
import { LogProvider, type NotificationProvider } from './notifications/provider.ts';
import { NotificationWorker } from './notifications/worker.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerDocs } from './plugins/docs.ts';
import { registerErrorHandler } from './plugins/errors.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerSecurity } from './plugins/security.ts';
import { registerWeb } from './plugins/web.ts';
import { PadsService } from './ratings/pads.service.ts';
import { ratingsRoutes } from './ratings/ratings.routes.ts';
import { RatingsService, scheduleCalendar } from './ratings/ratings.service.ts';
import { boardRoutes } from './realtime/board.routes.ts';
import { auditRoutes, registerAudit } from './audit/audit.ts';
import { EventPublisher } from './realtime/publisher.ts';
import { attachRealtime, type Realtime } from './realtime/socket.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { StaffService } from './staff/staff.service.ts';
import { statsRoutes } from './stats/stats.routes.ts';
import { StatsService } from './stats/stats.service.ts';
import { QueueService } from './tickets/queue.service.ts';
import { ticketsRoutes } from './tickets/tickets.routes.ts';
import { TicketsService } from './tickets/tickets.service.ts';

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
  /** Where text messages go; the default writes them (phone masked) to the log. */
  notificationProvider?: NotificationProvider;
}

export interface Services {
  auth: AuthService;
  halls: HallsService;
  matters: MattersService;
  counters: CountersService;
  staff: StaffService;
  queue: QueueService;
  tickets: TicketsService;
  publisher: EventPublisher;
  fieldCrypto: FieldCrypto;
  clock: Clock;
  /** For scheduled jobs (jobs.ts), which work outside any request. */
  db: Db;
  schedule: ScheduleService;
  appointments: AppointmentsService;
  checkIn: CheckInService;
  notifications: NotificationWorker;
  pads: PadsService;
  ratings: RatingsService;
  complaints: ComplaintsService;
  stats: StatsService;
  floor: FloorService;
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
    trustProxy: true,
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
  const publisher = new EventPublisher(db);
  await publisher.init();
  const fieldCrypto = new FieldCrypto(deps.secret);
  const auth = new AuthService(db, clock);
  const halls = new HallsService(db);
  const matters = new MattersService(db, clock);
  const counters = new CountersService(db, clock);
  const staff = new StaffService(db, auth);
  const queue = new QueueService(db, clock, halls, matters, counters);
  const tickets = new TicketsService(db, clock, deps.secret, fieldCrypto, halls, counters, queue);
  const schedule = new ScheduleService(db, clock, halls);
  queue.setPausedUntil((hallId, now) => schedule.lunchEndAt(hallId, now));
  const appointments = new AppointmentsService(db, clock, deps.secret, fieldCrypto, schedule);
  const checkIn = new CheckInService(db, clock, fieldCrypto, halls, schedule, tickets);
  const pads = new PadsService(db, clock, counters);
  const ratings = new RatingsService(db, clock, deps.secret, halls, pads, scheduleCalendar(schedule));
  const complaints = new ComplaintsService(db, clock, halls);
  const stats = new StatsService(db, halls);
  const floor = new FloorService(db, clock, halls, queue);
  const notifications = new NotificationWorker(
    db,
    clock,
    fieldCrypto,
    deps.notificationProvider ?? new LogProvider(app.log),
  );
  const services: Services = {
    auth,
    halls,
    matters,
    counters,
    staff,
    queue,
    tickets,
    publisher,
    fieldCrypto,
    clock,
    db,
    schedule,
    appointments,
    checkIn,
    notifications,
    pads,
    ratings,
    complaints,
    stats,
    floor,
  };
  app.decorate('services', services);

  await app.register(cookie);
  // Per-IP limits on public routes (routes may set tighter ones); off in most tests.
  if (deps.rateLimit ?? false) {
    await app.register(rateLimit, {
      global: true,
      max: 300,
      timeWindow: '1 minute',
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
  await registerDocs(app);
  await registerMetrics(app);
  registerAuth(app, auth);
  registerAudit(app, db, clock);

  // Graceful shutdown drains first: /readyz turns 503 so a balancer stops sending, and requests
  // keep being served until none is in flight (see main.ts).
  const load = { inFlight: 0, draining: false };
  app.decorate('load', load);
  // A client must deliver its whole request (headers and body) within the request timeout;
  // one that trickles it (slowloris) has its connection cut. Node's own check runs only every
  // 30 s, so the body is timed here, from the first byte to the end of parsing.
  const bodyTimeout = deps.requestTimeoutMs ?? 30_000;
  const timers = new WeakMap<object, NodeJS.Timeout>();
  app.addHook('onRequest', async (request) => {
    load.inFlight++;
    timers.set(
      request,
      setTimeout(() => request.raw.socket?.destroy(), bodyTimeout),
    );
  });
  app.addHook('preValidation', async (request) => {
    clearTimeout(timers.get(request));
  });
  app.addHook('onResponse', async (request) => {
    clearTimeout(timers.get(request));
    load.inFlight--;
  });
  app.addHook('onRequestAbort', (request, done) => {
    clearTimeout(timers.get(request));
    load.inFlight--;
    done();
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (load.draining)
      return reply.status(503).send({ error: { code: 'UNAVAILABLE', message: 'shutting down' } });
    try {
      await db.selectFrom('halls').select('id').limit(1).execute();
      return { ok: true };
    } catch {
      return reply.status(503).send({ error: { code: 'UNAVAILABLE', message: 'database unreachable' } });
    }
  });

  await app.register(
    async (api) => {
      await api.register(authRoutes(auth));
      await api.register(hallsRoutes(halls));
      await api.register(mattersRoutes({ matters, halls, queue, clock }));
      await api.register(countersRoutes({ counters, tickets, halls, queue }));
      await api.register(staffRoutes(staff));
      await api.register(ticketsRoutes(tickets));
      await api.register(boardRoutes({ db, queue, halls }));
      await api.register(auditRoutes(db));
      await api.register(scheduleRoutes(schedule));
      await api.register(
        appointmentsRoutes({ appointments, checkIn, halls, clock, limits: deps.rateLimit ?? false }),
      );
      await api.register(ratingsRoutes({ ratings, pads }));
      await api.register(complaintsRoutes(complaints));
      await api.register(statsRoutes(stats));
      await api.register(floorRoutes(floor));
    },
    { prefix: '/api/v1' },
  );
  await registerWeb(app); // the browser screens (dist/web)

  const realtime = attachRealtime(app.server, { db, publisher, queue, tickets });
  app.decorate('realtime', realtime);
  app.addHook('preClose', async () => {
    publisher.close();
    await realtime.close();
  });
  return app;
}
