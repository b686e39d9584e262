import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CalendarRules } from '../../server/src/domain/calendar.ts';
import {
  bookableCapacity,
  DEFAULT_SLOT_SETTINGS,
  findSlot,
  generateSlots,
  type GenerateSlotsArgs,
  type SlotSettings,
  type WeekHours,
} from '../../server/src/domain/slots.ts';

const WEEKDAY = { open: '09:00', close: '17:00', lunchStart: '12:00', lunchEnd: '13:30' };
const HOURS: WeekHours = { '1': WEEKDAY, '2': WEEKDAY, '3': WEEKDAY, '4': WEEKDAY, '5': WEEKDAY };
const NO_RULES: CalendarRules = { closedDates: [], extraWorkingDays: [], overrides: [] };

/** A hall instant: `shanghai('2026-10-08T09:10')` is 09:10 in Beijing time. */
function shanghai(local: string): Date {
  return new Date(`${local}:00+08:00`);
}

function makeArgs(
  overrides: Partial<Omit<GenerateSlotsArgs, 'settings'>> & { settings?: Partial<SlotSettings> } = {},
) {
  const { settings, ...rest } = overrides;
  return {
    from: '2026-09-01',
    to: '2026-12-31',
    timezone: 'Asia/Shanghai',
    hours: HOURS,
    rules: NO_RULES,
    now: shanghai('2026-09-28T07:00'),
    ...rest,
    // These cases were written for a 60-minute notice (the default is now the change limit, 120).
    settings: { ...DEFAULT_SLOT_SETTINGS, minNoticeMinutes: 60, ...settings },
  } satisfies GenerateSlotsArgs;
}

function timesOf(slots: { start: string }[]): string[] {
  return slots.map((slot) => slot.start.slice(11, 16));
}

function datesOf(slots: { date: string }[]): string[] {
  return [...new Set(slots.map((slot) => slot.date))];
}

describe('generateSlots', () => {
  it('fills a weekday around the lunch break with 30-minute slots', () => {
    const slots = generateSlots(makeArgs({ from: '2026-10-08', to: '2026-10-08' }));
    expect(timesOf(slots)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
    expect(slots[5]).toMatchObject({
      start: '2026-10-08T11:30:00.000+08:00',
      end: '2026-10-08T12:00:00.000+08:00',
    });
    expect(slots.at(-1)).toMatchObject({ end: '2026-10-08T17:00:00.000+08:00', date: '2026-10-08' });
  });

  it('restarts the slot grid at the end of lunch and never runs past closing', () => {
    const day = { open: '08:30', close: '16:30', lunchStart: '12:15', lunchEnd: '13:45' };
    const slots = generateSlots(
      makeArgs({
        from: '2026-10-08',
        to: '2026-10-08',
        hours: { '1': day, '4': day },
        settings: { slotMinutes: 60 },
      }),
    );
    expect(timesOf(slots)).toEqual(['08:30', '09:30', '10:30', '13:45', '14:45']);
  });

  it('has no slots on the National Day holiday', () => {
    const slots = generateSlots(makeArgs({ from: '2026-10-01', to: '2026-10-07' }));
    expect(slots).toEqual([]);
  });

  it('has slots on the make-up Saturday, with Monday hours', () => {
    const slots = generateSlots(makeArgs({ from: '2026-10-10', to: '2026-10-10' }));
    expect(slots).toHaveLength(13);
    expect(slots[0]?.start).toBe('2026-10-10T09:00:00.000+08:00');
  });

  it('offers the first horizonDays working days from today, today included', () => {
    const slots = generateSlots(makeArgs());
    expect(datesOf(slots)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
    expect(slots.map((slot) => slot.start)).toEqual(slots.map((slot) => slot.start).sort());
  });

  it('counts the horizon from the next working day when today is a holiday', () => {
    const slots = generateSlots(
      makeArgs({ now: shanghai('2026-10-03T10:00'), settings: { horizonDays: 2 } }),
    );
    expect(datesOf(slots)).toEqual(['2026-10-08', '2026-10-09']);
  });

  it('keeps only the requested dates within the horizon', () => {
    const slots = generateSlots(
      makeArgs({ from: '2026-09-30', to: '2026-10-09', settings: { horizonDays: 4 } }),
    );
    expect(datesOf(slots)).toEqual(['2026-09-30', '2026-10-08']);
  });

  it('respects the minimum notice', () => {
    const slots = generateSlots(
      makeArgs({ from: '2026-10-08', to: '2026-10-08', now: shanghai('2026-10-08T09:10') }),
    );
    expect(timesOf(slots)[0]).toBe('10:30');
  });

  it('offers a slot starting exactly at the minimum notice', () => {
    const slots = generateSlots(
      makeArgs({ from: '2026-10-08', to: '2026-10-08', now: shanghai('2026-10-08T09:30') }),
    );
    expect(timesOf(slots)[0]).toBe('10:30');
  });

  it("uses the hall's date, not UTC's, to decide what today is", () => {
    // 2026-10-07T17:00Z is already 01:00 on 8 October in Shanghai: today is a working day.
    const slots = generateSlots(
      makeArgs({ now: new Date('2026-10-07T17:00:00Z'), settings: { horizonDays: 1 } }),
    );
    expect(datesOf(slots)).toEqual(['2026-10-08']);
  });

  it('gives each slot the bookable capacity left after the walk-in share', () => {
    const slots = generateSlots(makeArgs({ from: '2026-10-08', to: '2026-10-08' }));
    expect(new Set(slots.map((slot) => slot.capacity))).toEqual(new Set([3]));
  });

  it('offers nothing when walk-ins take the whole slot', () => {
    expect(generateSlots(makeArgs({ settings: { perSlot: 3, walkInShare: 0.75 } }))).toEqual([]);
  });

  it('uses the offset of the hall’s time zone', () => {
    const slots = generateSlots(makeArgs({ from: '2026-10-08', to: '2026-10-08', timezone: 'Asia/Urumqi' }));
    expect(slots[0]?.start).toBe('2026-10-08T09:00:00.000+06:00');
  });
});

describe.each(['UTC', 'America/New_York'])('in a process running in %s', (tz) => {
  let savedTz: string | undefined;
  beforeAll(() => {
    savedTz = process.env.TZ;
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('writes Shanghai slots with +08:00', () => {
    const slots = generateSlots(makeArgs({ from: '2026-10-08', to: '2026-10-08' }));
    expect(slots).toHaveLength(13);
    for (const slot of slots) {
      expect(slot.start).toMatch(/^2026-10-08T\d\d:\d\d:00\.000\+08:00$/);
      expect(slot.end).toMatch(/\+08:00$/);
    }
  });

  it('still skips National Day and opens on the make-up Saturday', () => {
    expect(datesOf(generateSlots(makeArgs()))).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
  });
});

describe('bookableCapacity', () => {
  it('keeps the walk-in share of each slot', () => {
    expect(bookableCapacity({ perSlot: 4, walkInShare: 0.25 })).toBe(3);
    expect(bookableCapacity({ perSlot: 5, walkInShare: 0.25 })).toBe(3);
    expect(bookableCapacity({ perSlot: 4, walkInShare: 0 })).toBe(4);
    expect(bookableCapacity({ perSlot: 4, walkInShare: 1 })).toBe(0);
  });

  it('is not thrown off by floating-point rounding', () => {
    expect(bookableCapacity({ perSlot: 10, walkInShare: 0.9 })).toBe(1);
    expect(bookableCapacity({ perSlot: 5, walkInShare: 0.8 })).toBe(1);
  });
});

describe('findSlot', () => {
  const query = makeArgs({ now: shanghai('2026-10-08T08:00') });

  it('finds the slot at a valid start', () => {
    expect(findSlot(query, '2026-10-08T10:00:00.000+08:00')).toEqual({
      start: '2026-10-08T10:00:00.000+08:00',
      end: '2026-10-08T10:30:00.000+08:00',
      capacity: 3,
      date: '2026-10-08',
    });
  });

  it('finds the same slot from another notation of the same instant', () => {
    expect(findSlot(query, '2026-10-08T02:00:00Z')?.start).toBe('2026-10-08T10:00:00.000+08:00');
  });

  it('finds a slot on the make-up Saturday', () => {
    expect(findSlot(query, '2026-10-10T14:00:00+08:00')?.date).toBe('2026-10-10');
  });

  it('refuses a start off the slot grid, in the lunch break, or after closing', () => {
    expect(findSlot(query, '2026-10-08T10:10:00+08:00')).toBeNull();
    expect(findSlot(query, '2026-10-08T12:30:00+08:00')).toBeNull();
    expect(findSlot(query, '2026-10-08T17:00:00+08:00')).toBeNull();
  });

  it('refuses a start on a holiday, beyond the horizon, or too soon', () => {
    expect(findSlot(query, '2026-10-07T10:00:00+08:00')).toBeNull();
    expect(findSlot(query, '2026-10-15T10:00:00+08:00')).not.toBeNull();
    expect(findSlot(query, '2026-10-16T10:00:00+08:00')).toBeNull();
    const soon = { ...query, now: shanghai('2026-10-08T09:10') };
    expect(findSlot(soon, '2026-10-08T10:00:00+08:00')).toBeNull();
    expect(findSlot(soon, '2026-10-08T10:30:00+08:00')).not.toBeNull();
  });

  it('refuses a start that is not a time at all', () => {
    expect(findSlot(query, 'tomorrow at ten')).toBeNull();
    expect(findSlot(query, '')).toBeNull();
  });
});
