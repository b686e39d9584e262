import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { serviceDay } from '../domain/numbering.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { perMinute } from '../plugins/client-limits.ts';
import { errors, HallParams, Id, Instant, IsoDate, Name, Text, TokenQuery } from '../schemas.ts';
import { TicketOut } from '../tickets/tickets.routes.ts';
import type { AppointmentsService } from './appointments.service.ts';
import type { CheckInService } from './check-in.service.ts';
import { DocumentTypeIn, NationalityIn, PhoneIn } from './documents.ts';

const RealDate = IsoDate;

const STATUSES = ['booked', 'checked_in', 'cancelled', 'no_show', 'done'] as const;

export const AppointmentOut = z.object({
  id: z.string(),
  hallId: z.string(),
  matterId: z.string(),
  code: z.string(),
  start: z.string(),
  end: z.string(),
  serviceDay: z.string(),
  status: z.enum(STATUSES),
  name: z.string().nullable(),
  idNumber: z.string().nullable(),
  documentType: DocumentTypeIn,
  phone: z.string().nullable(),
  ticketId: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  changeableUntil: z.string(),
  checkInFrom: z.string(),
  checkInUntil: z.string(),
  phoneConfirmed: z
    .boolean()
    .describe(
      'Whether the resident confirmed the phone with the code texted to it; only then does the booking count toward the person’s limits',
    ),
  confirmBy: z
    .string()
    .nullable()
    .describe('An unconfirmed booking is released at this time (null once confirmed)'),
  token: z.string().optional(),
  manageUrl: z
    .string()
    .optional()
    .describe('The holder’s page to see, change or cancel the booking (only in the booking answer)'),
});

const SlotOut = z.object({
  start: z.string(),
  end: z.string(),
  date: z.string(),
  capacity: z.number(),
  available: z.number(),
  changeUntil: z
    .string()
    .describe('After this time the resident can no longer cancel or change a booking of this slot'),
});

const BookingBody = z.object({
  matterId: Id,
  start: Instant,
  name: Name(30),
  idNumber: Text(40).describe('The number of the document named by documentType'),
  documentType: DocumentTypeIn.optional(),
  nationality: NationalityIn.optional(),
  phone: PhoneIn,
});

const CheckInBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^(\d{10}|\d{6})$/, 'must be the 10-digit booking code')
      .optional()
      .describe('The 10-digit booking code (codes of 6 digits given before issue 16 still work)'),
    idNumber: Text(40).optional(),
    documentType: DocumentTypeIn.optional(),
    nationality: NationalityIn.optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.idNumber === undefined), 'give either code or idNumber');

const AppointmentParams = z.object({ appointmentId: Id });

export const appointmentsRoutes =
  (deps: {
    appointments: AppointmentsService;
    checkIn: CheckInService;
    halls: HallsService;
    clock: Clock;
    /** Per-IP limits on the public routes (off in most tests). */
    limits: boolean;
    /** The hall of the paired kiosk that sent the request (X-Device-Token), if any. */
    kioskOf: (request: FastifyRequest) => Promise<string | null>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const { appointments, checkIn, halls, clock } = deps;
    const limit = (max: number) => ({ rateLimit: deps.limits ? perMinute(max) : (false as const) });

    app.get(
      '/halls/:hallId/slots',
      {
        config: limit(120),
        schema: {
          tags: ['appointments'],
          summary: `Bookable slots of a matter with the places still available (at most 31 days at a time)`,
          params: HallParams,
          querystring: z.object({ matterId: Id, from: RealDate.optional(), to: RealDate.optional() }),
          response: { 200: z.array(SlotOut), ...errors },
        },
      },
      async (request) => {
        const { matterId, from, to } = request.query;
        return appointments.slots(request.params.hallId, matterId, from, to);
      },
    );

    app.post(
      '/halls/:hallId/appointments',
      {
        config: limit(20),
        schema: {
          tags: ['appointments'],
          summary: 'Book a slot (real name); the answer carries the manage token and the kiosk code',
          params: HallParams,
          body: BookingBody,
          response: { 201: AppointmentOut, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await appointments.book(request.params.hallId, request.body)),
    );

    app.get(
      '/halls/:hallId/appointments',
      {
        schema: {
          tags: ['appointments'],
          summary: 'A day’s appointments for the hall’s staff (masked personal data)',
          params: HallParams,
          querystring: z.object({
            date: RealDate.optional(),
            matterId: Id.optional(),
            status: z.enum(STATUSES).optional(),
          }),
          response: { 200: z.array(AppointmentOut), ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        const hall = await halls.get(request.params.hallId);
        const { date, matterId, status } = request.query;
        return appointments.listForDay(
          hall.id,
          date ?? serviceDay(clock.now(), hall.timezone),
          { matterId, status },
          staff,
        );
      },
    );

    app.get(
      '/appointments/:appointmentId',
      {
        schema: {
          tags: ['appointments'],
          summary: 'An appointment, for its holder (token) or the hall’s staff',
          params: AppointmentParams,
          querystring: TokenQuery,
          response: { 200: AppointmentOut, ...errors },
        },
      },
      async (request) =>
        appointments.get(request.params.appointmentId, { staff: request.staff, token: request.query.token }),
    );

    app.post(
      '/appointments/:appointmentId/cancel',
      {
        schema: {
          tags: ['appointments'],
          summary:
            'Cancel (the holder until the cancellation limit; staff at any time); the place is free at once',
          params: AppointmentParams,
          querystring: TokenQuery,
          response: { 200: AppointmentOut, ...errors },
        },
      },
      async (request) =>
        appointments.cancel(request.params.appointmentId, {
          staff: request.staff,
          token: request.query.token,
        }),
    );

    app.post(
      '/appointments/:appointmentId/reschedule',
      {
        config: limit(20),
        schema: {
          tags: ['appointments'],
          summary: 'Move to another slot of the same matter: the new place is taken before the old is freed',
          params: AppointmentParams,
          querystring: TokenQuery,
          body: z.object({ start: Instant }),
          response: { 200: AppointmentOut, ...errors },
        },
      },
      async (request) =>
        appointments.reschedule(request.params.appointmentId, request.body.start, {
          staff: request.staff,
          token: request.query.token,
        }),
    );

    app.post(
      '/appointments/:appointmentId/confirm-phone',
      {
        config: limit(10),
        schema: {
          tags: ['appointments'],
          summary:
            'Confirm the booking’s phone with the 6-digit code texted to it; only a confirmed booking counts toward the person’s limits (5 tries per booking)',
          params: AppointmentParams,
          querystring: TokenQuery,
          body: z.object({
            code: z
              .string()
              .trim()
              .regex(/^\d{6}$/, 'must be the 6-digit code from the text message'),
          }),
          response: { 200: AppointmentOut, ...errors },
        },
      },
      async (request) =>
        appointments.confirmPhone(request.params.appointmentId, request.body.code, {
          staff: request.staff,
          token: request.query.token,
        }),
    );

    app.post(
      '/halls/:hallId/check-in',
      {
        config: limit(30),
        schema: {
          tags: ['appointments'],
          summary: 'Kiosk check-in with the booking code or the ID number → an appointment-class ticket',
          params: HallParams,
          body: CheckInBody,
          response: { 201: TicketOut, ...errors },
        },
      },
      async (request, reply) => {
        const { code, idNumber, documentType, nationality } = request.body;
        const input = code !== undefined ? { code } : { idNumber: idNumber!, documentType, nationality };
        return reply
          .status(201)
          .send(
            await checkIn.checkIn(request.params.hallId, input, request.staff, await deps.kioskOf(request)),
          );
      },
    );
  };
