// Issue 13, findings 1–3 at the domain level: a calendar that never guesses, weekend and evening
// hours, closures, and the walk-in issuing window (截止取号, next opening).
import { describe, expect, it } from 'vitest';
import {
  type CalendarRules,
  nationalDay,
  packageYears,
  yearKnown,
} from '../../server/src/domain/calendar.ts';
import { issuingWindow, openingOf, type HallHours } from '../../server/src/domain/hours.ts';
import {
  DEFAULT_SLOT_SETTINGS,
  findSlot,
  generateSlots,
  type WeekHours,
} from '../../server/src/domain/slots.ts';

const WEEKDAY = { open: '09:00', close: '17:00', lunchStart: '12:00', lunchEnd: '13:30' };
const MON_FRI: WeekHours = {
  '1': WEEKDAY,
  '2': WEEKDAY,
  '3': WEEKDAY,
  '4': WEEKDAY,
  '5': WEEKDAY,
  '6': null,
  '7': null,
};
const NONE: CalendarRules = { closedDates: [], extraWorkingDays: [], overrides: [] };
const shanghai = (local: string) => new Date(`${local}:00+08:00`);
const TZ = 'Asia/Shanghai';

const slotsOn = (
  date: string,
  o: { hours?: WeekHours; rules?: CalendarRules; dateHours?: HallHours['dateHours']; now?: Date },
) =>
  generateSlots({
    timezone: TZ,
    hours: o.hours ?? MON_FRI,
    rules: o.rules ?? NONE,
    dateHours: o.dateHours,
    settings: { ...DEFAULT_SLOT_SETTINGS, horizonDays: 30 },
    now: o.now ?? shanghai('2026-11-16T07:00'),
    from: date,
    to: date,
  });

describe('a calendar that never guesses', () => {
  it('asks the installed package which years it knows', () => {
    const years = packageYears();
    expect(years).toContain(2026);
    expect(years.every((y) => yearKnown(y, NONE))).toBe(true);
  });

  it('offers no slot in a year the package does not know (2027-01-01 is 元旦)', () => {
    const unknown = packageYears().at(-1)! + 1;
    const now = shanghai(`${unknown - 1}-12-28T07:00`);
    const slots = generateSlots({
      timezone: TZ,
      hours: MON_FRI,
      rules: NONE,
      settings: { ...DEFAULT_SLOT_SETTINGS, horizonDays: 10 },
      now,
      from: `${unknown - 1}-12-28`,
      to: `${unknown}-01-31`,
    });
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.date < `${unknown}-01-01`)).toBe(true);
    expect(
      findSlot(
        { timezone: TZ, hours: MON_FRI, rules: NONE, settings: DEFAULT_SLOT_SETTINGS, now },
        `${unknown}-01-04T09:00:00+08:00`,
      ),
    ).toBeNull();
  });

  it('keeps a year unknown while it only has overrides, and knows it once confirmed', () => {
    const year = packageYears().at(-1)! + 1;
    const overrides = [{ date: `${year}-01-01`, kind: 'holiday' as const }];
    expect(nationalDay(`${year}-01-01`, { ...NONE, overrides })).toBe('unknown');
    const confirmed = { ...NONE, overrides, confirmedYears: [year] };
    expect(nationalDay(`${year}-01-01`, confirmed)).toBe('holiday');
    expect(nationalDay(`${year}-01-05`, confirmed)).toBe('plain');
  });

  it('lets walk-ins follow the weekday hours on a day of an unknown year', () => {
    const year = packageYears().at(-1)! + 1;
    const h: HallHours = { hours: MON_FRI, calendar: NONE };
    const jan4 = `${year}-01-04`;
    const weekday = new Date(`${jan4}T00:00:00Z`).getUTCDay();
    const opening = openingOf(jan4, h);
    expect(opening.status).toBe('unknown_year');
    expect(opening.status === 'unknown_year' && opening.hours !== null).toBe(weekday >= 1 && weekday <= 5);
  });
});

describe('hours as halls keep them', () => {
  it('opens on a Saturday that has hours (周末不打烊)', () => {
    const hours = { ...MON_FRI, '6': { open: '09:00', close: '12:00' } };
    expect(slotsOn('2026-11-21', {}).length).toBe(0);
    const sat = slotsOn('2026-11-21', { hours });
    expect(sat.map((s) => s.start.slice(11, 16))).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
  });

  it('serves an evening given for one date (延时服务) and a weekday evening', () => {
    const dateHours = {
      '2026-11-19': { open: '09:00', close: '19:00', lunchStart: '12:00', lunchEnd: '13:30' },
    };
    expect(slotsOn('2026-11-19', { dateHours }).at(-1)!.start.slice(11, 16)).toBe('18:30');
    const thursdays = { ...MON_FRI, '4': { ...WEEKDAY, close: '19:00' } };
    expect(slotsOn('2026-11-26', { hours: thursdays }).at(-1)!.start.slice(11, 16)).toBe('18:30');
  });

  it('offers nothing on a closed date and nothing on a holiday', () => {
    expect(slotsOn('2026-11-19', { rules: { ...NONE, closedDates: ['2026-11-19'] } })).toEqual([]);
    expect(slotsOn('2026-10-01', { now: shanghai('2026-09-28T07:00') })).toEqual([]);
  });
});

describe('the walk-in issuing window', () => {
  const h: HallHours = { hours: MON_FRI, calendar: NONE };
  it('is closed at 03:00 and names today 09:00 as the next opening', () => {
    const w = issuingWindow(shanghai('2026-11-18T03:00'), TZ, h, 30);
    expect(w).toMatchObject({
      open: false,
      reason: 'before_opening',
      nextOpening: '2026-11-18T09:00:00.000+08:00',
    });
  });
  it('stops 30 minutes before closing (截止取号) and names the next working day', () => {
    expect(issuingWindow(shanghai('2026-11-18T16:29'), TZ, h, 30).open).toBe(true);
    const w = issuingWindow(shanghai('2026-11-20T16:30'), TZ, h, 30);
    expect(w).toMatchObject({
      open: false,
      reason: 'after_last_ticket',
      lastTicket: '16:30',
      nextOpening: '2026-11-23T09:00:00.000+08:00',
    });
  });
  it('is closed on a Sunday and on a holiday, open over lunch', () => {
    expect(issuingWindow(shanghai('2026-11-22T10:00'), TZ, h, 30)).toMatchObject({
      open: false,
      reason: 'closed_day',
    });
    expect(issuingWindow(shanghai('2026-10-01T10:00'), TZ, h, 30)).toMatchObject({
      open: false,
      reason: 'closed_day',
      nextOpening: '2026-10-08T09:00:00.000+08:00',
    });
    expect(issuingWindow(shanghai('2026-11-18T12:30'), TZ, h, 30)).toMatchObject({
      open: true,
      lunch: { start: '12:00', end: '13:30' },
    });
  });
});
