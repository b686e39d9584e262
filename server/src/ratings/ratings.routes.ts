import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perMinute } from '../plugins/client-limits.ts';
import {
  COMMENT_MAX_LENGTH,
  isPoorScore,
  LEVEL_LABELS,
  RATING_REASONS,
  RATING_WINDOW_DAYS,
  SCORES,
} from '../domain/ratings.ts';
import { isMainlandMobile, normalizePhone } from '../domain/id-number.ts';
import { requireStaff } from '../plugins/auth.ts';
import { CounterParams, errors, TicketParams, Text, TokenQuery } from '../schemas.ts';
import { PAD_HEADER, type PadsService } from './pads.service.ts';
import type { RatingsService } from './ratings.service.ts';

const PadHeaders = z
  .object({
    [PAD_HEADER]: z
      .string()
      .min(8)
      .max(200)
      .optional()
      .describe('The rating pad’s token (from POST /counters/:counterId/pad-token)'),
  })
  .passthrough();

export const RatingBody = z
  .object({
    score: z.number().int().min(1).max(5).describe('5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意'),
    reasons: z
      .array(z.enum(RATING_REASONS))
      .max(RATING_REASONS.length)
      .refine((r) => new Set(r).size === r.length, 'must not repeat a reason')
      .optional()
      .describe('Required (at least one) for a score of 2 or 1'),
    comment: Text(COMMENT_MAX_LENGTH, { multiline: true })
      .optional()
      .describe('Free text; an ID number or phone typed into it is stored masked'),
    contactPhone: z
      .string()
      .max(20)
      .transform(normalizePhone)
      .refine(isMainlandMobile, 'must be a mainland mobile number (11 digits starting with 1)')
      .optional()
      .describe(
        '留下联系方式以便回访: the rater’s choice (实名). Kept, encrypted, only with a score of 2 or 1 (it opens a case); erased after the case closes plus contactRetentionDays',
      ),
  })
  .superRefine((b, ctx) => {
    if (isPoorScore(b.score) && !b.reasons?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'a score of 2 or 1 needs at least one reason',
      });
  });

export const RatingOut = z.object({
  id: z.string(),
  ticketId: z.string(),
  score: z.number(),
  level: z.string().describe('The level’s name, e.g. 满意'),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  source: z.enum(['holder', 'pad']).describe('Where it was given: the holder’s phone or the counter’s pad'),
  realName: z.boolean().describe('The rater left a phone for 回访 (kept only for a 差评)'),
  excluded: z.boolean().describe('An appeal review found the rating mistaken: kept, marked, in no figure'),
  createdAt: z.string(),
});

const RatingStatusOut = z.object({
  ticketId: z.string(),
  number: z.string(),
  status: z.string(),
  rated: z.boolean(),
  ratable: z.boolean().describe('Served, not rated yet, and within 7 days of finishing'),
  closesAt: z.string().nullable().describe('Until when a served ticket can be rated'),
  rating: RatingOut.nullable(),
});

const OptionsOut = z.object({
  levels: z.array(z.object({ score: z.number(), label: z.string(), needsReason: z.boolean() })),
  reasons: z.array(z.string()),
  windowDays: z.number(),
  commentMaxLength: z.number(),
});

const PadTokenOut = z.object({
  counterId: z.string(),
  token: z.string().describe('Shown once: the pad keeps it and sends it as the X-Pad-Token header'),
  issuedAt: z.string(),
});

const PadStatusOut = z.object({
  counterId: z.string(),
  paired: z.boolean(),
  issuedAt: z.string().nullable(),
  lastSeenAt: z
    .string()
    .nullable()
    .describe(
      'When the pad was last heard from (a request with its X-Pad-Token, or its connected screen’s heartbeat); written at most once a minute; null: never',
    ),
  offline: z
    .boolean()
    .describe(
      'Paired, the hall is open now and the pad was not heard from for more than 5 minutes (or never)',
    ),
});

const PadOut = z.object({
  counter: z.object({ id: z.string(), hallId: z.string(), number: z.number(), name: z.string() }),
  clerkName: z.string().nullable(),
  prompt: z
    .object({
      ticketId: z.string(),
      number: z.string(),
      matterId: z.string(),
      matterName: z.string(),
      finishedAt: z.string(),
      promptUntil: z.string(),
    })
    .nullable()
    .describe(
      'The ticket just finished at this counter, not rated yet, until the next service starts here or the hall’s padPromptMinutes pass; null: idle screen',
    ),
});

export const ratingsRoutes =
  (deps: { ratings: RatingsService; pads: PadsService }): FastifyPluginAsyncZod =>
  async (app) => {
    const { ratings, pads } = deps;

    app.get(
      '/ratings/options',
      {
        schema: {
          tags: ['ratings'],
          summary: 'The five levels, the reasons for a poor rating and the rating window (anyone)',
          response: { 200: OptionsOut, ...errors },
        },
      },
      async () => ({
        levels: SCORES.map((score) => ({
          score,
          label: LEVEL_LABELS[score],
          needsReason: isPoorScore(score),
        })),
        reasons: [...RATING_REASONS],
        windowDays: RATING_WINDOW_DAYS,
        commentMaxLength: COMMENT_MAX_LENGTH,
      }),
    );

    app.post(
      '/tickets/:ticketId/rating',
      {
        config: { rateLimit: perMinute(30) },
        schema: {
          tags: ['ratings'],
          summary:
            'Rate a served ticket (好差评): the holder (X-Holder-Token) or the pad of its counter (X-Pad-Token)',
          description:
            'One rating per ticket (409 ALREADY_RATED), within 7 days of finishing (409 RATING_CLOSED); ' +
            'only a `done` ticket (409 NOT_FINISHED). A pad rates only the ticket it prompts for: the one just ' +
            'finished at its counter, until the next service starts there or padPromptMinutes pass (409 RATING_CLOSED after). A score of 2 or 1 needs a reason and opens a case ' +
            'in the 差评 ledger. Appends the hall event `rating.created` {ticketId, counterId, score}.',
          params: TicketParams,
          querystring: TokenQuery,
          headers: PadHeaders,
          body: RatingBody,
          response: { 201: RatingOut, ...errors },
        },
      },
      async (request, reply) => {
        const rating = await ratings.rate(request.params.ticketId, request.body, {
          token: request.query.token,
          padToken: request.headers[PAD_HEADER],
        });
        return reply.status(201).send(rating);
      },
    );

    app.get(
      '/tickets/:ticketId/rating',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Whether the ticket is rated and may still be (the holder, its counter’s pad, or staff)',
          params: TicketParams,
          querystring: TokenQuery,
          headers: PadHeaders,
          response: { 200: RatingStatusOut, ...errors },
        },
      },
      async (request) =>
        ratings.status(request.params.ticketId, {
          token: request.query.token,
          padToken: request.headers[PAD_HEADER],
          staff: request.staff,
        }),
    );

    app.post(
      '/counters/:counterId/pad-token',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Pair a rating pad with the counter (manager, admin); the previous pad stops working',
          params: CounterParams,
          response: { 201: PadTokenOut, ...errors },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request, ['admin', 'manager']);
        return reply.status(201).send(await pads.issue(request.params.counterId, staff));
      },
    );

    app.get(
      '/counters/:counterId/pad-token',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Whether the counter has a paired pad (manager, admin); never the token',
          params: CounterParams,
          response: { 200: PadStatusOut, ...errors },
        },
      },
      async (request) => pads.status(request.params.counterId, requireStaff(request, ['admin', 'manager'])),
    );

    app.delete(
      '/counters/:counterId/pad-token',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Unpair the counter’s pad (manager, admin)',
          params: CounterParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await pads.revoke(request.params.counterId, requireStaff(request, ['admin', 'manager']));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/counters/:counterId/pad',
      {
        schema: {
          tags: ['ratings'],
          summary: 'The rating pad’s screen: whom to prompt now (X-Pad-Token of this counter)',
          description:
            'The pad listens to the hall’s Socket.IO stream (`subscribe` {hallId}) and asks again on ' +
            '`ticket.updated` events whose data has status `done` and its counterId, and on ' +
            '`rating.created` for its counter; it also asks every few seconds as a fallback.',
          params: CounterParams,
          headers: PadHeaders,
          response: { 200: PadOut, ...errors },
        },
      },
      async (request) => pads.prompt(request.params.counterId, request.headers[PAD_HEADER]),
    );
  };
