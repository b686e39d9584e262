import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, isId } from '../schemas.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Never written to the audit log: secrets and residents' personal data.
const SECRET_KEYS = new Set([
  'password',
  'idNumber',
  'phone',
  'name',
  'token',
  'comment',
  'code',
  'data',
  'summary',
]);

const PARAM_TABLES: [string, 'matters' | 'counters' | 'tickets' | 'staff'][] = [
  ['matterId', 'matters'],
  ['counterId', 'counters'],
  ['ticketId', 'tickets'],
  ['staffId', 'staff'],
];

/** The hall a request acted on, from its path parameters. */
async function hallOf(db: Db, request: FastifyRequest): Promise<string | null> {
  const params = (request.params ?? {}) as Record<string, string>;
  if (params.hallId && isId(params.hallId)) return params.hallId;
  for (const [param, table] of PARAM_TABLES) {
    const id = params[param];
    if (id && isId(id)) {
      const row = await db.selectFrom(table).select('hall_id').where('id', '=', id).executeTakeFirst();
      if (row) return row.hall_id;
    }
  }
  return request.staff?.hallId ?? null;
}

function summarize(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k] = SECRET_KEYS.has(k) ? '[not logged]' : v;
  }
  return out;
}

/** Every successful change made by a signed-in staff member is written to the audit log. */
export function registerAudit(app: FastifyInstance, db: Db, clock: Clock): void {
  app.addHook('onResponse', async (request, reply) => {
    const staff = request.staff;
    if (!staff || !UNSAFE.has(request.method) || reply.statusCode >= 400) return;
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    if (route.startsWith('/api/v1/auth/')) return;
    // A route that writes its own audit entry in its transaction (show a rater's contact).
    if ((request.routeOptions.config as { auditedInService?: boolean } | undefined)?.auditedInService) return;
    try {
      const params = (request.params ?? {}) as Record<string, string>;
      const target = Object.values(params)[0] ?? null;
      await db
        .insertInto('audit_log')
        .values({
          hall_id: await hallOf(db, request),
          staff_id: staff.id,
          at: clock.now(),
          method: request.method,
          route,
          target_id: target,
          status: reply.statusCode,
          details: JSON.stringify({ params, body: summarize(request.body) }),
        })
        .execute();
    } catch (err) {
      request.log.warn({ err }, 'audit log write failed');
    }
  });
}

const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  staff: z.object({ id: z.string(), username: z.string(), name: z.string() }),
  method: z.string(),
  route: z.string(),
  targetId: z.string().nullable(),
  status: z.number(),
  details: z.record(z.string(), z.unknown()),
});

export const auditRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/audit',
      {
        schema: {
          tags: ['config'],
          summary: 'The audit log of staff actions in the hall, newest first (manager, admin)',
          params: HallParams,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: { 200: z.array(AuditEntry), ...errors },
        },
      },
      async (request) => {
        assertHallAccess(requireStaff(request), request.params.hallId, ['admin', 'manager']);
        const rows = await db
          .selectFrom('audit_log as a')
          .innerJoin('staff as s', 's.id', 'a.staff_id')
          .select([
            'a.id',
            'a.at',
            'a.method',
            'a.route',
            'a.target_id',
            'a.status',
            'a.details',
            's.id as staff_id',
            's.username',
            's.name',
          ])
          .where('a.hall_id', '=', request.params.hallId)
          .orderBy('a.id', 'desc')
          .limit(request.query.limit)
          .execute();
        return rows.map((r) => ({
          id: String(r.id),
          at: new Date(r.at).toISOString(),
          staff: { id: r.staff_id, username: r.username, name: r.name },
          method: r.method,
          route: r.route,
          targetId: r.target_id,
          status: r.status,
          details: r.details,
        }));
      },
    );
  };
