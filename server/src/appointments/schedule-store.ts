// Reading a hall's stored schedule: weekly and per-date hours, closed and extra working days,
// its own and the national calendar overrides, the confirmed years, and the booking rules.
// Shared by the schedule (booking, the console) and walk-in issuing, so both read the same hours.
import type { Db, Tx } from '../db/index.ts';
import type { MatterSlotSettingsTable } from '../db/types.ts';
import type { CalendarOverride, CalendarRules } from '../domain/calendar.ts';
import type { HallHours } from '../domain/hours.ts';
import { DEFAULT_SLOT_SETTINGS, type DayHours, type SlotSettings, type WeekHours } from '../domain/slots.ts';
import { DEFAULT_HOURS, rulesFrom } from './booking-rules.ts';

export type SettingsRow = Pick<
  MatterSlotSettingsTable,
  | 'slot_minutes'
  | 'per_slot'
  | 'horizon_days'
  | 'min_notice_minutes'
  | 'cancel_before_minutes'
  | 'walk_in_share'
  | 'last_ticket_minutes'
>;

export const toSettings = (r: SettingsRow | undefined): SlotSettings =>
  r
    ? {
        slotMinutes: r.slot_minutes,
        perSlot: r.per_slot,
        horizonDays: r.horizon_days,
        minNoticeMinutes: r.min_notice_minutes,
        cancelBeforeMinutes: r.cancel_before_minutes,
        walkInShare: Number(r.walk_in_share),
        lastTicketMinutes: r.last_ticket_minutes ?? null,
      }
    : { ...DEFAULT_SLOT_SETTINGS };

export const toOverride = (r: { date: string; kind: 'holiday' | 'workday'; note: string }) => ({
  date: r.date,
  kind: r.kind,
  ...(r.note ? { note: r.note } : {}),
});

/** The years an admin confirmed from the State Council notice (they apply to every hall). */
export async function confirmedYears(db: Db | Tx): Promise<number[]> {
  const rows = await db.selectFrom('calendar_years').select('year').orderBy('year').execute();
  return rows.map((r) => r.year);
}

export async function loadStored(db: Db | Tx, hallId: string) {
  const row = await db
    .selectFrom('hall_schedules')
    .selectAll()
    .where('hall_id', '=', hallId)
    .executeTakeFirst();
  const overrides = await db
    .selectFrom('calendar_overrides')
    .select(['hall_id', 'date', 'kind', 'note'])
    .where((eb) => eb.or([eb('hall_id', '=', hallId), eb('hall_id', 'is', null)]))
    .orderBy('date')
    .execute();
  return {
    hours: (row?.hours as WeekHours | undefined) ?? DEFAULT_HOURS,
    dateHours: (row?.date_hours as Record<string, DayHours> | undefined) ?? {},
    closedDates: row?.closed_dates ?? [],
    extraWorkingDays: row?.extra_working_days ?? [],
    rules: rulesFrom(row?.rules),
    hallOverrides: overrides.filter((o) => o.hall_id !== null).map(toOverride),
    nationalOverrides: overrides.filter((o) => o.hall_id === null).map(toOverride),
    confirmedYears: await confirmedYears(db),
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}
export type StoredSchedule = Awaited<ReturnType<typeof loadStored>>;

/** The hall's calendar: national overrides first, so the hall's own win (last one wins). */
export function calendarOf(s: StoredSchedule): CalendarRules {
  return {
    closedDates: s.closedDates,
    extraWorkingDays: s.extraWorkingDays,
    overrides: [...s.nationalOverrides, ...s.hallOverrides] as CalendarOverride[],
    confirmedYears: s.confirmedYears,
  };
}

export function hallHoursOf(s: StoredSchedule): HallHours {
  return { hours: s.hours, dateHours: s.dateHours, calendar: calendarOf(s) };
}
