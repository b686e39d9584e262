import { DateTime } from 'luxon';
import {
  greenChannelCounts,
  unresolvedCaseCounts,
  type GreenChannelCount,
  type UnresolvedCaseCounts,
} from './green-channel.ts';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { openTime, type HallHours } from '../domain/hours.ts';
import { statsRows, type StatsDimension, type StatsQueryRow } from './stats.repository.ts';
import { closedDays, rollUp } from './stats.rollup.ts';

/** An appointment ticket is punctual when first called at most this long after its slot start. */
export const PUNCTUAL_MINUTES = 10;
export const MAX_RANGE_DAYS = 366;

export interface StatsRow {
  key: string | null;
  label: string;
  issued: number | null;
  called: number;
  served: number;
  noShows: number;
  noShowRate: number | null;
  requeued: number;
  transfers: number;
  cancelled: number;
  expired: number;
  waitCount: number;
  waitMeanMinutes: number | null;
  waitP50Minutes: number | null;
  waitP90Minutes: number | null;
  serviceMeanMinutes: number | null;
  serviceP50Minutes: number | null;
  serviceP90Minutes: number | null;
  appointments: number;
  appointmentsOnTime: number;
  punctualityRate: number | null;
  ratings: number;
  participationRate: number | null;
  satisfactionRate: number | null;
  meanScore: number | null;
  distribution: { '5': number; '4': number; '3': number; '2': number; '1': number };
}

export interface StatsReport {
  hallId: string;
  hallName: string;
  timezone: string;
  from: string;
  to: string;
  groupBy: StatsDimension;
  rows: StatsRow[];
  total: StatsRow;
  /** The hall's open time in the range, from the same hours as slots and issuing (issue 13). */
  opening: { days: number; minutes: number; servedPerOpenHour: number | null };
  /** 绿色通道: tickets issued and served per category code. */
  greenChannel: GreenChannelCount[];
  /** 办不成事 cases opened in the range. */
  unresolvedCases: UnresolvedCaseCounts;
}

export interface StatsQuery {
  from: string;
  to: string;
  groupBy: StatsDimension;
}

const round = (v: number | null, digits: number) =>
  v === null || v === undefined ? null : Math.round(Number(v) * 10 ** digits) / 10 ** digits;
const minutes = (v: number | null) => round(v, 2);
const rate = (num: number, den: number) => (den > 0 ? round(num / den, 4) : null);

function toRow(r: StatsQueryRow, key: string | null, label: string, issuedApplies: boolean): StatsRow {
  return {
    key,
    label,
    issued: issuedApplies ? r.issued : null,
    called: r.called,
    served: r.served,
    noShows: r.no_shows,
    noShowRate: rate(r.no_shows, r.called),
    requeued: r.requeued,
    transfers: r.transfers,
    cancelled: r.cancelled,
    expired: r.expired,
    waitCount: r.wait_count,
    waitMeanMinutes: minutes(r.wait_mean),
    waitP50Minutes: minutes(r.wait_p50),
    waitP90Minutes: minutes(r.wait_p90),
    serviceMeanMinutes: minutes(r.service_mean),
    serviceP50Minutes: minutes(r.service_p50),
    serviceP90Minutes: minutes(r.service_p90),
    appointments: r.appointments,
    appointmentsOnTime: r.appointments_on_time,
    punctualityRate: rate(r.appointments_on_time, r.appointments),
    ratings: r.ratings,
    participationRate: rate(r.ratings, r.served),
    satisfactionRate: rate(r.satisfied, r.ratings),
    meanScore: round(r.mean_score, 2),
    distribution: { '5': r.s5, '4': r.s4, '3': r.s3, '2': r.s2, '1': r.s1 },
  };
}

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00`;

export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly halls: HallsService,
    private readonly clock: Clock,
    /** The hall's hours (weekdays, weekends, dated hours, closures, calendar); none: not reported. */
    private readonly hoursOf: ((hallId: string) => Promise<HallHours>) | null = null,
  ) {}

  /**
   * `live`: compute every day from ticket_events, without the daily rollups (the reference the
   * rollups are tested against; the API always uses them).
   */
  async report(
    hallId: string,
    staff: Staff,
    q: StatsQuery,
    opts: { live?: boolean } = {},
  ): Promise<StatsReport> {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    const hall = await this.halls.get(hallId);
    const start = DateTime.fromISO(q.from, { zone: hall.timezone }).startOf('day');
    const last = DateTime.fromISO(q.to, { zone: hall.timezone }).startOf('day');
    if (!start.isValid || !last.isValid) throw badRange('from and to must be real dates YYYY-MM-DD', 'from');
    if (last < start) throw badRange('from must not be after to', 'from');
    const end = last.plus({ days: 1 });
    if (Math.round(last.diff(start, 'days').days) + 1 > MAX_RANGE_DAYS)
      throw badRange(`the range may cover at most ${MAX_RANGE_DAYS} days`, 'to');

    const scope = {
      hallId,
      timezone: hall.timezone,
      dueLeadMinutes: hall.settings.policy.appointmentDueLeadMinutes,
      punctualMinutes: PUNCTUAL_MINUTES,
    };
    // Days before today come from their daily rollups; today (and later) is computed live.
    const now = this.clock.now();
    const today = DateTime.fromJSDate(now, { zone: hall.timezone }).toISODate()!;
    const days = opts.live ? [] : await rollUp(this.db, scope, closedDays(start, last, today), now);
    const liveStart = days.length ? start.plus({ days: days.length }) : start;
    const raw = await statsRows(this.db, {
      ...scope,
      start: (liveStart < end ? liveStart : end).toJSDate(),
      end: end.toJSDate(),
      rolledUpDays: days,
      groupBy: q.groupBy,
    });
    const keys = raw.filter((r) => !r.is_total && r.key !== null).map((r) => String(r.key));
    const labels = await this.labels(hallId, q.groupBy, keys);
    // Issuing happens before any counter or clerk touches a ticket: it has no such group.
    const issuedApplies = q.groupBy === 'matter' || q.groupBy === 'hour';
    const rows: (StatsRow & { order: string | number })[] = [];
    let total: StatsRow | null = null;
    for (const r of raw) {
      if (r.is_total) {
        total = toRow(r, null, '合计', true);
        continue;
      }
      // Events without a counter or clerk (a holder's cancel, the night's expiry) count only in
      // the total.
      if (r.key === null) continue;
      const key = q.groupBy === 'hour' ? String(r.key).padStart(2, '0') : String(r.key);
      const known =
        q.groupBy === 'hour' ? { label: hourLabel(Number(r.key)), order: Number(r.key) } : labels.get(key);
      rows.push({ ...toRow(r, key, known?.label ?? key, issuedApplies), order: known?.order ?? key });
    }
    rows.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    const open = this.hoursOf ? openTime(q.from, q.to, await this.hoursOf(hallId)) : { days: 0, minutes: 0 };
    return {
      hallId,
      hallName: hall.name,
      timezone: hall.timezone,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      rows: rows.map(({ order: _order, ...row }) => row),
      total: total!,
      opening: {
        ...open,
        servedPerOpenHour: open.minutes ? round((total!.served * 60) / open.minutes, 1) : null,
      },
      greenChannel: await greenChannelCounts(this.db, {
        hallId,
        start: start.toJSDate(),
        end: end.toJSDate(),
      }),
      unresolvedCases: await unresolvedCaseCounts(this.db, {
        hallId,
        start: start.toJSDate(),
        end: end.toJSDate(),
      }),
    };
  }

  /** Names for the group keys, and the order rows are listed in (prefix, number, name). */
  private async labels(
    hallId: string,
    groupBy: StatsDimension,
    keys: string[],
  ): Promise<Map<string, { label: string; order: string | number }>> {
    const out = new Map<string, { label: string; order: string | number }>();
    if (!keys.length) return out;
    if (groupBy === 'matter') {
      const rows = await this.db
        .selectFrom('matters')
        .select(['id', 'prefix', 'name'])
        .where('hall_id', '=', hallId)
        .execute();
      for (const m of rows) out.set(m.id, { label: `${m.prefix} ${m.name}`, order: m.prefix });
    } else if (groupBy === 'counter') {
      const rows = await this.db
        .selectFrom('counters')
        .select(['id', 'number', 'name'])
        .where('hall_id', '=', hallId)
        .execute();
      for (const c of rows) out.set(c.id, { label: c.name || `${c.number}号窗口`, order: c.number });
    } else if (groupBy === 'clerk') {
      // Admins act in every hall, so staff are looked up by ID, not by hall.
      const rows = await this.db
        .selectFrom('staff')
        .select(['id', 'name', 'username'])
        .where('id', 'in', keys)
        .execute();
      for (const s of rows) out.set(s.id, { label: s.name, order: `${s.name}\u0000${s.username}` });
    }
    return out;
  }
}

function badRange(message: string, field: 'from' | 'to'): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: ['querystring', field], message }]);
}
