import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CounterTicketOut } from '../counters/counters.routes.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams } from '../schemas.ts';
import type { FloorService } from './floor.service.ts';

const FloorOut = z
  .object({
    hallId: z.string(),
    at: z.string(),
    seq: z.number().describe('The hall event seq this picture reflects'),
    waitAlertMinutes: z
      .number()
      .describe('The hall’s alert threshold (PATCH /halls/:hallId waitAlertMinutes)'),
    totals: z.object({
      waiting: z.number(),
      servedToday: z.number(),
      openCounters: z.number(),
      pausedCounters: z.number(),
      closedCounters: z.number(),
      alerts: z.number(),
    }),
    matters: z.array(
      z.object({
        matterId: z.string(),
        code: z.string(),
        prefix: z.string(),
        name: z.string(),
        waiting: z.number(),
        longestWaitMinutes: z
          .number()
          .describe('Since queue time (issue, or re-entry after a requeue or transfer)'),
        estimatedWaitMinutes: z
          .number()
          .nullable()
          .describe('What a ticket taken now would wait; null: no open counter serves it'),
        openCounters: z.number().describe('Open counters that serve this matter'),
        servedToday: z.number(),
        alert: z.boolean().describe('longestWaitMinutes > waitAlertMinutes'),
        suggestedCounters: z
          .array(
            z.object({
              id: z.string(),
              number: z.number(),
              name: z.string(),
              status: z.enum(['closed', 'paused']),
              position: z.number().describe('The matter’s place in the counter’s list (0 = primary)'),
            }),
          )
          .describe(
            'With an alert: counters not open now that serve the matter, best first (suggest opening one)',
          ),
      }),
    ),
    counters: z.array(
      z.object({
        id: z.string(),
        number: z.number(),
        name: z.string(),
        matterIds: z.array(z.string()),
        status: z.enum(['closed', 'open', 'paused']),
        statusSince: z.string(),
        pausedMinutes: z.number().nullable().describe('Minutes since it was paused; null when not paused'),
        clerk: z.object({ id: z.string(), name: z.string() }).nullable(),
        currentTicket: CounterTicketOut.extend({
          minutesAtCounter: z
            .number()
            .nullable()
            .describe('Serving: minutes since start; called: since the call'),
        }).nullable(),
        servedToday: z.number(),
      }),
    ),
  })
  .describe(
    'Refetch on every Socket.IO hall event (ticket.*, counter.updated, queue.updated) and every 30 s, since waits grow with time alone.',
  );

export const floorRoutes =
  (floor: FloorService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/floor',
      {
        schema: {
          tags: ['stats'],
          summary:
            'The live floor dashboard: queues per matter with alerts, counters with clerk and current ticket (staff of the hall)',
          params: HallParams,
          response: { 200: FloorOut, ...errors },
        },
      },
      async (request) => floor.floor(request.params.hallId, requireStaff(request)),
    );
  };
