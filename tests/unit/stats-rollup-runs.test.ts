import { describe, expect, it } from 'vitest';
import { runsOf } from '../../server/src/stats/stats.rollup.ts';

// Missing rollups are built a run of consecutive days at a time (one statement each), a run at
// most a month long.
describe('runsOf', () => {
  it('cuts the days at gaps', () => {
    expect(
      runsOf(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-03', '2026-02-05', '2026-02-06']),
    ).toEqual([['2026-01-30', '2026-01-31', '2026-02-01'], ['2026-02-03'], ['2026-02-05', '2026-02-06']]);
  });

  it('cuts a year into runs of at most 31 days, every day once and in order', () => {
    const year: string[] = [];
    for (let d = new Date(Date.UTC(2025, 11, 2)); year.length < 365; d = new Date(d.getTime() + 86_400_000))
      year.push(d.toISOString().slice(0, 10));
    const runs = runsOf(year);
    expect(runs).toHaveLength(12);
    expect(runs.every((r) => r.length <= 31)).toBe(true);
    expect(runs.flat()).toEqual(year);
  });

  it('has no runs for no days', () => {
    expect(runsOf([])).toEqual([]);
  });
});
