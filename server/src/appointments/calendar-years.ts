// The national calendar for every hall: overrides an admin enters (for a year chinese-days does
// not know yet, or a correction), the State Council notice entered for a year and checked, and
// the years confirmed. Until a year is known (package or confirmed) nothing is booked in it and
// the console warns.
import type { Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import { type CalendarOverride, chineseDaysKnowsYear, packageYears } from '../domain/calendar.ts';
import { checkNotice, type NoticeProblem } from '../domain/holiday-notice.ts';
import { AppError } from '../errors.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { confirmedYears, toOverride } from './schedule-store.ts';

/**
 * The national calendar is every hall's: each hall's log says its calendar changed, so screens
 * reload and every process drops its cached booking contexts (booking-cache.ts).
 */
async function tellEveryHall(tx: Tx, at: Date): Promise<void> {
  const halls = await tx.selectFrom('halls').select('id').orderBy('id').execute();
  for (const h of halls) await appendHallEvent(tx, h.id, 'hall.updated', { schedule: true }, at);
}

export interface NoticeInput {
  /** Days off (放假), each a date or a range. */
  daysOff: { from: string; to?: string | undefined; note?: string | undefined }[];
  /** Make-up working days (调休上班). */
  workdays: { date: string; note?: string | undefined }[];
  /** Confirm the year at once when the notice checks out. */
  confirm?: boolean | undefined;
}

export interface CalendarYear {
  year: number;
  source: 'package' | 'confirmed' | 'unknown';
  overrides: CalendarOverride[];
  problems: NoticeProblem[];
}

const daysOf = (from: string, to: string) => {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to && out.length < 400;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
};

export class CalendarYearsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async nationalOverrides(db: Db | Tx = this.db): Promise<CalendarOverride[]> {
    const rows = await db
      .selectFrom('calendar_overrides')
      .select(['date', 'kind', 'note'])
      .where('hall_id', 'is', null)
      .orderBy('date')
      .execute();
    return rows.map(toOverride);
  }

  /** Replaces the national overrides (admin). A confirmed year must stay consistent. */
  async putNationalOverrides(overrides: CalendarOverride[]): Promise<CalendarOverride[]> {
    await transact(this.db, async (tx) => {
      for (const year of await confirmedYears(tx)) this.assertConsistent(year, overrides);
      await tx.deleteFrom('calendar_overrides').where('hall_id', 'is', null).execute();
      if (overrides.length) {
        await tx
          .insertInto('calendar_overrides')
          .values(overrides.map((o) => ({ hall_id: null, date: o.date, kind: o.kind, note: o.note ?? '' })))
          .execute();
      }
      await tellEveryHall(tx, this.clock.now());
    });
    return this.nationalOverrides();
  }

  /** This year, the next, the package's newest and any confirmed one, with their state. */
  async years(thisYear: number): Promise<CalendarYear[]> {
    const confirmed = await confirmedYears(this.db);
    const overrides = await this.nationalOverrides();
    const years = new Set([packageYears().at(-1) ?? thisYear, thisYear, thisYear + 1, ...confirmed]);
    return [...years]
      .sort((a, b) => a - b)
      .map((year) => {
        const own = overrides.filter((o) => o.date.startsWith(`${year}-`));
        const package_ = chineseDaysKnowsYear(year);
        return {
          year,
          source: package_ ? 'package' : confirmed.includes(year) ? 'confirmed' : 'unknown',
          overrides: own,
          problems: package_ ? [] : checkNotice(year, own),
        };
      });
  }

  /** Enters (or imports) a year's notice: replaces that year's national overrides, checked. */
  async putNotice(year: number, input: NoticeInput, staff: Staff): Promise<CalendarYear[]> {
    this.assertNotPackaged(year);
    const days: CalendarOverride[] = [
      ...input.daysOff.flatMap((r) =>
        daysOf(r.from, r.to ?? r.from).map((date) => ({
          date,
          kind: 'holiday' as const,
          ...(r.note ? { note: r.note } : {}),
        })),
      ),
      ...input.workdays.map((w) => ({
        date: w.date,
        kind: 'workday' as const,
        ...(w.note ? { note: w.note } : {}),
      })),
    ];
    this.assertConsistent(year, days);
    await transact(this.db, async (tx) => {
      await tx
        .deleteFrom('calendar_overrides')
        .where('hall_id', 'is', null)
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .execute();
      await tx
        .insertInto('calendar_overrides')
        .values(days.map((o) => ({ hall_id: null, date: o.date, kind: o.kind, note: o.note ?? '' })))
        .execute();
      if (input.confirm) await this.insertConfirmation(tx, year, staff);
      await tellEveryHall(tx, this.clock.now());
    });
    return this.years(year);
  }

  /** Confirms a year whose notice was entered; 409 CALENDAR_INCONSISTENT with what is wrong. */
  async confirm(year: number, staff: Staff): Promise<CalendarYear[]> {
    this.assertNotPackaged(year);
    const own = (await this.nationalOverrides()).filter((o) => o.date.startsWith(`${year}-`));
    this.assertConsistent(year, own);
    await transact(this.db, async (tx) => {
      await this.insertConfirmation(tx, year, staff);
      await tellEveryHall(tx, this.clock.now());
    });
    return this.years(year);
  }

  private async insertConfirmation(tx: Tx, year: number, staff: Staff) {
    await tx
      .insertInto('calendar_years')
      .values({ year, confirmed_at: this.clock.now(), confirmed_by: staff.id })
      .onConflict((oc) => oc.column('year').doNothing())
      .execute();
  }

  private assertNotPackaged(year: number) {
    if (chineseDaysKnowsYear(year))
      throw new AppError(
        'CONFLICT',
        `The holiday package already has the State Council arrangement for ${year}`,
      );
  }

  private assertConsistent(year: number, all: CalendarOverride[]) {
    const problems = checkNotice(
      year,
      all.filter((o) => o.date.startsWith(`${year}-`)),
    );
    if (problems.length)
      throw new AppError(
        'CALENDAR_INCONSISTENT',
        `The arrangement for ${year} does not match the law's holidays: ${problems[0]!.message}`,
        problems,
      );
  }
}
