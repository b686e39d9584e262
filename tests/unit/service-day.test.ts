import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDayMinute, serviceDay } from '../../server/src/domain/numbering.ts';
import { mulberry32 } from '../../server/src/domain/sim/rng.ts';

describe('serviceDay and localDayMinute (the day bounds they keep per time zone)', () => {
  it("answers luxon's local date for moments asked in any order, across midnights and DST changes", () => {
    const rng = mulberry32(7);
    // Around New York's spring-forward day and Shanghai's midnights, a week either side.
    const base = Date.parse('2026-03-08T05:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const at = new Date(base + Math.floor((rng() - 0.5) * 14 * 86_400_000));
      for (const zone of ['Asia/Shanghai', 'America/New_York', 'Asia/Kolkata']) {
        const local = DateTime.fromJSDate(at, { zone });
        expect(serviceDay(at, zone)).toBe(local.toISODate());
        expect(localDayMinute(at, zone).minute).toBe(local.hour * 60 + local.minute);
      }
    }
  });

  it('changes day exactly at local midnight', () => {
    const midnight = Date.parse('2026-12-02T16:00:00Z'); // 2026-12-03 00:00 in Shanghai
    expect(serviceDay(new Date(midnight - 1), 'Asia/Shanghai')).toBe('2026-12-02');
    expect(serviceDay(new Date(midnight), 'Asia/Shanghai')).toBe('2026-12-03');
    expect(serviceDay(new Date(midnight - 1), 'Asia/Shanghai')).toBe('2026-12-02');
  });
});
