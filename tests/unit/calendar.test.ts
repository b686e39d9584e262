import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  addDays,
  addWorkingDays,
  type CalendarRules,
  chineseDaysKnowsYear,
  isoWeekday,
  isWorkingDay,
  workingDaysFrom,
} from '../../server/src/domain/calendar.ts';

function makeRules(rules: Partial<CalendarRules> = {}): CalendarRules {
  return { closedDates: [], extraWorkingDays: [], overrides: [], ...rules };
}

const NATIONAL_DAY_2026 = [
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
];

// The answers must not depend on the time zone the server process runs in; chinese-days' own
// functions are off by one day west of UTC.
describe.each(['UTC', 'Asia/Shanghai', 'America/New_York'])('working days (process TZ %s)', (tz) => {
  let savedTz: string | undefined;
  beforeAll(() => {
    savedTz = process.env.TZ;
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('closes on every day of the 2026 National Day holiday', () => {
    for (const date of NATIONAL_DAY_2026) expect(isWorkingDay(date, makeRules()), date).toBe(false);
  });

  it('closes on the Mid-Autumn Friday', () => {
    expect(isWorkingDay('2026-09-25', makeRules())).toBe(false);
  });

  it('opens on the make-up working days around National Day (Sunday 20 Sep, Saturday 10 Oct)', () => {
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(isWorkingDay('2026-09-20', makeRules())).toBe(true);
    expect(isWorkingDay('2026-10-10', makeRules())).toBe(true);
  });

  it('treats an ordinary weekend as closed and an ordinary weekday as open', () => {
    expect(isWorkingDay('2026-10-17', makeRules())).toBe(false);
    expect(isWorkingDay('2026-10-18', makeRules())).toBe(false);
    expect(isWorkingDay('2026-10-16', makeRules())).toBe(true);
  });

  it('counts working days across National Day', () => {
    expect(addWorkingDays('2026-09-30', 1, makeRules())).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, makeRules())).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4, makeRules())).toBe('2026-10-12');
  });
});

describe('addWorkingDays', () => {
  it('does not count the start date itself', () => {
    expect(addWorkingDays('2026-10-12', 1, makeRules())).toBe('2026-10-13');
  });

  it('lands on a make-up Sunday', () => {
    expect(addWorkingDays('2026-09-18', 1, makeRules())).toBe('2026-09-20');
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-10-12', -1, makeRules())).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-12', 1.5, makeRules())).toThrow(RangeError);
  });
});

describe('workingDaysFrom', () => {
  it('includes the start date when it is a working day and skips the holiday', () => {
    expect(workingDaysFrom('2026-09-28', 5, makeRules())).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
    ]);
  });

  it('starts at the next working day when the start date is a holiday', () => {
    expect(workingDaysFrom('2026-10-01', 1, makeRules())).toEqual(['2026-10-08']);
  });

  it('gives nothing for a count of zero', () => {
    expect(workingDaysFrom('2026-10-01', 0, makeRules())).toEqual([]);
  });
});

describe('precedence of the rules', () => {
  it("closes on the hall's closed date even when it is a make-up working day", () => {
    expect(isWorkingDay('2026-09-20', makeRules({ closedDates: ['2026-09-20'] }))).toBe(false);
  });

  it('lets a closed date win over an extra working day on the same date', () => {
    const rules = makeRules({ closedDates: ['2026-10-16'], extraWorkingDays: ['2026-10-16'] });
    expect(isWorkingDay('2026-10-16', rules)).toBe(false);
  });

  it("opens on the hall's extra working day during a holiday and on a weekend", () => {
    const rules = makeRules({ extraWorkingDays: ['2026-10-02', '2026-10-17'] });
    expect(isWorkingDay('2026-10-02', rules)).toBe(true);
    expect(isWorkingDay('2026-10-17', rules)).toBe(true);
  });

  it('lets an extra working day win over a holiday override', () => {
    const rules = makeRules({
      extraWorkingDays: ['2026-10-16'],
      overrides: [{ date: '2026-10-16', kind: 'holiday' }],
    });
    expect(isWorkingDay('2026-10-16', rules)).toBe(true);
  });

  it("lets an override correct the package's data", () => {
    const rules = makeRules({
      overrides: [
        { date: '2026-10-08', kind: 'holiday' },
        { date: '2026-10-03', kind: 'workday' },
      ],
    });
    expect(isWorkingDay('2026-10-08', rules)).toBe(false);
    expect(isWorkingDay('2026-10-03', rules)).toBe(true);
  });

  it('uses the last override for a date', () => {
    const rules = makeRules({
      overrides: [
        { date: '2026-10-16', kind: 'holiday' },
        { date: '2026-10-16', kind: 'workday' },
      ],
    });
    expect(isWorkingDay('2026-10-16', rules)).toBe(true);
  });

  it('keeps closed dates of one year from touching another', () => {
    const rules = makeRules({ closedDates: ['2026-10-16'] });
    expect(isWorkingDay('2027-10-15', rules)).toBe(true);
  });
});

describe('years the package does not know', () => {
  it('knows 2004 to 2026 and not 2003 or 2040', () => {
    expect(chineseDaysKnowsYear(2004)).toBe(true);
    expect(chineseDaysKnowsYear(2026)).toBe(true);
    expect(chineseDaysKnowsYear(2003)).toBe(false);
    expect(chineseDaysKnowsYear(2040)).toBe(false);
  });

  it('applies overrides for 2040 and plain Monday to Friday elsewhere', () => {
    const rules = makeRules({
      overrides: [
        { date: '2040-10-01', kind: 'holiday' },
        { date: '2040-09-29', kind: 'workday' },
      ],
    });
    expect(isWorkingDay('2040-10-01', rules)).toBe(false); // a Monday, made a holiday
    expect(isWorkingDay('2040-09-29', rules)).toBe(true); // a Saturday, made a working day
    expect(isWorkingDay('2040-10-02', rules)).toBe(true); // an ordinary Tuesday
    expect(isWorkingDay('2040-10-06', rules)).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2040-10-07', rules)).toBe(false); // an ordinary Sunday
  });
});

describe('dates', () => {
  it('rejects a malformed or impossible date', () => {
    expect(() => isWorkingDay('2026-2-3', makeRules())).toThrow(RangeError);
    expect(() => isWorkingDay('2026-02-30', makeRules())).toThrow(RangeError);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('agreement with chinese-days', () => {
  it('matches the package’s own isWorkday for every day from 2004 to 2026 (loaded in Asia/Shanghai)', async () => {
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const { default: chineseDays } = await import('chinese-days');
      const mismatches: string[] = [];
      for (let date = '2004-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
        if (isWorkingDay(date, makeRules()) !== chineseDays.isWorkday(date)) mismatches.push(date);
      }
      expect(mismatches).toEqual([]);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });
});
