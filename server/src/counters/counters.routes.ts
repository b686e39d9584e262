import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { CounterParams, errors, HallParams, Id } from '../schemas.ts';
import type { QueueService } from '../tickets/queue.service.ts';
import { TicketOut } from '../tickets/tickets.routes.ts';
import type { TicketsService } from '../tickets/tickets.service.ts';
import { CounterInput, CounterPatch, publicCounter, type CountersService } from './counters.service.ts';

/** The ticket a counter has called or is serving. */
export const CounterTicketOut = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  matterId: z.string(),
  callCount: z.number(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
});

export const CounterOut = z.object({
  id: z.string(),
  hallId: z.string(),
  number: z.number(),
  name: z.string(),
  nameEn: z.string().describe('English name; empty when none'),
  matterIds: z.array(z.string()),
  status: z.enum(['closed', 'open', 'paused']),
  statusSince: z.string(),
  active: z.boolean(),
  clerk: z
    .object({
      id: z.string(),
      name: z.string(),
      staffNumber: z.string().nullable().describe('工号'),
      photoUrl: z.string().nullable(),
    })
    .nullable()
    .describe('亮证上岗: null to the public when the hall keeps staff details private'),
  resumeAt: z.string().nullable().describe('A paused counter: when it says it resumes'),
  currentTicket: CounterTicketOut.nullable(),
});

const QueueEntry = z.object({
  id: z.string(),
  number: z.string(),
  matterId: z.string(),
  class: z.enum(['normal', 'green', 'appointment']),
  transferred: z.boolean(),
  reservedCounterId: z.string().nullable(),
  waitedMinutes: z.number(),
  estimatedWaitMinutes: z.number().nullable(),
});

export const countersRoutes =
  (deps: {
    counters: CountersService;
    tickets: TicketsService;
    halls: HallsService;
    queue: QueueService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const { counters, tickets, halls, queue } = deps;

    app.get(
      '/halls/:hallId/counters',
      {
        schema: {
          tags: ['config'],
          summary: 'The hall’s counters with their status, clerk and current ticket',
          params: HallParams,
          response: { 200: z.array(CounterOut), ...errors },
        },
      },
      async (request) => {
        const hall = await halls.get(request.params.hallId);
        const list = await counters.list(request.params.hallId);
        return list.map((c) => publicCounter(c, hall.settings.staffDetailsPublic || request.staff !== null));
      },
    );

    app.get(
      '/counters/:counterId',
      {
        schema: {
          tags: ['config'],
          summary: 'One counter with its status, clerk and current ticket',
          params: CounterParams,
          response: { 200: CounterOut, ...errors },
        },
      },
      async (request) => {
        const counter = await counters.get(request.params.counterId);
        if (request.staff) return counter;
        const hall = await halls.get(counter.hallId);
        return publicCounter(counter, hall.settings.staffDetailsPublic);
      },
    );

    app.post(
      '/halls/:hallId/counters',
      {
        schema: {
          tags: ['config'],
          summary: 'Create a counter; matterIds in order of preference (manager, admin)',
          params: HallParams,
          body: CounterInput,
          response: { 201: CounterOut, ...errors },
        },
      },
      async (request, reply) => {
        assertHallAccess(requireStaff(request), request.params.hallId, ['admin', 'manager']);
        await halls.get(request.params.hallId);
        return reply.status(201).send(await counters.create(request.params.hallId, request.body));
      },
    );

    app.patch(
      '/counters/:counterId',
      {
        schema: {
          tags: ['config'],
          summary: 'Change a counter’s number, name, matters or use (manager, admin)',
          params: CounterParams,
          body: CounterPatch,
          response: { 200: CounterOut, ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        const row = await counters.row(request.params.counterId);
        assertHallAccess(staff, row.hall_id, ['admin', 'manager']);
        return counters.update(row.id, request.body);
      },
    );

    const counterAction = (path: string, summary: string, fn: 'open' | 'resume' | 'close') =>
      app.post(
        `/counters/:counterId/${path}`,
        {
          schema: {
            tags: ['queue'],
            summary,
            params: CounterParams,
            response: { 200: CounterOut, ...errors },
          },
        },
        async (request) => counters[fn](request.params.counterId, requireStaff(request)),
      );
    counterAction('open', 'The clerk opens the counter and is bound to it (one counter per clerk)', 'open');
    app.post(
      '/counters/:counterId/pause',
      {
        schema: {
          tags: ['queue'],
          summary:
            'Pause: the counter takes no calls; resumeAt is shown on its screen (暂停服务, 预计 … 恢复)',
          params: CounterParams,
          body: z
            .object({ resumeAt: z.string().datetime({ offset: true }).optional() })
            .nullish()
            .describe('optional: when the counter expects to resume'),
          response: { 200: CounterOut, ...errors },
        },
      },
      async (request) => {
        const at = request.body?.resumeAt;
        return counters.pause(request.params.counterId, requireStaff(request), at ? new Date(at) : null);
      },
    );
    counterAction('resume', 'Resume a paused counter', 'resume');
    counterAction('close', 'Close the counter; the clerk leaves it', 'close');

    app.post(
      '/counters/:counterId/call-next',
      {
        schema: {
          tags: ['queue'],
          summary:
            'Finish the serving ticket (if any) and call the next one by the queue policy; 204 when nobody waits',
          params: CounterParams,
          response: { 200: TicketOut, 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const ticket = await tickets.callNext(request.params.counterId, requireStaff(request));
        if (!ticket) return reply.status(204).send(null);
        return ticket;
      },
    );

    app.post(
      '/counters/:counterId/call',
      {
        schema: {
          tags: ['queue'],
          summary: 'Call a chosen waiting ticket (特呼)',
          params: CounterParams,
          body: z.object({ ticketId: Id }),
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) =>
        tickets.callChosen(request.params.counterId, request.body.ticketId, requireStaff(request)),
    );

    app.get(
      '/counters/:counterId/queue',
      {
        schema: {
          tags: ['queue'],
          summary: 'The waiting tickets this counter may take, in the order it would call them (staff)',
          params: CounterParams,
          response: { 200: z.array(QueueEntry), ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        const counter = await counters.get(request.params.counterId);
        assertHallAccess(staff, counter.hallId);
        const list = await queue.forCounter(counter);
        return list.map((t) => ({
          id: t.id,
          number: t.number,
          matterId: t.matterId,
          class: t.class,
          transferred: t.transferred,
          reservedCounterId: t.reservedCounterId,
          waitedMinutes: t.waitedMinutes,
          estimatedWaitMinutes: t.estimatedWaitMinutes,
        }));
      },
    );
  };
