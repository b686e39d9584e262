import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, Id, IsoDate } from '../schemas.ts';
import { FEED_FIELDS, FEED_HEADER, feedCsv, type FeedService } from './feed.service.ts';
import type { ResultsService } from './results.service.ts';

const Group = z.object({
  id: z.string(),
  name: z.string(),
  ratings: z.number(),
  satisfactionRate: z.number().nullable().describe('Ratings of 5, 4 or 3 ÷ ratings'),
});

const ResultsOut = z.object({
  hallId: z.string(),
  hallName: z.string(),
  month: z.string(),
  ratings: z.number(),
  satisfactionRate: z.number().nullable(),
  poor: z.number().describe('差评 (ratings of 2 or 1) this month'),
  rectifiedOnTime: z.number(),
  rectifiedOnTimeRate: z.number().nullable().describe('差评 rectified or explained by their due day ÷ 差评'),
  byMatter: z.array(Group),
  byCounter: z.array(Group),
});

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

const FeedQuery = z
  .object({
    from: IsoDate.describe('First service day (hall zone) of the ratings'),
    to: IsoDate.describe('Last service day'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'at most one year per request',
    path: ['to'],
  });

const FeedHeaders = z
  .object({ [FEED_HEADER]: z.string().min(8).max(200).optional().describe('A machine account’s feed token') })
  .passthrough();

const FeedRecordOut = z.object(
  Object.fromEntries(FEED_FIELDS.map((f) => [f, z.union([z.string(), z.number(), z.boolean(), z.null()])])),
);

export const feedRoutes =
  (deps: {
    feed: FeedService;
    results: ResultsService;
    month: (hallId: string) => Promise<string>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const { feed, results } = deps;

    app.get(
      '/halls/:hallId/results',
      {
        schema: {
          tags: ['ratings'],
          summary:
            'The month’s published 好差评 results: satisfaction by matter and counter, 差评, rectified on time (anyone)',
          params: HallParams,
          querystring: z.object({
            month: Month.optional().describe('Default: this month in the hall’s zone'),
          }),
          response: { 200: ResultsOut, ...errors },
        },
      },
      async (request) =>
        results.month(
          request.params.hallId,
          request.query.month ?? (await deps.month(request.params.hallId)),
        ),
    );

    const read = async (request: {
      params: { hallId: string };
      query: { from: string; to: string };
      headers: Record<string, unknown>;
      staff?: Parameters<FeedService['assertReader']>[1] | undefined;
    }) => {
      const token = request.headers[FEED_HEADER];
      await feed.assertReader(
        request.params.hallId,
        request.staff ?? null,
        typeof token === 'string' ? token : undefined,
      );
      return feed.records(request.params.hallId, request.query.from, request.query.to);
    };
    const description =
      'For a manager (session) or a machine account (X-Feed-Token header from POST /halls/:hallId/feed-tokens). ' +
      'One record per rating given on the service days from..to, with its case. Fields: README “The provincial feed”. No rater data.';

    app.get(
      '/halls/:hallId/haocha-feed',
      {
        schema: {
          tags: ['ratings'],
          summary: 'The provincial 好差评 feed (GB/T 39734-2020): ratings and their cases by date range',
          description,
          params: HallParams,
          querystring: FeedQuery,
          headers: FeedHeaders,
          response: {
            200: z.object({ fields: z.array(z.string()), records: z.array(FeedRecordOut) }),
            ...errors,
          },
        },
      },
      async (request) => ({ fields: [...FEED_FIELDS], records: await read(request) }),
    );

    app.get(
      '/halls/:hallId/haocha-feed.csv',
      {
        schema: {
          tags: ['ratings'],
          summary: 'The provincial 好差评 feed as CSV (UTF-8 with BOM, the field names as header row)',
          description,
          params: HallParams,
          querystring: FeedQuery,
          headers: FeedHeaders,
          produces: ['text/csv'],
          response: { 200: z.string(), ...errors },
        },
      },
      async (request, reply) => {
        const records = await read(request);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="haocha-${request.query.from}-${request.query.to}.csv"`,
          )
          .header('cache-control', 'no-store')
          .send(feedCsv(records));
      },
    );

    app.post(
      '/halls/:hallId/feed-tokens',
      {
        schema: {
          tags: ['ratings'],
          summary: 'A machine account token for the provincial feed (manager, admin); shown once',
          params: HallParams,
          body: z.object({ name: z.string().trim().min(1).max(100) }),
          response: {
            201: z.object({ id: z.string(), name: z.string(), token: z.string(), createdAt: z.string() }),
            ...errors,
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await feed.issueToken(
              request.params.hallId,
              request.body.name,
              requireStaff(request, ['admin', 'manager']),
            ),
          ),
    );

    app.delete(
      '/halls/:hallId/feed-tokens/:tokenId',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Revoke a feed token (manager, admin)',
          params: HallParams.extend({ tokenId: Id }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await feed.revokeToken(
          request.params.hallId,
          request.params.tokenId,
          requireStaff(request, ['admin', 'manager']),
        );
        return reply.status(204).send(null);
      },
    );
  };
