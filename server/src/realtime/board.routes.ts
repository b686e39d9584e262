import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/index.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { errors, HallParams } from '../schemas.ts';
import type { QueueService } from '../tickets/queue.service.ts';
import { buildBoard } from './board.ts';

const BoardOut = z.object({
  hallId: z.string(),
  seq: z.number(),
  at: z.string(),
  calls: z.array(
    z.object({
      ticketId: z.string(),
      number: z.string(),
      matterId: z.string(),
      status: z.string(),
      counterId: z.string(),
      counterNumber: z.number(),
      counterName: z.string(),
      calledAt: z.string(),
      callCount: z.number(),
    }),
  ),
  counters: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      name: z.string(),
      status: z.string(),
      matterIds: z.array(z.string()),
      currentTicket: z.object({ id: z.string(), number: z.string(), status: z.string() }).nullable(),
    }),
  ),
  waiting: z.array(
    z.object({
      matterId: z.string(),
      count: z.number(),
      estimatedWaitMinutes: z.number().nullable(),
      longestWaitMinutes: z.number(),
    }),
  ),
});

export const boardRoutes =
  (deps: { db: Db; queue: QueueService; halls: HallsService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/board',
      {
        schema: {
          tags: ['realtime'],
          summary: 'What the wall display shows, with the event seq it is current to',
          params: HallParams,
          response: { 200: BoardOut, ...errors },
        },
      },
      async (request) => {
        await deps.halls.get(request.params.hallId);
        return buildBoard(deps.db, deps.queue, request.params.hallId);
      },
    );
  };
