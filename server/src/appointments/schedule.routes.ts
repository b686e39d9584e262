import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertHallAccess } from '../auth/auth.service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams } from '../schemas.ts';
import { OverrideInput, ScheduleInput } from './schedule.schemas.ts';
import type { ScheduleService } from './schedule.service.ts';

const DayHoursOut = z.object({
  open: z.string(),
  close: z.string(),
  lunchStart: z.string().optional(),
  lunchEnd: z.string().optional(),
});
const OverrideOut = z.object({
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
      bookingsPerSlot: z.number(),
      custom: z.boolean(),
    }),
  ),
  unknownYears: z.array(z.number()),
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

    app.get(
      '/calendar/overrides',
      {
        schema: {
          tags: ['appointments'],
          summary: 'National holiday and make-up working day overrides for every hall',
          response: { 200: z.object({ overrides: z.array(OverrideOut) }), ...errors },
        },
      },
      async () => ({ overrides: await schedule.nationalOverrides() }),
    );

    app.put(
      '/calendar/overrides',
      {
        schema: {
          tags: ['appointments'],
          summary:
            'Replace the national overrides (admin), e.g. next year’s arrangement before the package knows it',
          body: z.object({
            overrides: z
              .array(OverrideInput)
              .max(2000)
              .refine((l) => new Set(l.map((o) => o.date)).size === l.length, 'must not repeat a date'),
          }),
          response: { 200: z.object({ overrides: z.array(OverrideOut) }), ...errors },
        },
      },
      async (request) => {
        requireStaff(request, ['admin']);
        return { overrides: await schedule.putNationalOverrides(request.body.overrides) };
      },
    );
  };
