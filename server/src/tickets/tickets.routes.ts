import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perMinute } from '../plugins/client-limits.ts';
import { isMainlandMobile, normalizePhone } from '../domain/id-number.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, Id, Text, TicketParams, TokenQuery } from '../schemas.ts';
import type { UnresolvedCases } from '../complaints/unresolved.ts';
import type { TicketsService } from './tickets.service.ts';

export const TicketOut = z.object({
  id: z.string(),
  number: z.string(),
  hallId: z.string(),
  matterId: z.string(),
  class: z.enum(['normal', 'green', 'appointment']),
  status: z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled']),
  channel: z.enum(['kiosk', 'online', 'desk', 'check-in']),
  serviceDay: z.string(),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counterId: z.string().nullable(),
  counterNumber: z.number().nullable(),
  callCount: z.number(),
  ahead: z.number(),
  estimatedWaitMinutes: z.number().nullable(),
  appointmentId: z.string().nullable(),
  cancelReason: z.string().nullable(),
  transferredTo: z
    .object({
      matterId: z.string(),
      counterNumber: z
        .number()
        .nullable()
        .describe('The counter it was sent to; null: any counter of the matter'),
    })
    .nullable()
    .describe(
      'Where a transferred ticket now waits (the holder’s page shows it); null when never transferred',
    ),
  category: z.string().nullable().describe('Green channel (绿色通道) category code'),
  assisted: z.boolean().describe('帮办: served with the help desk’s assistance'),
  token: z.string().optional(),
});

const IssueBody = z.object({
  matterId: Id,
  class: z.enum(['normal', 'green']).optional(),
  category: z
    .string()
    .regex(/^[a-z0-9-]{2,32}$/)
    .optional()
    .describe('Green channel category code (GET /halls/:hallId greenCategories); implies class green'),
  phone: z
    .string()
    .max(20)
    .transform(normalizePhone)
    .refine(isMainlandMobile, 'must be a mainland mobile number (11 digits starting with 1)')
    .optional(),
  channel: z.enum(['kiosk', 'online']).optional(),
});

export const ticketsRoutes =
  (tickets: TicketsService, unresolved: UnresolvedCases): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/halls/:hallId/tickets',
      {
        config: { rateLimit: perMinute(30) },
        schema: {
          tags: ['tickets'],
          summary:
            'Take a ticket. A retry with the same Idempotency-Key returns the same ticket. A green ticket from the kiosk needs a category; staff may issue one without.',
          params: HallParams,
          headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }).passthrough(),
          body: IssueBody,
          response: { 201: TicketOut, ...errors },
        },
      },
      async (request, reply) => {
        const ticket = await tickets.issue(request.params.hallId, request.body, {
          staff: request.staff,
          idempotencyKey: request.headers['idempotency-key'],
          channel: request.staff ? 'desk' : (request.body.channel ?? 'kiosk'),
        });
        return reply.status(201).send(ticket);
      },
    );

    app.get(
      '/tickets/:ticketId',
      {
        schema: {
          tags: ['tickets'],
          summary: 'A ticket, for its holder (token) or staff',
          params: TicketParams,
          querystring: TokenQuery,
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) =>
        tickets.get(request.params.ticketId, { staff: request.staff, token: request.query.token }),
    );

    app.post(
      '/tickets/:ticketId/cancel',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Cancel a waiting ticket (the holder or staff)',
          params: TicketParams,
          querystring: TokenQuery,
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) =>
        tickets.cancel(request.params.ticketId, { staff: request.staff, token: request.query.token }),
    );

    const action = (path: string, summary: string, act: 'recall' | 'start' | 'finish' | 'no_show') =>
      app.post(
        `/tickets/:ticketId/${path}`,
        {
          schema: { tags: ['queue'], summary, params: TicketParams, response: { 200: TicketOut, ...errors } },
        },
        async (request) => tickets.act(request.params.ticketId, act, requireStaff(request)),
      );
    action('recall', 'Call the ticket again (重呼)', 'recall');
    action('start', 'The resident arrived: service starts', 'start');
    app.post(
      '/tickets/:ticketId/finish',
      {
        schema: {
          tags: ['queue'],
          summary: 'Service finished; at the 办不成事 window with the summary that opens a 办不成事 case',
          description:
            'A ticket of the hall’s 办不成事 window (matter unresolvedWindow) needs `summary` (409 SUMMARY_REQUIRED ' +
            'without it); its finish opens a case of kind unresolved in the ledger. Elsewhere the body is ignored.',
          params: TicketParams,
          body: z
            .object({
              summary: Text(2000, { multiline: true })
                .optional()
                .describe('办不成事: what could not be done'),
              concernedMatterId: Id.optional().describe(
                '办不成事: the matter it concerned (default: the window’s matter)',
              ),
            })
            .nullish(),
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) =>
        unresolved.finish(request.params.ticketId, requireStaff(request), request.body ?? {}),
    );
    action('no-show', 'The resident did not come after the call (过号)', 'no_show');

    app.get(
      '/halls/:hallId/tickets',
      {
        schema: {
          tags: ['tickets'],
          summary:
            'Help desk (导服台): today’s tickets with a number, to reprint, cancel or mark 帮办 (staff)',
          params: HallParams,
          querystring: z.object({
            number: z.string().regex(/^\s*[A-Za-z]{1,2}\d{1,4}\s*$/, 'must be a ticket number such as A001'),
          }),
          response: { 200: z.array(TicketOut), ...errors },
        },
      },
      async (request) =>
        tickets.findToday(request.params.hallId, request.query.number, requireStaff(request)),
    );

    app.post(
      '/tickets/:ticketId/reprint',
      {
        schema: {
          tags: ['tickets'],
          summary:
            'Help desk (导服台): a waiting or called ticket with its holder token, to print again (staff)',
          params: TicketParams,
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) => tickets.reprint(request.params.ticketId, requireStaff(request)),
    );

    app.post(
      '/tickets/:ticketId/assisted',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Help desk: mark the service 帮办 (assisted); the audit log names the staff member',
          params: TicketParams,
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) => tickets.markAssisted(request.params.ticketId, requireStaff(request)),
    );

    app.post(
      '/tickets/:ticketId/requeue',
      {
        schema: {
          tags: ['queue'],
          summary: 'A no-show ticket re-enters the queue at the back of its class (过号重排)',
          params: TicketParams,
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) => tickets.requeue(request.params.ticketId, requireStaff(request)),
    );

    app.post(
      '/tickets/:ticketId/transfer',
      {
        schema: {
          tags: ['queue'],
          summary: 'Send the ticket to another matter or a named counter; it keeps its number',
          params: TicketParams,
          body: z
            .object({ matterId: Id.optional(), counterId: Id.optional() })
            .refine(
              (b) => b.matterId !== undefined || b.counterId !== undefined,
              'give matterId or counterId',
            ),
          response: { 200: TicketOut, ...errors },
        },
      },
      async (request) => tickets.transfer(request.params.ticketId, request.body, requireStaff(request)),
    );
  };
