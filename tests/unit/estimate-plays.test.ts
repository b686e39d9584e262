import { describe, expect, it } from 'vitest';
import { estimateQueue, type EstimateInput } from '../../server/src/domain/estimate.ts';
import { playedEstimates } from '../../server/src/domain/estimate-plays.ts';
import { DEFAULT_WEIGHTS, type QueueTicket } from '../../server/src/domain/policy.ts';
import { mulberry32 } from '../../server/src/domain/sim/rng.ts';

const T0 = Date.parse('2026-11-18T02:00:00Z');
const MINUTE = 60_000;
const waiting: QueueTicket = {
  id: 't1',
  matterId: 'A',
  class: 'normal',
  queueTime: T0 - MINUTE,
  dueAt: null,
  reservedCounterId: null,
  transferred: false,
};
// Two counters, each busy with an A ticket called just now; A's mean is 10 minutes.
const input: EstimateInput<QueueTicket> = {
  now: T0,
  tickets: [waiting],
  counters: [
    { id: 'c1', matterIds: ['A'], status: 'open', freeAt: T0 + 10 * MINUTE },
    { id: 'c2', matterIds: ['A'], status: 'open', freeAt: T0 + 10 * MINUTE },
  ],
  serviceMinutes: new Map([['A', 10]]),
  weights: DEFAULT_WEIGHTS,
};
const running = [
  { counterId: 'c1', matterId: 'A', began: T0 },
  { counterId: 'c2', matterId: 'A', began: T0 },
];

describe('estimates played with services drawn from the recent ones', () => {
  it('answers the play at the means while a matter has too few recent services', () => {
    const recent = new Map([['A', [1, 19, 1, 19]]]);
    expect(playedEstimates(input, running, recent)).toEqual(estimateQueue(input));
  });

  it('expects the first of two busy counters sooner than the mean when services are quick or long', () => {
    // Half the services take 1 minute, half 19 (mean 10). At the means both counters free up at
    // 10; drawn, each is done after 1 minute with chance 1/3 (2/3 a drawn service × 1/2 a quick
    // one; the rest of the weight stays on the mean), so the first one frees up after 1 minute in
    // 5/9 of the plays: the median wait is 1 minute.
    const recent = new Map([['A', [1, 19, 1, 19, 1, 19, 1, 19, 1, 19]]]);
    expect(estimateQueue(input).get('t1')!.waitMinutes).toBe(10);
    const played = playedEstimates(input, running, recent).get('t1')!;
    expect(played.waitMinutes).toBe(1);
    expect(played.ahead).toBe(0);
    expect(played.callAt).toBe(T0 + MINUTE);
  });

  it('draws a running service only from the recent ones that lasted longer than it has run', () => {
    // Both began 5 minutes ago: only the 19-minute services are still possible, so neither frees
    // up in 1 minute; the median is the mean's end (10) or the long end (19), never 1.
    const recent = new Map([['A', [1, 19, 1, 19, 1, 19, 1, 19, 1, 19]]]);
    const late = running.map((r) => ({ ...r, began: T0 - 5 * MINUTE }));
    const lateInput = {
      ...input,
      counters: input.counters.map((c) => ({ ...c, freeAt: T0 + 5 * MINUTE })),
    };
    const w = playedEstimates(lateInput, late, recent).get('t1')!.waitMinutes!;
    expect([5, 14]).toContain(w);
  });

  it('gives the same answer for the same moment and queue', () => {
    const recent = new Map([['A', [3, 7, 12, 9, 15, 4, 8, 11]]]);
    const busy = { ...input, tickets: [waiting, { ...waiting, id: 't2', queueTime: T0 }] };
    expect(playedEstimates(busy, running, recent)).toEqual(playedEstimates(busy, running, recent));
  });
});

describe("one ticket's estimate asked alone (an issue's answer)", () => {
  it('equals its estimate in the whole computation, for every ticket of random halls', () => {
    const rng = mulberry32(20261202);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    const matters = ['A', 'B', 'C', 'D'];
    for (let hall = 0; hall < 40; hall++) {
      const counters = Array.from({ length: 1 + Math.floor(rng() * 5) }, (_, i) => ({
        id: `c${i}`,
        matterIds: matters.filter(() => rng() < 0.6).slice(0, 3),
        status: pick(['open', 'open', 'open', 'paused'] as const),
        freeAt: T0 + Math.floor(rng() * 20) * MINUTE,
        breakWindow: rng() < 0.3 ? { start: T0 + 30 * MINUTE, end: T0 + 90 * MINUTE } : null,
      }));
      const tickets: QueueTicket[] = Array.from({ length: Math.floor(rng() * 60) }, (_, i) => {
        const cls = pick(['normal', 'normal', 'normal', 'green', 'appointment'] as const);
        return {
          id: `t${i}`,
          matterId: pick(matters),
          class: cls,
          queueTime: T0 - Math.floor(rng() * 120) * MINUTE,
          dueAt: cls === 'appointment' ? T0 + Math.floor(rng() * 60 - 20) * MINUTE : null,
          reservedCounterId: rng() < 0.05 ? pick(counters).id : null,
          transferred: rng() < 0.1,
          seq: i,
        };
      });
      const input: EstimateInput<QueueTicket> = {
        now: T0 + hall * 997,
        tickets,
        counters,
        serviceMinutes: new Map(matters.map((m) => [m, 3 + rng() * 12])),
        weights: DEFAULT_WEIGHTS,
        expectedArrivals: rng() < 0.5 ? [{ matterId: pick(matters), class: 'green', perMinute: 0.05 }] : [],
      };
      const recent = new Map(matters.map((m) => [m, Array.from({ length: 8 }, () => 1 + rng() * 20)]));
      const running = counters
        .filter((c) => c.status === 'open' && c.freeAt > T0)
        .map((c) => ({ counterId: c.id, matterId: c.matterIds[0] ?? 'A', began: T0 - 2 * MINUTE }));
      const all = playedEstimates(input, running, recent);
      for (const t of tickets) {
        const alone = playedEstimates(input, running, recent, t.id);
        expect([...alone.keys()]).toEqual([t.id]);
        expect(alone.get(t.id)).toEqual(all.get(t.id));
      }
    }
  });
});
