import { describe, expect, it } from 'vitest';
import { simulateDay, type DayLog } from '../../bench/sim/engine.ts';
import { estimateQueue, type EstimateCounter } from '../../server/src/domain/estimate.ts';
import { DEFAULT_WEIGHTS, type QueueTicket } from '../../server/src/domain/policy.ts';
import { dedicatedCounters, erlangCWait } from '../../bench/sim/erlang.ts';
import { makeObserver } from '../../bench/sim/estimators.ts';
import { simulationMarkdown } from '../../bench/sim/format.ts';
import { runSimulation } from '../../bench/sim/report.ts';
import { pooledCounters } from '../../server/src/domain/sim/engine.ts';
import { parseScenario, type ScenarioInput } from '../../bench/sim/scenario.ts';

/** A short, overloaded morning with every complication: lunch, bookings, no-shows, transfers. */
function makeScenario(overrides: Partial<ScenarioInput> = {}) {
  return parseScenario({
    name: 'test-hall',
    seed: 11,
    day: { open: '09:00', close: '12:00', lastIssue: '11:30', lunch: { start: '10:30', end: '11:00' } },
    matters: [
      {
        id: 'A',
        configuredMinutes: 6,
        service: { meanMinutes: 8, sigma: 0.6 },
        arrivalsPerHour: [30, 36, 20],
      },
      {
        id: 'B',
        configuredMinutes: 12,
        service: { meanMinutes: 10, sigma: 0.5 },
        arrivalsPerHour: [8, 10, 6],
      },
      {
        id: 'C',
        configuredMinutes: 15,
        service: { meanMinutes: 15, sigma: 0.7 },
        arrivalsPerHour: [4, 6, 4],
        bookable: false,
      },
    ],
    counters: [
      { id: '1', matterIds: ['A', 'B'], openAtLunch: true },
      { id: '2', matterIds: ['A', 'C'] },
      { id: '3', matterIds: ['B', 'A'] },
      { id: '4', matterIds: ['C', 'B', 'A'] },
    ],
    greenShare: 0.1,
    appointments: { share: 0.2, slotMinutes: 30, punctualitySdMinutes: 10 },
    noShow: {
      probability: 0.15,
      markAfterMinutes: 1.5,
      requeueProbability: 0.5,
      requeueDelayMinutes: [2, 20],
    },
    transfer: { probability: 0.1 },
    ...overrides,
  });
}

function checkInvariants(log: DayLog, withEstimates = true): void {
  expect(log.tickets.length).toBeGreaterThan(50);
  // Every arrival is accounted for: a ticket that ends done, no-show or left at close, or turned away.
  expect(log.tickets.length + log.turnedAway).toBe(log.arrivals);
  for (const t of log.tickets) expect(['done', 'no_show', 'left', 'reneged']).toContain(t.status);
  expect(new Set(log.tickets.map((t) => t.id)).size).toBe(log.tickets.length);

  const callsOf = new Map<string, typeof log.calls>();
  for (const c of log.calls) callsOf.set(c.ticketId, [...(callsOf.get(c.ticketId) ?? []), c]);
  for (const t of log.tickets) {
    const calls = callsOf.get(t.id) ?? [];
    const episodes = log.episodes.filter((e) => e.ticketId === t.id);
    // Served at most once; a done ticket exactly once, and its last call is the one that served it.
    expect(calls.filter((c) => c.outcome === 'done').length).toBe(t.status === 'done' ? 1 : 0);
    if (t.status === 'done') expect(calls.at(-1)?.outcome).toBe('done');
    if (t.status === 'no_show') expect(calls.at(-1)?.outcome).toBe('no_show');
    if (t.status === 'left') expect(episodes.at(-1)?.calledAt).toBeNull();
    // Each call ends one stay in the waiting list, and calls of one ticket never overlap.
    expect(episodes.filter((e) => e.calledAt !== null).length).toBe(calls.length);
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]!.calledAt).toBeGreaterThanOrEqual(calls[i - 1]!.endAt);
    expect(t.requeues).toBeLessThanOrEqual(1);
    expect(t.transfers).toBeLessThanOrEqual(1);
  }
  // A counter holds one ticket at a time, and only of a matter it serves.
  const counters = new Map(log.counters.map((c) => [c.id, c]));
  const byCounter = new Map<string, typeof log.calls>();
  for (const c of log.calls) byCounter.set(c.counterId, [...(byCounter.get(c.counterId) ?? []), c]);
  for (const [id, calls] of byCounter) {
    for (const c of calls) expect(counters.get(id)!.matterIds).toContain(c.matterId);
    const sorted = [...calls].sort((a, b) => a.calledAt - b.calledAt);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]!.calledAt).toBeGreaterThanOrEqual(sorted[i - 1]!.endAt);
  }
  // Waits and estimates are never negative.
  for (const e of log.episodes)
    if (e.calledAt !== null) expect(e.calledAt).toBeGreaterThanOrEqual(e.queueTime);
  for (const r of log.issues) {
    if (r.actual !== null) expect(r.actual).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(r.estimates)) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
  }
  expect(log.issues.length).toBe(withEstimates ? log.tickets.length : 0);
}

describe('hall-day simulator', () => {
  it('accounts for every arrival, serves no ticket twice and keeps waits non-negative', () => {
    for (const seed of [11, 12, 13]) {
      const s = makeScenario({ seed });
      const log = simulateDay(s, { observe: makeObserver(seed, { futures: 3, informedEvery: 5 }) });
      checkInvariants(log);
      // The overloaded morning exercises each ending.
      expect(log.tickets.some((t) => t.status === 'no_show')).toBe(true);
      expect(log.tickets.some((t) => t.requeues > 0)).toBe(true);
      expect(log.tickets.some((t) => t.transfers > 0)).toBe(true);
    }
  });

  it('leaves tickets still waiting at close, and calls none after it', () => {
    const log = simulateDay(makeScenario({ seed: 5 }));
    expect(log.tickets.some((t) => t.status === 'left')).toBe(true);
    for (const c of log.calls) expect(c.calledAt).toBeLessThan(log.closeAt);
  });

  it('calls at lunch only at the counters that stay open', () => {
    const log = simulateDay(makeScenario());
    const lunchStart = log.openAt + 90 * 60_000;
    const lunchEnd = log.openAt + 120 * 60_000;
    const atLunch = log.calls.filter((c) => c.calledAt >= lunchStart && c.calledAt < lunchEnd);
    expect(atLunch.length).toBeGreaterThan(0);
    for (const c of atLunch) expect(c.counterId).toBe('1');
  });

  it('plays the same day for the same seed, another for another seed', () => {
    const a = JSON.stringify(simulateDay(makeScenario()));
    const b = JSON.stringify(simulateDay(makeScenario()));
    const c = JSON.stringify(simulateDay(makeScenario({ seed: 12 })));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('keeps the invariants under dedicated counters', () => {
    const s = makeScenario();
    checkInvariants(simulateDay(s, { counters: dedicatedCounters(s.counters) }), false);
  });

  it("keeps the invariants first-come-first-served, pooled, with the real hall's complications", () => {
    const s = makeScenario({
      openingQueue: { count: 15, everySeconds: 10 },
      walkUpMinutes: [0.5, 1.5],
      absences: { probability: 0.5, minutes: [10, 20] },
      bookedNoShowShare: 0.1,
      patienceMeanMinutes: 40,
    });
    const fcfs = simulateDay(s, { policy: 'fcfs' });
    checkInvariants(fcfs, false);
    expect(fcfs.tickets.some((t) => t.status === 'reneged')).toBe(true);
    expect(fcfs.bookedNoShows).toBeGreaterThan(0);
    checkInvariants(simulateDay(s, { policy: 'fcfs', counters: pooledCounters(s) }), false);
  });

  it('draws the same arrivals and service for a ticket under any policy', () => {
    const s = makeScenario();
    const a = simulateDay(s);
    const b = simulateDay(s, { policy: 'fcfs', counters: pooledCounters(s) });
    expect(b.tickets.map((t) => [t.id, t.issuedAt, t.draws[0]])).toEqual(
      a.tickets.map((t) => [t.id, t.issuedAt, t.draws[0]]),
    );
  });
});

describe('bounds', () => {
  it('computes Erlang C waits', () => {
    // M/M/1 with ρ = 0.5 and mean service 1: Wq = ρ/(1 − ρ) = 1.
    expect(erlangCWait(0.5, 1, 1)).toBeCloseTo(1, 10);
    // M/M/2 with a = 1: C = 1/3, Wq = C·S/(c − a) = 1/3.
    expect(erlangCWait(1, 1, 2)).toBeCloseTo(1 / 3, 10);
    expect(erlangCWait(2, 1, 2)).toBe(Infinity);
  });

  it('gives each counter its primary matter, and orphan matters to the counters listing them earliest', () => {
    const dedicated = dedicatedCounters([
      { id: '1', matterIds: ['A', 'C'], openAtLunch: false },
      { id: '2', matterIds: ['B', 'A', 'C'], openAtLunch: false },
      { id: '3', matterIds: ['A', 'B'], openAtLunch: false },
    ]);
    expect(dedicated.map((c) => c.matterIds)).toEqual([['A', 'C'], ['B'], ['A']]);
  });
});

describe('estimates with a counter paused for lunch', () => {
  const now = Date.parse('2025-03-03T04:00:00Z');
  const tickets: QueueTicket[] = ['t1', 't2', 't3'].map((id, i) => ({
    id,
    matterId: 'A',
    class: 'normal',
    queueTime: now - (3 - i) * 60_000,
    dueAt: null,
    reservedCounterId: null,
    transferred: false,
  }));
  const estimate = (paused: EstimateCounter) =>
    estimateQueue({
      now,
      tickets,
      counters: [{ id: 'c1', matterIds: ['A'], status: 'open', freeAt: now }, paused],
      serviceMinutes: new Map([['A', 20]]),
      weights: DEFAULT_WEIGHTS,
    });

  it('counts on the counter from the end of the break', () => {
    const est = estimate({ id: 'c2', matterIds: ['A'], status: 'paused', freeAt: now + 10 * 60_000 });
    expect(['t1', 't2', 't3'].map((id) => est.get(id)?.waitMinutes)).toEqual([0, 10, 20]);
  });

  it('leaves out a paused counter with no known return, as before', () => {
    const est = estimate({ id: 'c2', matterIds: ['A'], status: 'paused', freeAt: now });
    expect(['t1', 't2', 't3'].map((id) => est.get(id)?.waitMinutes)).toEqual([0, 20, 40]);
  });
});

describe('runSimulation', () => {
  it('reports waits against the references on the same draws, the estimators and the goals', () => {
    const result = runSimulation(makeScenario({ days: 2 }), { futures: 3, informedEvery: 10 });
    expect(result.tickets.issued).toBeGreaterThan(100);
    expect(result.estimates.rows.map((r) => r.label)).toEqual(['0', '1–4', '5–9', '10–19', '20+']);
    expect(result.estimates.overall.production.n).toBe(
      result.estimates.rows.reduce((n, r) => n + r.production.n, 0),
    );
    expect(result.estimates.informedSample.informed.n).toBeGreaterThan(0);
    // The references run on the same tickets.
    expect(result.pooled.waits.n).toBe(result.hallq.waits.n);
    expect(result.fcfs.waits.n).toBe(result.hallq.waits.n);
    expect(result.verdicts).toHaveLength(8);
    // The staffing advisor's proposal is judged against the pooled hall, within its matters a counter.
    expect(result.verdicts.at(-1)!.goal).toMatch(/^staffing advisor/);
    expect(simulationMarkdown([result])).toContain('test-hall');
  });
});

describe('bench ratio intervals', () => {
  it('brackets the paired per-round ratio, and needs two rounds', async () => {
    const { ratioInterval } = await import('../../bench/speed/stats.ts');
    const [lo, hi] = ratioInterval([2, 2.2, 1.8, 2.1], [1, 1, 1, 1]);
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(2);
    expect(ratioInterval([2, 2, 2], [1, 1, 1])).toEqual([2, 2]);
    expect(ratioInterval([2], [1]).every(Number.isNaN)).toBe(true);
  });
});
