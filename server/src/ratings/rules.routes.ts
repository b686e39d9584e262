import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams } from '../schemas.ts';
import type { RatingRulesService } from './rating-rules.ts';

export const RatingRulesOut = z.object({
  padPromptMinutes: z
    .number()
    .describe(
      'The pad prompts for the ticket just finished until the next service starts, at most this long',
    ),
  followUpWorkingDays: z
    .number()
    .describe(
      '回访核实: a 差评 case is followed up with the rater within this many working days (default 1)',
    ),
  rectifyWorkingDays: z
    .number()
    .describe(
      '整改反馈: a case is rectified and answered within this many working days (default 5; the hall setting complaintDueWorkingDays)',
    ),
  contactRetentionDays: z
    .number()
    .describe('A rater’s contact phone is erased this many days after the case closes (default 30)'),
  resultsOnDisplay: z.boolean().describe('Show the month’s 好差评 results on the lobby wall display'),
});

export const ratingRulesRoutes =
  (rules: RatingRulesService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/rating-rules',
      {
        schema: {
          tags: ['ratings'],
          summary:
            'The hall’s 好差评 rules: pad prompt time, the two deadlines, retention, publication (anyone)',
          params: HallParams,
          response: { 200: RatingRulesOut, ...errors },
        },
      },
      async (request) => rules.get(request.params.hallId),
    );

    app.put(
      '/halls/:hallId/rating-rules',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Change the hall’s 好差评 rules (manager, admin); fields left out keep their value',
          params: HallParams,
          body: z
            .object({
              padPromptMinutes: z.number().int().min(1).max(30),
              followUpWorkingDays: z.number().int().min(1).max(30),
              rectifyWorkingDays: z.number().int().min(1).max(60),
              contactRetentionDays: z.number().int().min(1).max(3650),
              resultsOnDisplay: z.boolean(),
            })
            .partial(),
          response: { 200: RatingRulesOut, ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request, ['admin', 'manager']);
        assertHallAccess(staff, request.params.hallId, ['admin', 'manager']);
        return rules.put(request.params.hallId, request.body, staff);
      },
    );
  };
