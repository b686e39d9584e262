import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams } from '../schemas.ts';
import { ScheduleInput } from './schedule.schemas.ts';
import type { ScheduleService } from './schedule.service.ts';

const DayHoursOut = z.object({
  open: z.string(),
  close: z.string(),
  lunchStart: z.string().optional(),
  lunchEnd: z.string().optional(),
});
export const OverrideOut = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  note: z.string().optional(),
});

export const ScheduleOut = z.object({
  hallId: z.string(),
  timezone: z.string(),
  hours: z.record(z.string(), DayHoursOut.nullable()),
  closedDates: z.array(z.string()),
  extraWorkingDays: z.array(z.string()),
  overrides: z.array(OverrideOut),
  nationalOverrides: z.array(OverrideOut),
  rules: z.object({
    maxActiveBookings: z.number(),
    oneBookingPerMatterPerDay: z.boolean(),
    noShowThreshold: z.number(),
    noShowWindowDays: z.number(),
    blockDays: z.number(),
    checkInBeforeMinutes: z.number(),
    checkInAfterMinutes: z.number(),
    retentionDays: z.number(),
    reminderTime: z.string(),
    lastTicketMinutes: z.number(),
  }),
  matters: z.array(
    z.object({
      matterId: z.string(),
      code: z.string(),
      name: z.string(),
      prefix: z.string(),
      bookable: z.boolean(),
      slotMinutes: z.number(),
      perSlot: z.number(),
      horizonDays: z.number(),
      minNoticeMinutes: z.number(),
      cancelBeforeMinutes: z.number(),
      walkInShare: z.number(),
      lastTicketMinutes: z.number().nullable().optional(),
      bookingsPerSlot: z.number(),
      noticeShorterThanChangeLimit: z
        .boolean()
        .describe('minNoticeMinutes < cancelBeforeMinutes: a late booking cannot be changed; warn'),
      custom: z.boolean(),
    }),
  ),
  unknownYears: z
    .array(z.number())
    .describe('This year and the next when neither the package nor an admin confirmed their holidays'),
  dateHours: z.record(z.string(), DayHoursOut).describe('Hours of given dates (延时服务, a shorter day)'),
  updatedAt: z.string().nullable(),
});

export const scheduleRoutes =
  (schedule: ScheduleService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/schedule',
      {
        schema: {
          tags: ['appointments'],
          summary:
            'Opening hours, calendar, booking rules and slot settings (public: the booking page shows them)',
          params: HallParams,
          response: { 200: ScheduleOut, ...errors },
        },
      },
      async (request) => schedule.get(request.params.hallId),
    );

    app.put(
      '/halls/:hallId/schedule',
      {
        schema: {
          tags: ['appointments'],
          summary:
            'Change the schedule (manager of the hall, admin); each part given replaces the stored one',
          params: HallParams,
          body: ScheduleInput,
          response: { 200: ScheduleOut, ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        assertHallAccess(staff, request.params.hallId, ['admin', 'manager']);
        return schedule.put(request.params.hallId, request.body, staff);
      },
    );
  };
