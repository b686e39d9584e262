// A hall's booking schedule: weekly hours, slot settings per matter, calendar overrides
// (national and the hall's own) and the booking context the slot table is computed from.
// The schedule is read and written as one document, so its reading and validation stay
// together here (a little over ~350 lines).
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { MatterRow, MatterSlotSettingsTable } from '../db/types.ts';
import { type CalendarOverride, type CalendarRules, chineseDaysKnowsYear } from '../domain/calendar.ts';
import {
  bookableCapacity,
  DEFAULT_SLOT_SETTINGS,
  hoursFor,
  type SlotSettings,
  type WeekHours,
} from '../domain/slots.ts';
import { serviceDay } from '../domain/numbering.ts';
import { AppError, notFound } from '../errors.ts';
import type { Hall, HallsService } from '../halls/halls.service.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { isId } from '../schemas.ts';
import { type BookingRules, DEFAULT_HOURS, rulesFrom } from './booking-rules.ts';
import type { MatterSlotInput, OverrideInput, ScheduleInput } from './schedule.schemas.ts';

// A hall's schedule: opening hours, its own closed and extra working days, its corrections to
// the national calendar, the booking rules, and the slot settings of each matter. Everything
// has a default, so a hall that never saved a schedule books on Mon–Fri 09:00–17:00.

// --- output --------------------------------------------------------------------------------

export interface MatterSchedule extends SlotSettings {
  matterId: string;
  code: string;
  name: string;
  prefix: string;
  bookable: boolean;
  /** Bookings one slot takes: perSlot less the walk-in share. */
  bookingsPerSlot: number;
  /** False while the hall uses the defaults for this matter. */
  custom: boolean;
}

export interface Schedule {
  hallId: string;
  timezone: string;
  hours: WeekHours;
  closedDates: string[];
  extraWorkingDays: string[];
  overrides: CalendarOverride[];
  nationalOverrides: CalendarOverride[];
  rules: BookingRules;
  matters: MatterSchedule[];
  /** Years (this one and the next) with no national holiday data: add overrides for them. */
  unknownYears: number[];
  updatedAt: string | null;
}

/** What booking, slots and check-in need to know about one matter of a hall. */
export interface BookingContext {
  hall: Hall;
  matter: MatterRow;
  settings: SlotSettings;
  hours: WeekHours;
  calendar: CalendarRules;
  rules: BookingRules;
}

type SettingsRow = Pick<
  MatterSlotSettingsTable,
  | 'slot_minutes'
  | 'per_slot'
  | 'horizon_days'
  | 'min_notice_minutes'
  | 'cancel_before_minutes'
  | 'walk_in_share'
>;

const toSettings = (r: SettingsRow | undefined): SlotSettings =>
  r
    ? {
        slotMinutes: r.slot_minutes,
        perSlot: r.per_slot,
        horizonDays: r.horizon_days,
        minNoticeMinutes: r.min_notice_minutes,
        cancelBeforeMinutes: r.cancel_before_minutes,
        walkInShare: Number(r.walk_in_share),
      }
    : { ...DEFAULT_SLOT_SETTINGS };

const toOverride = (r: { date: string; kind: 'holiday' | 'workday'; note: string }) => ({
  date: r.date,
  kind: r.kind,
  ...(r.note ? { note: r.note } : {}),
});

export class ScheduleService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
  ) {}

  private async stored(hallId: string, db: Db | Tx = this.db) {
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
      closedDates: row?.closed_dates ?? [],
      extraWorkingDays: row?.extra_working_days ?? [],
      rules: rulesFrom(row?.rules),
      hallOverrides: overrides.filter((o) => o.hall_id !== null).map(toOverride),
      nationalOverrides: overrides.filter((o) => o.hall_id === null).map(toOverride),
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  }

  /** The hall's calendar: national overrides first, so the hall's own win (last one wins). */
  private calendarOf(s: Awaited<ReturnType<ScheduleService['stored']>>): CalendarRules {
    return {
      closedDates: s.closedDates,
      extraWorkingDays: s.extraWorkingDays,
      overrides: [...s.nationalOverrides, ...s.hallOverrides],
    };
  }

  /**
   * When the hall's lunch break ends, if `now` falls inside today's break; else null. The
   * estimates count counters paused for lunch as serving again from then.
   */
  async lunchEndAt(hallId: string, now: Date): Promise<number | null> {
    const hall = await this.halls.get(hallId);
    const { hours } = await this.stored(hallId);
    const local = DateTime.fromJSDate(now, { zone: hall.timezone });
    const day = hoursFor(local.toISODate()!, hours);
    if (!day?.lunchStart || !day.lunchEnd) return null;
    const hhmm = local.toFormat('HH:mm');
    if (hhmm < day.lunchStart || hhmm >= day.lunchEnd) return null;
    const [h, m] = day.lunchEnd.split(':').map(Number);
    return local.set({ hour: h!, minute: m!, second: 0, millisecond: 0 }).toMillis();
  }

  /** The hall's working-day calendar (for other features that count working days). */
  async calendar(hallId: string): Promise<CalendarRules> {
    return this.calendarOf(await this.stored(hallId));
  }

  async rules(hallId: string, db: Db | Tx = this.db): Promise<BookingRules> {
    const row = await db
      .selectFrom('hall_schedules')
      .select('rules')
      .where('hall_id', '=', hallId)
      .executeTakeFirst();
    return rulesFrom(row?.rules);
  }

  async get(hallId: string): Promise<Schedule> {
    const hall = await this.halls.get(hallId);
    const s = await this.stored(hallId);
    const matters = await this.db
      .selectFrom('matters')
      .leftJoin('matter_slot_settings as ms', 'ms.matter_id', 'matters.id')
      .select(['matters.id', 'matters.code', 'matters.name', 'matters.prefix', 'matters.bookable'])
      .select([
        'ms.matter_id',
        'ms.slot_minutes',
        'ms.per_slot',
        'ms.horizon_days',
        'ms.min_notice_minutes',
        'ms.cancel_before_minutes',
        'ms.walk_in_share',
      ])
      .where('matters.hall_id', '=', hallId)
      .where('matters.active', '=', true)
      .orderBy('matters.prefix')
      .execute();
    const thisYear = Number(serviceDay(this.clock.now(), hall.timezone).slice(0, 4));
    const overrideYears = new Set(
      [...s.nationalOverrides, ...s.hallOverrides].map((o) => Number(o.date.slice(0, 4))),
    );
    return {
      hallId,
      timezone: hall.timezone,
      hours: s.hours,
      closedDates: s.closedDates,
      extraWorkingDays: s.extraWorkingDays,
      overrides: s.hallOverrides,
      nationalOverrides: s.nationalOverrides,
      rules: s.rules,
      matters: matters.map((m) => {
        const settings = toSettings(m.matter_id === null ? undefined : (m as SettingsRow));
        return {
          matterId: m.id,
          code: m.code,
          name: m.name,
          prefix: m.prefix,
          bookable: m.bookable,
          ...settings,
          bookingsPerSlot: bookableCapacity(settings),
          custom: m.matter_id !== null,
        };
      }),
      unknownYears: [thisYear, thisYear + 1].filter((y) => !chineseDaysKnowsYear(y) && !overrideYears.has(y)),
      updatedAt: s.updatedAt,
    };
  }

  /** Everything a booking of `matterId` in `hallId` depends on; 404 when the matter is elsewhere. */
  async context(hallId: string, matterId: string): Promise<BookingContext> {
    const hall = await this.halls.get(hallId);
    if (!isId(matterId)) throw notFound('Matter');
    const matter = await this.db
      .selectFrom('matters')
      .selectAll()
      .where('id', '=', matterId)
      .where('hall_id', '=', hallId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!matter) throw notFound('Matter');
    const settingsRow = await this.db
      .selectFrom('matter_slot_settings')
      .selectAll()
      .where('matter_id', '=', matterId)
      .executeTakeFirst();
    const s = await this.stored(hallId);
    return {
      hall,
      matter,
      settings: toSettings(settingsRow),
      hours: s.hours,
      calendar: this.calendarOf(s),
      rules: s.rules,
    };
  }

  async put(hallId: string, input: ScheduleInput, staff: Staff): Promise<Schedule> {
    await this.halls.get(hallId);
    const now = this.clock.now();
    const current = await this.stored(hallId);
    await transact(this.db, async (tx) => {
      const hours = input.hours ? { ...input.hours } : current.hours;
      const rules = { ...current.rules, ...(input.rules ?? {}) };
      await tx
        .insertInto('hall_schedules')
        .values({
          hall_id: hallId,
          hours: JSON.stringify(hours),
          closed_dates: JSON.stringify(input.closedDates ?? current.closedDates),
          extra_working_days: JSON.stringify(input.extraWorkingDays ?? current.extraWorkingDays),
          rules: JSON.stringify(rules),
          updated_at: now,
          updated_by: staff.id,
        })
        .onConflict((oc) =>
          oc.column('hall_id').doUpdateSet((eb) => ({
            hours: eb.ref('excluded.hours'),
            closed_dates: eb.ref('excluded.closed_dates'),
            extra_working_days: eb.ref('excluded.extra_working_days'),
            rules: eb.ref('excluded.rules'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        )
        .execute();
      if (input.overrides) {
        await tx.deleteFrom('calendar_overrides').where('hall_id', '=', hallId).execute();
        if (input.overrides.length) {
          await tx
            .insertInto('calendar_overrides')
            .values(
              input.overrides.map((o) => ({
                hall_id: hallId,
                date: o.date,
                kind: o.kind,
                note: o.note ?? '',
              })),
            )
            .execute();
        }
      }
      for (const m of input.matters ?? []) await this.putMatter(tx, hallId, m, now);
      await appendHallEvent(tx, hallId, 'hall.updated', { schedule: true }, now);
    });
    return this.get(hallId);
  }

  private async putMatter(tx: Tx, hallId: string, m: z.infer<typeof MatterSlotInput>, now: Date) {
    const matter = await tx
      .selectFrom('matters')
      .select('id')
      .where('id', '=', m.matterId)
      .where('hall_id', '=', hallId)
      .executeTakeFirst();
    if (!matter) {
      throw new AppError('VALIDATION_FAILED', 'A matter in the schedule is not one of this hall’s', [
        { path: ['body', 'matters'], message: `unknown matter ${m.matterId}` },
      ]);
    }
    if (m.bookable !== undefined) {
      await tx.updateTable('matters').set({ bookable: m.bookable }).where('id', '=', m.matterId).execute();
      await appendHallEvent(tx, hallId, 'matter.updated', { matterId: m.matterId }, now);
    }
    const existing = await tx
      .selectFrom('matter_slot_settings')
      .selectAll()
      .where('matter_id', '=', m.matterId)
      .executeTakeFirst();
    const given = [
      m.slotMinutes,
      m.perSlot,
      m.horizonDays,
      m.minNoticeMinutes,
      m.cancelBeforeMinutes,
      m.walkInShare,
    ].some((v) => v !== undefined);
    if (!given) return;
    const base = toSettings(existing);
    const values = {
      matter_id: m.matterId,
      hall_id: hallId,
      slot_minutes: m.slotMinutes ?? base.slotMinutes,
      per_slot: m.perSlot ?? base.perSlot,
      horizon_days: m.horizonDays ?? base.horizonDays,
      min_notice_minutes: m.minNoticeMinutes ?? base.minNoticeMinutes,
      cancel_before_minutes: m.cancelBeforeMinutes ?? base.cancelBeforeMinutes,
      walk_in_share: m.walkInShare ?? base.walkInShare,
      updated_at: now,
    };
    await tx
      .insertInto('matter_slot_settings')
      .values(values)
      .onConflict((oc) => oc.column('matter_id').doUpdateSet({ ...values }))
      .execute();
  }

  async nationalOverrides(): Promise<CalendarOverride[]> {
    const rows = await this.db
      .selectFrom('calendar_overrides')
      .select(['date', 'kind', 'note'])
      .where('hall_id', 'is', null)
      .orderBy('date')
      .execute();
    return rows.map(toOverride);
  }

  /** Replaces the national overrides (admin): they apply to every hall. */
  async putNationalOverrides(overrides: z.infer<typeof OverrideInput>[]): Promise<CalendarOverride[]> {
    await transact(this.db, async (tx) => {
      await tx.deleteFrom('calendar_overrides').where('hall_id', 'is', null).execute();
      if (overrides.length) {
        await tx
          .insertInto('calendar_overrides')
          .values(overrides.map((o) => ({ hall_id: null, date: o.date, kind: o.kind, note: o.note ?? '' })))
          .execute();
      }
    });
    return this.nationalOverrides();
  }
}
