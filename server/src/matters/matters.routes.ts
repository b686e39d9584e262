import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import { localTime } from '../domain/numbering.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, MatterParams } from '../schemas.ts';
import type { QueueService } from '../tickets/queue.service.ts';
import { MatterInput, MatterPatch, type Matter, type MattersService } from './matters.service.ts';

const MatterOut = z.object({
  id: z.string(),
  hallId: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  prefix: z.string(),
  description: z.string(),
  materials: z.array(z.string()),
  avgServiceMinutes: z.number(),
  walkIn: z.boolean(),
  dailyQuota: z.number().nullable(),
  lastIssueTime: z.string().nullable(),
  bookable: z.boolean(),
  active: z.boolean(),
  unresolvedWindow: z
    .boolean()
    .describe('办不成事反映窗口: finishing a ticket of this matter opens a 办不成事 case in the ledger'),
});

const MatterWithQueue = MatterOut.extend({
  waiting: z.number(),
  estimatedWaitMinutes: z.number().nullable(),
  longestWaitMinutes: z.number(),
  /** Whether a walk-in ticket can be taken now, and why not. */
  issuing: z.object({
    open: z.boolean(),
    reason: z.enum(['booking_only', 'after_last_issue', 'quota_reached']).nullable(),
  }),
});

export const mattersRoutes =
  (deps: {
    matters: MattersService;
    halls: HallsService;
    queue: QueueService;
    clock: Clock;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const { matters, halls, queue, clock } = deps;

    app.get(
      '/halls/:hallId/matters',
      {
        schema: {
          tags: ['config'],
          summary: 'The hall’s matters with how many wait and the estimated wait for a new ticket',
          params: HallParams,
          querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
          response: { 200: z.array(MatterWithQueue), ...errors },
        },
      },
      async (request) => {
        const hall = await halls.get(request.params.hallId);
        const includeInactive = request.query.all === 'true' && request.staff !== null;
        const list = await matters.list(hall.id, includeInactive);
        const snap = await queue.snapshot(hall.id);
        const issued = await queue.walkInsIssuedToday(hall.id);
        const now = localTime(clock.now(), hall.timezone);
        return list.map((m: Matter) => {
          const q = snap.byMatter.get(m.id);
          let reason: 'booking_only' | 'after_last_issue' | 'quota_reached' | null = null;
          if (!m.walkIn) reason = 'booking_only';
          else if (m.lastIssueTime && now >= m.lastIssueTime) reason = 'after_last_issue';
          else if (m.dailyQuota !== null && (issued.get(m.id) ?? 0) >= m.dailyQuota) reason = 'quota_reached';
          return {
            ...m,
            waiting: q?.waiting ?? 0,
            estimatedWaitMinutes: q?.estimatedWaitMinutes ?? null,
            longestWaitMinutes: q?.longestWaitMinutes ?? 0,
            issuing: { open: reason === null, reason },
          };
        });
      },
    );

    app.get(
      '/matters/:matterId',
      {
        schema: {
          tags: ['config'],
          summary: 'One matter (事项) with its settings',
          params: MatterParams,
          response: { 200: MatterOut, ...errors },
        },
      },
      async (request) => matters.get(request.params.matterId),
    );

    app.post(
      '/halls/:hallId/matters',
      {
        schema: {
          tags: ['config'],
          summary: 'Create a matter (manager of the hall, admin)',
          params: HallParams,
          body: MatterInput,
          response: { 201: MatterOut, ...errors },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        assertHallAccess(staff, request.params.hallId, ['admin', 'manager']);
        await halls.get(request.params.hallId);
        return reply.status(201).send(await matters.create(request.params.hallId, request.body));
      },
    );

    app.patch(
      '/matters/:matterId',
      {
        schema: {
          tags: ['config'],
          summary: 'Change a matter (manager of its hall, admin)',
          params: MatterParams,
          body: MatterPatch,
          response: { 200: MatterOut, ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        const current = await matters.get(request.params.matterId);
        assertHallAccess(staff, current.hallId, ['admin', 'manager']);
        return matters.update(current.id, request.body);
      },
    );
  };
