import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, IsoDate } from '../schemas.ts';
import { statsCsv, statsXlsx } from './stats.export.ts';
import { MAX_RANGE_DAYS, type StatsService } from './stats.service.ts';

const StatsQuery = z.object({
  from: IsoDate.describe('First service day, YYYY-MM-DD in the hall’s zone (inclusive)'),
  to: IsoDate.describe(`Last service day, inclusive; at most ${MAX_RANGE_DAYS} days from \`from\``),
  groupBy: z
    .enum(['matter', 'counter', 'clerk', 'hour'])
    .default('matter')
    .describe('hour = hour of day of the ticket’s issue in the hall’s zone'),
});

const minutes = (what: string) =>
  z.number().nullable().describe(`${what}, minutes (2 decimals); null when none`);
const ratio = (what: string) =>
  z.number().nullable().describe(`${what}: a fraction 0..1 (4 decimals); null when the denominator is 0`);

export const StatsRowOut = z.object({
  key: z
    .string()
    .nullable()
    .describe('The matter, counter or staff ID, or the hour "09"; null on the total row'),
  label: z.string().describe('“A 户籍”, the counter’s name, the clerk’s name, “09:00–10:00”, or 合计'),
  issued: z
    .number()
    .nullable()
    .describe('Tickets issued (issue events); null by counter and clerk (a ticket has neither when issued)'),
  called: z
    .number()
    .describe(
      'Call events (recalls not counted); a ticket called again after requeue or transfer counts again',
    ),
  served: z.number().describe('Finish events (tickets done)'),
  noShows: z.number().describe('No-show events (过号)'),
  noShowRate: ratio('noShows ÷ called'),
  requeued: z.number().describe('Requeue events (过号重排)'),
  transfers: z
    .number()
    .describe('Transfer events, counted at the matter, counter and clerk that transferred'),
  cancelled: z.number().describe('Cancel events (holder or staff)'),
  expired: z.number().describe('Tickets cancelled as expired at the service-day rollover'),
  waitCount: z.number().describe('Tickets with a first call (the sample of the wait figures)'),
  waitMeanMinutes: minutes(
    'Wait = first call time − issue time, once per ticket, at the counter and clerk of the first call; waits after a requeue or transfer are not included. Mean',
  ),
  waitP50Minutes: minutes('Wait median (percentile_cont 0.5)'),
  waitP90Minutes: minutes('Wait 90th percentile (percentile_cont 0.9)'),
  serviceMeanMinutes: minutes(
    'Service = finish − the latest start before it, at the finishing counter and clerk. Mean',
  ),
  serviceP50Minutes: minutes('Service median (percentile_cont 0.5)'),
  serviceP90Minutes: minutes('Service 90th percentile (percentile_cont 0.9)'),
  appointments: z.number().describe('Appointment tickets (checked in) issued in the range'),
  appointmentsOnTime: z
    .number()
    .describe('Of those, first called at most 10 minutes after the slot start (earlier counts as on time)'),
  punctualityRate: ratio('appointmentsOnTime ÷ appointments'),
  ratings: z.number().describe('Ratings of the tickets served, at the finishing counter, clerk and matter'),
  participationRate: ratio('ratings ÷ served'),
  satisfactionRate: ratio(
    'Ratings of 5, 4 or 3 (非常满意, 满意, 基本满意: the national 好差评 convention) ÷ ratings',
  ),
  meanScore: z.number().nullable().describe('Mean score 1..5 (2 decimals)'),
  distribution: z
    .object({ '5': z.number(), '4': z.number(), '3': z.number(), '2': z.number(), '1': z.number() })
    .describe('Ratings per level'),
});

const StatsOut = z
  .object({
    hallId: z.string(),
    hallName: z.string(),
    timezone: z.string(),
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(['matter', 'counter', 'clerk', 'hour']),
    rows: z
      .array(StatsRowOut)
      .describe('One row per group that has any figure, ordered by prefix, number, name or hour'),
    total: StatsRowOut.describe('The whole hall; events with no counter or clerk count only here'),
    opening: z
      .object({
        days: z
          .number()
          .describe(
            'Days the hall served walk-ins in the range (its hours, dated hours, closures, calendar)',
          ),
        minutes: z.number().describe('Minutes open on those days, lunch breaks left out'),
        servedPerOpenHour: z
          .number()
          .nullable()
          .describe('Tickets served per open hour (1 decimal); null when never open'),
      })
      .describe('The hall’s open time in the range, read from the same hours as slots and walk-in issuing'),
    greenChannel: z
      .array(z.object({ category: z.string(), issued: z.number(), served: z.number() }))
      .describe('绿色通道: tickets issued and served per category code (never a person)'),
    unresolvedCases: z
      .object({
        opened: z.number(),
        closed: z.number(),
        byMatter: z.array(z.object({ matterId: z.string(), matterName: z.string(), opened: z.number() })),
      })
      .describe('办不成事 cases opened in the range (hall zone), how many closed, and per matter concerned'),
  })
  .describe(
    'Computed from the ticket_events log of the tickets issued in the range (service days in the hall’s zone), ' +
      'so the same question always gets the same answer (ratings may still arrive for 7 days after service). ' +
      'Percentiles are continuous (linear interpolation between the closest ranks: the value at position ' +
      '1 + p·(n − 1) of the sorted sample, as PostgreSQL percentile_cont and Excel PERCENTILE.INC).',
  );

const fileName = (q: { from: string; to: string; groupBy: string }, ext: string) =>
  `hallq-stats-${q.from}_${q.to}-${q.groupBy}.${ext}`;

export const statsRoutes =
  (stats: StatsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/stats',
      {
        schema: {
          tags: ['stats'],
          summary:
            'Volumes, waits, service times, no-shows, punctuality and ratings by matter, counter, clerk or hour (manager, admin)',
          params: HallParams,
          querystring: StatsQuery,
          response: { 200: StatsOut, ...errors },
        },
      },
      async (request) =>
        stats.report(request.params.hallId, requireStaff(request, ['admin', 'manager']), request.query),
    );

    app.get(
      '/halls/:hallId/stats.csv',
      {
        schema: {
          tags: ['stats'],
          summary:
            'The same statistics as CSV: UTF-8 with BOM, Chinese headers, the total last (manager, admin)',
          description:
            'text/csv; RFC 4180 quoting and CRLF line ends; rates as fractions, minutes with 2 decimals.',
          produces: ['text/csv'],
          params: HallParams,
          querystring: StatsQuery,
          response: { 200: z.string().describe('CSV text'), ...errors },
        },
      },
      async (request, reply) => {
        const report = await stats.report(
          request.params.hallId,
          requireStaff(request, ['admin', 'manager']),
          request.query,
        );
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName(request.query, 'csv')}"`)
          .header('cache-control', 'no-store')
          .send(statsCsv(report));
      },
    );

    app.get(
      '/halls/:hallId/stats.xlsx',
      {
        schema: {
          tags: ['stats'],
          summary:
            'The same statistics as an Excel workbook: sheet 统计 and the definitions on 说明 (manager, admin)',
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
          params: HallParams,
          querystring: StatsQuery,
          response: { 200: z.string().describe('The workbook (binary)'), ...errors },
        },
      },
      async (request, reply) => {
        const report = await stats.report(
          request.params.hallId,
          requireStaff(request, ['admin', 'manager']),
          request.query,
        );
        // A binary body: Fastify sends a Buffer as it is, past the JSON serializer.
        return (reply as FastifyReply)
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${fileName(request.query, 'xlsx')}"`)
          .header('cache-control', 'no-store')
          .send(await statsXlsx(report));
      },
    );
  };
