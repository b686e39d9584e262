// Reading the audit log: a hall's log for its manager (or an admin), and the whole log for an
// admin, which also holds what belongs to no hall (the national calendar, an admin's sign-in,
// a sign-in with a username no account has). Newest first, filtered by person, action and day,
// paged with `before` (the last id of the previous page).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import type { Db } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, Id, IsoDate } from '../schemas.ts';

const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const AuditEntry = z.object({
  id: z.string().describe('Also the paging cursor: pass the last one as `before` for older entries'),
  at: z.string(),
  hallId: z.string().nullable(),
  staff: z
    .object({ id: z.string(), username: z.string(), name: z.string() })
    .nullable()
    .describe('Who acted; null for a failed sign-in and an anonymous refused attempt'),
  action: z
    .string()
    .describe(
      'What was done: ticket.call, matter.update, hall.create, auth.sign-in, auth.sign-in.failed, ' +
        'auth.sign-in.throttled, auth.sign-out, access.refused, …',
    ),
  outcome: z.enum(['ok', 'failed', 'refused']),
  address: z.string().nullable().describe('The caller’s address'),
  actorLabel: z
    .string()
    .nullable()
    .describe(
      'Who tried when nobody was signed in: the account’s username, or #fingerprint (a keyed hash) of a username no account has',
    ),
  labels: z
    .record(z.string(), z.string())
    .describe(
      'Names of what was acted on as they were then: ticket (number), matter, counter, staff, hall; ' +
        'attempted (the action code) for a refused attempt',
    ),
  repeats: z.number().describe('How many times this refusal or failure came from the address within minutes'),
  lastAt: z.string().nullable().describe('The last repeat'),
  method: z.string(),
  route: z.string(),
  targetId: z.string().nullable(),
  status: z.number(),
  details: z.record(z.string(), z.unknown()),
});

/** An audit entry as the API answers it (the console and the tests read this type). */
export type AuditEntry = z.infer<typeof AuditEntry>;

const Filters = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'must be an entry id')
    .optional()
    .describe('Only entries older than this id (paging)'),
  staffId: Id.optional().describe('Only what this staff member did'),
  action: z
    .string()
    .regex(/^[a-z0-9.-]{1,60}$/, 'must be an action code such as ticket.call')
    .optional()
    .describe('Only this action'),
  day: IsoDate.optional().describe('Only this day, in the hall’s time zone'),
});
type Filters = z.infer<typeof Filters>;

async function list(db: Db, hallId: string | null, timezone: string, f: Filters) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.id',
      'a.at',
      'a.hall_id',
      'a.method',
      'a.route',
      'a.target_id',
      'a.status',
      'a.details',
      'a.action',
      'a.outcome',
      'a.address',
      'a.actor_label',
      'a.labels',
      'a.repeats',
      'a.last_at',
      's.id as staff_id',
      's.username',
      's.name',
    ]);
  if (hallId) q = q.where('a.hall_id', '=', hallId);
  if (f.before) q = q.where('a.id', '<', f.before);
  if (f.staffId) q = q.where('a.staff_id', '=', f.staffId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.day) {
    const start = DateTime.fromISO(f.day, { zone: timezone }).startOf('day');
    q = q.where('a.at', '>=', start.toJSDate()).where('a.at', '<', start.plus({ days: 1 }).toJSDate());
  }
  const rows = await q.orderBy('a.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    hallId: r.hall_id,
    staff: r.staff_id ? { id: r.staff_id, username: r.username ?? '', name: r.name ?? '' } : null,
    action: r.action,
    outcome: r.outcome,
    address: r.address,
    actorLabel: r.actor_label,
    labels: r.labels,
    repeats: r.repeats,
    lastAt: r.last_at ? new Date(r.last_at).toISOString() : null,
    method: r.method,
    route: r.route,
    targetId: r.target_id,
    status: r.status,
    details: r.details,
  }));
}

export const auditRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/audit',
      {
        schema: {
          tags: ['config'],
          summary:
            'The hall’s audit log: staff actions, sign-ins, failed sign-ins and refused attempts, newest first (manager, admin)',
          params: HallParams,
          querystring: Filters,
          response: { 200: z.array(AuditEntry), ...errors },
        },
      },
      async (request) => {
        assertHallAccess(requireStaff(request), request.params.hallId, ['admin', 'manager']);
        const hall = await db
          .selectFrom('halls')
          .select('timezone')
          .where('id', '=', request.params.hallId)
          .executeTakeFirst();
        if (!hall) throw notFound('Hall');
        return list(db, request.params.hallId, hall.timezone, request.query);
      },
    );

    app.get(
      '/audit',
      {
        schema: {
          tags: ['config'],
          summary:
            'The whole audit log, every hall’s and what belongs to none (calendar, sign-ins with no hall) (admin)',
          description: 'Days are counted in Asia/Shanghai.',
          querystring: Filters,
          response: { 200: z.array(AuditEntry), ...errors },
        },
      },
      async (request) => {
        requireStaff(request, ['admin']);
        return list(db, null, DEFAULT_TIMEZONE, request.query);
      },
    );
  };
