import { z } from 'zod';
import { HHmm, Id, IsoDate, Text } from '../schemas.ts';

// What a manager may send to PUT /halls/:hallId/schedule and PUT /calendar/overrides: every
// time, date and rule checked here, so the service only ever stores a schedule that makes sense.

const CloseTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:mm (or 24:00)');
const RealDate = IsoDate;

export const DayHoursInput = z
  .object({ open: HHmm, close: CloseTime, lunchStart: HHmm.optional(), lunchEnd: HHmm.optional() })
  .refine((d) => d.open < d.close, { message: 'open must be before close', path: ['close'] })
  .refine((d) => (d.lunchStart === undefined) === (d.lunchEnd === undefined), {
    message: 'give both lunchStart and lunchEnd, or neither',
    path: ['lunchEnd'],
  })
  .refine(
    (d) =>
      d.lunchStart === undefined ||
      d.lunchEnd === undefined ||
      (d.open < d.lunchStart && d.lunchStart < d.lunchEnd && d.lunchEnd < d.close),
    { message: 'the lunch break must lie inside the opening hours', path: ['lunchStart'] },
  );

const day = DayHoursInput.nullable().optional();
// Strict: a mistyped weekday key ("8", "mon") is refused, not dropped (which closed the hall).
export const WeekHoursInput = z.strictObject({ 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day });

export const OverrideInput = z.object({
  date: RealDate,
  kind: z.enum(['holiday', 'workday']),
  note: Text(100).optional(),
});

export const BookingRulesInput = z
  .object({
    maxActiveBookings: z.number().int().min(1).max(50),
    oneBookingPerMatterPerDay: z.boolean(),
    noShowThreshold: z.number().int().min(0).max(50),
    noShowWindowDays: z.number().int().min(1).max(3650),
    blockDays: z.number().int().min(0).max(3650),
    checkInBeforeMinutes: z.number().int().min(0).max(720),
    checkInAfterMinutes: z.number().int().min(0).max(720),
    retentionDays: z.number().int().min(1).max(3650),
    reminderTime: HHmm,
    lastTicketMinutes: z.number().int().min(0).max(240),
  })
  .partial();

export const MatterSlotInput = z.object({
  matterId: Id,
  bookable: z.boolean().optional(),
  slotMinutes: z.number().int().min(5).max(240).optional(),
  perSlot: z.number().int().min(1).max(1000).optional(),
  horizonDays: z.number().int().min(1).max(90).optional(),
  minNoticeMinutes: z.number().int().min(0).max(10080).optional(),
  cancelBeforeMinutes: z.number().int().min(0).max(10080).optional(),
  walkInShare: z.number().min(0).max(1).optional(),
  /** 截止取号 of this matter, minutes before closing; null = the hall's rule. */
  lastTicketMinutes: z.number().int().min(0).max(240).nullable().optional(),
});

const uniqueDates = (list: { date: string }[] | string[]) => {
  const dates = list.map((x) => (typeof x === 'string' ? x : x.date));
  return new Set(dates).size === dates.length;
};

/** PUT body: every part optional; a part that is given replaces the stored one. */
export const ScheduleInput = z.object({
  hours: WeekHoursInput.optional(),
  closedDates: z.array(RealDate).max(1000).refine(uniqueDates, 'must not repeat a date').optional(),
  extraWorkingDays: z.array(RealDate).max(1000).refine(uniqueDates, 'must not repeat a date').optional(),
  overrides: z.array(OverrideInput).max(1000).refine(uniqueDates, 'must not repeat a date').optional(),
  /** Hours of given dates: 延时服务 until 19:00, a shorter day. A closure is a closed date. */
  dateHours: z
    .record(RealDate, DayHoursInput)
    .refine((r) => Object.keys(r).length <= 1000, 'at most 1000 dates')
    .optional(),
  rules: BookingRulesInput.optional(),
  matters: z
    .array(MatterSlotInput)
    .max(200)
    .refine((l) => new Set(l.map((m) => m.matterId)).size === l.length, 'must not repeat a matter')
    .optional(),
});
export type ScheduleInput = z.infer<typeof ScheduleInput>;
