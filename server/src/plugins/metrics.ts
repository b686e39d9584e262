import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics at /metrics: request latency by route, call-next latency, queue and sockets. */
export async function registerMetrics(app: FastifyInstance): Promise<Registry> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hallq_process_' });
  const duration = new Histogram({
    name: 'hallq_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const callNext = new Histogram({
    name: 'hallq_call_next_duration_seconds',
    help: 'Call-next latency (the whole transaction and answer)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'hallq_http_errors_total',
    help: 'Answers with status 5xx',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'hallq_waiting_tickets',
    help: 'Tickets waiting now, per hall',
    labelNames: ['hall'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await sql<{ code: string; n: number }>`
        select h.code, count(t.id)::int as n from halls h
        left join tickets t on t.hall_id = h.id and t.status = 'waiting'
        group by h.code`.execute(app.services.db);
      for (const r of rows.rows) this.set({ hall: r.code }, r.n);
    },
  });
  new Gauge({
    name: 'hallq_connected_sockets',
    help: 'Socket.IO clients connected to this process',
    registers: [registry],
    collect() {
      this.set(app.realtime?.connectedCount() ?? 0);
    },
  });
  new Gauge({
    name: 'hallq_outbox_backlog',
    help: 'Notifications waiting to be sent',
    registers: [registry],
    async collect() {
      try {
        const r = await sql<{
          n: number;
        }>`select count(*)::int as n from outbox where status = 'pending'`.execute(app.services.db);
        this.set(r.rows[0]?.n ?? 0);
      } catch {
        this.set(0);
      }
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    if (route.endsWith('/call-next')) callNext.observe(seconds);
    if (reply.statusCode >= 500) errors.inc({ route });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
