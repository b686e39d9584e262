// A hall's booking schedule: weekly and per-date hours, slot settings per matter, the hall's
// calendar overrides, and the booking context the slot table is computed from. Reading the
// stored schedule is schedule-store.ts; the national calendar and its years calendar-years.ts.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { MatterRow } from '../db/types.ts';
import { type CalendarOverride, type CalendarRules, yearKnown } from '../domain/calendar.ts';
import { type HallHours, walkInHours } from '../domain/hours.ts';
import { bookableCapacity, type DayHours, type SlotSettings, type WeekHours } from '../domain/slots.ts';
import { serviceDay } from '../domain/numbering.ts';
import { AppError, notFound } from '../errors.ts';
import type { Hall, HallsService } from '../halls/halls.service.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { isId } from '../schemas.ts';
import { type BookingRules, rulesFrom } from './booking-rules.ts';
import type { MatterSlotInput, ScheduleInput } from './schedule.schemas.ts';
import { BookingCache } from './booking-cache.ts';
import { calendarOf, hallHoursOf, loadStored, type SettingsRow, toSettings } from './schedule-store.ts';

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
  /** A slot booked at the last moment could not be changed at all: the console warns. */
  noticeShorterThanChangeLimit: boolean;
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
  /**
   * Years (this one and the next) whose national arrangement is neither in the package nor
   * confirmed by an admin: no booking there, and the console warns until one confirms it.
   */
  unknownYears: number[];
  /** Hours of given dates (延时服务, a shorter day), by date. */
  dateHours: Record<string, DayHours>;
  updatedAt: string | null;
}

/** What booking, slots and check-in need to know about one matter of a hall. */
export interface BookingContext {
  hall: Hall;
  matter: MatterRow;
  settings: SlotSettings;
  hours: WeekHours;
  dateHours: Record<string, DayHours>;
  calendar: CalendarRules;
  rules: BookingRules;
}

export class ScheduleService {
  /** The booking contexts and schedules of halls, dropped when they change (booking-cache.ts). */
  readonly cache: BookingCache;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
  ) {
    this.cache = new BookingCache(db);
  }

  private stored(hallId: string) {
    return this.cache.get(hallId, 'stored', () => loadStored(this.db, hallId));
  }

  /** The hall as the cache holds it (dropped when the hall changes). */
  private hall(hallId: string) {
    return this.cache.get(hallId, 'hall', () => this.halls.get(hallId));
  }

  /**
   * When the hall's lunch break ends, if `now` falls inside today's break; else null. The
   * estimates count counters paused for lunch as serving again from then.
   */
  async lunchEndAt(hallId: string, now: Date): Promise<number | null> {
    const hall = await this.hall(hallId);
    const local = DateTime.fromJSDate(now, { zone: hall.timezone });
    const day = walkInHours(local.toISODate()!, hallHoursOf(await this.stored(hallId)));
    if (!day?.lunchStart || !day.lunchEnd) return null;
    const hhmm = local.toFormat('HH:mm');
    if (hhmm < day.lunchStart || hhmm >= day.lunchEnd) return null;
    const [h, m] = day.lunchEnd.split(':').map(Number);
    return local.set({ hour: h!, minute: m!, second: 0, millisecond: 0 }).toMillis();
  }

  /** The hall's hours and calendar as walk-in issuing and the kiosk read them. */
  async hallHours(hallId: string): Promise<HallHours & { lastTicketMinutes: number }> {
    const s = await this.stored(hallId);
    return { ...hallHoursOf(s), lastTicketMinutes: s.rules.lastTicketMinutes };
  }

  /** Per matter, its own 截止取号 minutes where it has one. */
  async lastTicketMinutes(hallId: string): Promise<Map<string, number>> {
    return this.cache.get(hallId, 'lastTicket', async () => {
      const rows = await this.db
        .selectFrom('matter_slot_settings')
        .select(['matter_id', 'last_ticket_minutes'])
        .where('hall_id', '=', hallId)
        .where('last_ticket_minutes', 'is not', null)
        .execute();
      return new Map(rows.map((r) => [r.matter_id, r.last_ticket_minutes!]));
    });
  }

  /** The hall's working-day calendar (for other features that count working days). */
  async calendar(hallId: string): Promise<CalendarRules> {
    return calendarOf(await this.stored(hallId));
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
    const s = await loadStored(this.db, hallId); // the console sees what is stored, not the cache
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
          noticeShorterThanChangeLimit: settings.minNoticeMinutes < settings.cancelBeforeMinutes,
          custom: m.matter_id !== null,
        };
      }),
      // Until an admin confirms the year, not until some override exists (finding 1).
      unknownYears: [thisYear, thisYear + 1].filter((y) => !yearKnown(y, calendarOf(s))),
      dateHours: s.dateHours,
      updatedAt: s.updatedAt,
    };
  }

  /** Everything a booking of `matterId` in `hallId` depends on; 404 when the matter is elsewhere. */
  async context(hallId: string, matterId: string): Promise<BookingContext> {
    if (!isId(hallId)) throw notFound('Hall');
    if (!isId(matterId)) throw notFound('Matter');
    return this.cache.context(hallId, matterId, () => this.loadContext(hallId, matterId));
  }

  private async loadContext(hallId: string, matterId: string): Promise<BookingContext> {
    const hall = await this.hall(hallId);
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
      dateHours: s.dateHours,
      calendar: calendarOf(s),
      rules: s.rules,
    };
  }

  async put(hallId: string, input: ScheduleInput, staff: Staff): Promise<Schedule> {
    await this.halls.get(hallId);
    const now = this.clock.now();
    const current = await loadStored(this.db, hallId); // not the cache: what is stored now
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
          date_hours: JSON.stringify(input.dateHours ?? current.dateHours),
          rules: JSON.stringify(rules),
          updated_at: now,
          updated_by: staff.id,
        })
        .onConflict((oc) =>
          oc.column('hall_id').doUpdateSet((eb) => ({
            hours: eb.ref('excluded.hours'),
            closed_dates: eb.ref('excluded.closed_dates'),
            extra_working_days: eb.ref('excluded.extra_working_days'),
            date_hours: eb.ref('excluded.date_hours'),
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
      m.lastTicketMinutes,
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
      last_ticket_minutes:
        m.lastTicketMinutes === undefined ? (base.lastTicketMinutes ?? null) : m.lastTicketMinutes,
      updated_at: now,
    };
    await tx
      .insertInto('matter_slot_settings')
      .values(values)
      .onConflict((oc) => oc.column('matter_id').doUpdateSet({ ...values }))
      .execute();
  }
}
