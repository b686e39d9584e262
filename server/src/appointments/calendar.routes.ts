import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams } from '../schemas.ts';
import type { CalendarYearsService } from './calendar-years.ts';
import type { IssuingGate } from './issuing-gate.ts';
import { OverrideOut } from './schedule.routes.ts';
import { OverrideInput } from './schedule.schemas.ts';

// The national calendar for every hall (admin): overrides, a year's State Council notice, and
// the confirmation that ends the console's warning and opens the year for booking.

const Date_ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const YearsOut = z.object({
  years: z.array(
    z.object({
      year: z.number(),
      source: z.enum(['package', 'confirmed', 'unknown']),
      overrides: z.array(OverrideOut),
      problems: z.array(z.object({ code: z.string(), date: z.string().optional(), message: z.string() })),
    }),
  ),
});
const NoticeBody = z.object({
  daysOff: z
    .array(z.object({ from: Date_, to: Date_.optional(), note: z.string().trim().max(100).optional() }))
    .max(60)
    .refine((l) => l.every((r) => !r.to || r.to >= r.from), 'to must not be before from'),
  workdays: z.array(z.object({ date: Date_, note: z.string().trim().max(100).optional() })).max(30),
  confirm: z.boolean().optional(),
});

const thisYear = (clock: Clock) => Number(clock.now().toISOString().slice(0, 4));

export const calendarRoutes =
  (years: CalendarYearsService, clock: Clock, gate: IssuingGate): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/halls/:hallId/availability',
      {
        schema: {
          tags: ['tickets'],
          summary:
            'Whether each matter issues walk-in tickets now (the kiosk): closed and the next opening, 截止取号, unserved, paused until',
          params: HallParams,
          response: {
            200: z.object({
              matters: z.array(
                z.object({
                  matterId: z.string(),
                  available: z.boolean(),
                  reason: z.enum(['closed', 'after_last_ticket', 'unserved']).nullable(),
                  nextOpening: z.string().nullable(),
                  lastTicket: z.string().nullable(),
                  pausedUntil: z.string().nullable(),
                  counters: z.number(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => ({ matters: await gate.availability(request.params.hallId, clock.now()) }),
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
      async () => ({ overrides: await years.nationalOverrides() }),
    );

    app.put(
      '/calendar/overrides',
      {
        schema: {
          tags: ['appointments'],
          summary:
            'Replace the national overrides (admin); a confirmed year must stay consistent (409 CALENDAR_INCONSISTENT)',
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
        return { overrides: await years.putNationalOverrides(request.body.overrides) };
      },
    );

    app.get(
      '/calendar/years',
      {
        schema: {
          tags: ['appointments'],
          summary:
            'Which years the national calendar knows: from the package, confirmed by an admin, or unknown (not bookable)',
          response: { 200: YearsOut, ...errors },
        },
      },
      async () => ({ years: await years.years(thisYear(clock)) }),
    );

    app.put(
      '/calendar/years/:year/notice',
      {
        schema: {
          tags: ['appointments'],
          summary:
            'Enter or import a year’s State Council holiday notice (admin): days off and make-up working days, checked (409 CALENDAR_INCONSISTENT)',
          params: YearParams,
          body: NoticeBody,
          response: { 200: YearsOut, ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request, ['admin']);
        return { years: await years.putNotice(request.params.year, request.body, staff) };
      },
    );

    app.post(
      '/calendar/years/:year/confirm',
      {
        schema: {
          tags: ['appointments'],
          summary: 'Confirm a year’s entered holiday arrangement (admin): it becomes bookable for every hall',
          params: YearParams,
          response: { 200: YearsOut, ...errors },
        },
      },
      async (request) => {
        const staff = requireStaff(request, ['admin']);
        return { years: await years.confirm(request.params.year, staff) };
      },
    );
  };
