import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams } from '../schemas.ts';
import type { Services } from '../services.ts';
import { StaffingService } from './staffing.service.ts';

const Figures = z.object({
  meanWaitMinutes: z.number(),
  p90WaitMinutes: z.number(),
  calledWithinTarget: z.number().describe('Share of tickets called within the target minutes (0–1)'),
});

const AdviceQuery = z.object({
  targetShare: z.coerce
    .number()
    .min(0.5)
    .max(0.99)
    .default(0.8)
    .describe('e.g. 0.8: 80 % called within targetMinutes'),
  targetMinutes: z.coerce.number().int().min(1).max(240).default(20),
  maxMattersPerCounter: z.coerce.number().int().min(1).max(10).default(3),
  historyDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(28)
    .describe('Days of ticket_events history before today'),
});

const AdviceOut = z.object({
  basedOn: z.object({
    from: z.string(),
    to: z.string(),
    days: z.number().describe('Days with tickets'),
    tickets: z.number(),
  }),
  target: z.object({ share: z.number(), minutes: z.number() }),
  simulatedDays: z
    .number()
    .describe('Days of next week simulated for every figure (same draws for every configuration)'),
  hours: z.array(
    z.object({
      hour: z.string(),
      arrivalsPerHour: z.number(),
      todayCounters: z.number(),
      proposedCounters: z.number(),
      todayCalledWithinTarget: z.number(),
      proposedCalledWithinTarget: z.number(),
    }),
  ),
  staffing: z.object({
    today: Figures,
    proposed: Figures,
    counterHoursToday: z.number(),
    counterHoursProposed: z.number(),
  }),
  skills: z.object({
    maxMattersPerCounter: z.number(),
    counters: z.array(
      z.object({
        counterId: z.string(),
        number: z.number(),
        name: z.string(),
        today: z.array(z.string()).describe('Matter ids, primary first'),
        proposed: z.array(z.string()),
      }),
    ),
    today: Figures,
    proposed: Figures,
    pooled: Figures.describe('Every counter serving every matter, first come first served: the reference'),
  }),
});

export const staffingRoutes =
  (s: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const staffing = new StaffingService(s.db, s.clock, s.halls, s.matters, s.counters);
    app.get(
      '/halls/:hallId/staffing',
      {
        schema: {
          tags: ['stats'],
          summary:
            'Staffing advisor: counters to open each hour next week for a target, and the matters each counter should serve, simulated from the hall’s history beside today’s configuration (managers)',
          params: HallParams,
          querystring: AdviceQuery,
          response: { 200: AdviceOut, ...errors },
        },
      },
      async (request) =>
        staffing.advise(request.params.hallId, requireStaff(request, ['admin', 'manager']), request.query),
    );
  };
