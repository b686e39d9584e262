import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/index.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { errors, HallParams } from '../schemas.ts';
import type { QueueService } from '../tickets/queue.service.ts';
import { buildBoard } from './board.ts';
import { BoardOut } from './protocol.ts';

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
