// Request bookkeeping for a graceful shutdown and against slow clients, and the health probes.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index.ts';

/**
 * Graceful shutdown drains first: /readyz turns 503 so a balancer stops sending, and requests
 * keep being served until none is in flight (see main.ts). A client must deliver its whole
 * request (headers and body) within the request timeout; one that trickles it (slowloris) has
 * its connection cut. Node's own check runs only every 30 s, so the body is timed here, from
 * the first byte to the end of parsing.
 */
export function registerLifecycle(app: FastifyInstance, db: Db, bodyTimeout: number): void {
  const load = { inFlight: 0, draining: false };
  app.decorate('load', load);
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
}
