// Working days of a hall: public holidays and make-up working days (调休) from `chinese-days`,
// corrected by an override table and by the hall's own closed and extra working days.
//
// Dates are plain `YYYY-MM-DD` service days; all arithmetic here is on calendar dates in UTC, so
// the answer never depends on the time zone the process runs in.
//
// Why the package's data and not its `isWorkday()`: chinese-days 1.5.x parses 'YYYY-MM-DD' as UTC
// midnight and then reads it back with local-time getters, and builds its holiday table the same
// way at import. In a process whose TZ is west of UTC (e.g. America/New_York) every date is off by
// one: `isWorkday('2026-10-17')`, a plain Saturday, answers true. The published JSON it ships
// (`dist/chinese-days.json`, the same table, built once by the maintainers) has no such problem.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface CalendarOverride {
  date: string;
  kind: 'holiday' | 'workday';
  note?: string;
}

export interface CalendarRules {
  /** The hall is closed on these dates, whatever else says (renovation, local events). */
  closedDates: string[];
  /** The hall is open on these dates, whatever else says (e.g. a weekend service day). */
  extraWorkingDays: string[];
  /** National arrangement for years the package does not know yet, or corrections to it. */
  overrides: CalendarOverride[];
  /**
   * Years the package does not know whose national arrangement an admin entered from the
   * State Council notice and confirmed. Until then such a year is unknown (see yearKnown).
   */
  confirmedYears?: readonly number[];
}

export const NO_CALENDAR_RULES: CalendarRules = { closedDates: [], extraWorkingDays: [], overrides: [] };

const HOLIDAYS: Readonly<Record<string, string>> = chineseDays.holidays;
const MAKE_UP_WORKDAYS: Readonly<Record<string, string>> = chineseDays.workdays;
const KNOWN_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(HOLIDAYS), ...Object.keys(MAKE_UP_WORKDAYS)].map((date) => Number(date.slice(0, 4))),
);

/** A hall will not be closed for more than this many days in a row; past it, the rules are wrong. */
const MAX_CLOSED_RUN = 366;

/** Parses a `YYYY-MM-DD` service day; throws RangeError on anything else. */
function toUtcDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return d;
  }
  throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

/** The date `days` calendar days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const day = toUtcDate(date).getUTCDay();
  return (day === 0 ? 7 : day) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/**
 * Whether the installed chinese-days has the State Council's arrangement for `year`
 * (1.5.7: 2004–2026). The years are read from the package's own table, so a newer release
 * that knows 2027 needs no change here.
 */
export function chineseDaysKnowsYear(year: number): boolean {
  return KNOWN_YEARS.has(year);
}

/** The years the installed chinese-days knows, ascending. */
export function packageYears(): number[] {
  return [...KNOWN_YEARS].sort((a, b) => a - b);
}

/**
 * Whether the national arrangement of `year` is known: from the package, or entered from the
 * State Council notice and confirmed by an admin. A date in an unknown year is never guessed:
 * it is not bookable, and a deadline counted through it is provisional.
 */
export function yearKnown(year: number, rules: Pick<CalendarRules, 'confirmedYears'>): boolean {
  return KNOWN_YEARS.has(year) || (rules.confirmedYears ?? []).includes(year);
}

/** The years in [from, to] (dates) whose arrangement is not known. */
export function unknownYearsBetween(from: string, to: string, rules: CalendarRules): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    if (!yearKnown(y, rules)) out.push(y);
  return out;
}

/**
 * The national arrangement of a date: 'holiday' (放假), 'workday' (a make-up working day, 调休),
 * 'plain' (neither: an ordinary weekday or weekend day) or 'unknown' (the year is not known).
 * The hall's own closed and extra days are not part of it.
 */
export function nationalDay(date: string, rules: CalendarRules): 'holiday' | 'workday' | 'plain' | 'unknown' {
  isoWeekday(date); // validates
  // Overrides entered for a year not yet confirmed do not make it known (finding 1).
  if (!yearKnown(Number(date.slice(0, 4)), rules)) return 'unknown';
  const override = rules.overrides.findLast((o) => o.date === date);
  if (override) return override.kind;
  if (MAKE_UP_WORKDAYS[date] !== undefined) return 'workday';
  if (HOLIDAYS[date] !== undefined) return 'holiday';
  return 'plain';
}

export function isWorkingDay(date: string, rules: CalendarRules): boolean {
  const weekday = isoWeekday(date); // also validates the date
  if (rules.closedDates.includes(date)) return false;
  if (rules.extraWorkingDays.includes(date)) return true;
  // The last override for a date wins, so a correction can be appended.
  const override = rules.overrides.findLast((o) => o.date === date);
  if (override) return override.kind === 'workday';
  if (MAKE_UP_WORKDAYS[date] !== undefined) return true;
  if (HOLIDAYS[date] !== undefined) return false;
  return weekday <= 5;
}

/** The first `count` working days starting at, and including, `date`. */
export function workingDaysFrom(date: string, count: number, rules: CalendarRules): string[] {
  const days: string[] = [];
  let day = date;
  let closedRun = 0;
  while (days.length < count) {
    if (isWorkingDay(day, rules)) {
      days.push(day);
      closedRun = 0;
    } else if (++closedRun > MAX_CLOSED_RUN) {
      throw new RangeError(`no working day within ${MAX_CLOSED_RUN} days after ${day}`);
    }
    day = addDays(day, 1);
  }
  return days;
}

/** The date `n` working days after `date` (`date` itself is not counted); `n = 0` gives `date`. */
export function addWorkingDays(date: string, n: number, rules: CalendarRules): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return addDays(date, 0);
  const days = workingDaysFrom(addDays(date, 1), n, rules);
  return days[days.length - 1] ?? date;
}
