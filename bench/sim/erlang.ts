// An analytic APPROXIMATION of the pooled hall (every counter serves every matter, first come first
// served): Erlang C (M/M/c) piecewise by hour, and Allen–Cunneen's correction for the service time's
// variability, Wq ≈ Erlang C × (cₐ² + cₛ²) / 2 with Poisson arrivals (cₐ² = 1). It is no bound: the
// simulated pooled hall on the same draws is the reference (report.ts). Also the "dedicated
// counters" variant where every counter serves only its primary matter.
import { dayTimes, MINUTE, simulateDay, type DayLog } from './engine.ts';
import type { Scenario, ScenarioCounter } from './scenario.ts';

/** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load `a` erlangs. */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  // Erlang B by its stable recursion, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** Mean wait in queue (minutes) of M/M/c: λ per minute, mean service minutes, c servers. ρ ≥ 1 → ∞. */
export function erlangCWait(lambdaPerMinute: number, serviceMeanMinutes: number, c: number): number {
  if (lambdaPerMinute <= 0) return 0;
  if (c <= 0) return Infinity;
  const a = lambdaPerMinute * serviceMeanMinutes;
  if (a >= c) return Infinity;
  return (erlangC(c, a) * serviceMeanMinutes) / (c - a);
}

/**
 * Erlang C wait for a fractional number of counters (a counter open part of the hour): the hour
 * split between ⌊c⌋ and ⌈c⌉ open counters, so linear in c; ∞ when either part is overloaded.
 */
export function erlangCWaitFractional(
  lambdaPerMinute: number,
  serviceMeanMinutes: number,
  c: number,
): number {
  const lo = Math.floor(c);
  const hi = Math.ceil(c);
  const wLo = erlangCWait(lambdaPerMinute, serviceMeanMinutes, lo);
  if (lo === hi) return wLo;
  const wHi = erlangCWait(lambdaPerMinute, serviceMeanMinutes, hi);
  if (!Number.isFinite(wLo) || !Number.isFinite(wHi)) return Infinity;
  return wLo + (wHi - wLo) * (c - lo);
}

export interface HourBound {
  /** Minutes after opening of the hour's start. */
  offsetMinutes: number;
  /** Expected arrivals per hour (all matters). */
  arrivalsPerHour: number;
  /** Arrival-weighted mean of the matters' true service means (minutes). */
  serviceMean: number;
  /** Counters open, time-averaged over the hour. */
  counters: number;
  /** Offered load per counter. */
  rho: number;
  /** Erlang C mean wait (minutes). */
  wait: number;
  /** Squared coefficient of variation of the service time mix. */
  cs2: number;
  /** Allen–Cunneen approximation of the mean wait (minutes). */
  acWait: number;
}

export interface PooledBound {
  hours: HourBound[];
  /** Hourly Erlang C waits averaged weighted by arrivals; ∞ when some hour is overloaded. */
  meanWait: number;
  /** The same for the Allen–Cunneen approximation. */
  acMeanWait: number;
}

/**
 * The pooled M/M/c bound of the scenario, piecewise by hour of issuing: λ = the scenario's arrival
 * rate that hour (all matters), service mean = the arrival-weighted mean of the TRUE service means,
 * c = counters open that hour (time-averaged, so a lunch break counts in part).
 */
export function pooledBound(s: Scenario): PooledBound {
  const { openAt, lastIssueAt, closeAt, lunch } = dayTimes(s);
  const hours: HourBound[] = [];
  for (let h = 0; openAt + h * 60 * MINUTE < lastIssueAt; h++) {
    const start = openAt + h * 60 * MINUTE;
    const end = Math.min(start + 60 * MINUTE, lastIssueAt);
    let arrivalsPerHour = 0;
    let work = 0;
    let second = 0;
    for (const m of s.matters) {
      const rate = m.arrivalsPerHour[h] ?? 0;
      arrivalsPerHour += rate;
      work += rate * m.service.meanMinutes;
      second += rate * m.service.meanMinutes ** 2 * Math.exp(m.service.sigma ** 2);
    }
    const serviceMean = arrivalsPerHour > 0 ? work / arrivalsPerHour : 0;
    const cs2 = serviceMean > 0 ? second / arrivalsPerHour / serviceMean ** 2 - 1 : 0;
    const lunchOverlap = lunch ? Math.max(0, Math.min(end, lunch.end) - Math.max(start, lunch.start)) : 0;
    let openMs = 0;
    for (const c of s.counters) openMs += Math.min(end, closeAt) - start - (c.openAtLunch ? 0 : lunchOverlap);
    const counters = openMs / (end - start);
    hours.push({
      offsetMinutes: h * 60,
      arrivalsPerHour,
      serviceMean,
      counters,
      rho: counters > 0 ? (arrivalsPerHour * serviceMean) / 60 / counters : Infinity,
      wait: erlangCWaitFractional(arrivalsPerHour / 60, serviceMean, counters),
      cs2,
      acWait: (erlangCWaitFractional(arrivalsPerHour / 60, serviceMean, counters) * (1 + cs2)) / 2,
    });
  }
  // Weighted by the arrivals each hour really gets (the last hour may be cut short by lastIssue).
  const weights = hours.map((h, i) => {
    const minutes = Math.min(60, (lastIssueAt - openAt) / MINUTE - i * 60);
    return (h.arrivalsPerHour * minutes) / 60;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const avg = (f: (h: HourBound) => number) =>
    total > 0 ? hours.reduce((sum, h, i) => sum + (weights[i]! > 0 ? weights[i]! * f(h) : 0), 0) / total : 0;
  return { hours, meanWait: avg((h) => h.wait), acMeanWait: avg((h) => h.acWait) };
}

/**
 * The dedicated-counters policy: each counter serves only its primary matter. A matter that is no
 * counter's primary is served by the counters that list it earliest (after their primary), so that
 * no matter is left without a counter.
 */
export function dedicatedCounters(counters: readonly ScenarioCounter[]): ScenarioCounter[] {
  const dedicated = counters.map((c) => ({ ...c, matterIds: c.matterIds.slice(0, 1) }));
  const primaries = new Set(dedicated.map((c) => c.matterIds[0]));
  const orphans = [...new Set(counters.flatMap((c) => c.matterIds))].filter((m) => !primaries.has(m));
  for (const m of orphans) {
    const best = Math.min(...counters.map((c) => c.matterIds.indexOf(m)).filter((i) => i >= 0));
    counters.forEach((c, i) => {
      if (c.matterIds.indexOf(m) === best) dedicated[i]!.matterIds.push(m);
    });
  }
  return dedicated;
}

/**
 * The same day (same arrivals, same draws per ticket, through the same engine and the real
 * pickNext) with every counter serving only its primary matter.
 */
export function dedicatedBaseline(s: Scenario): DayLog {
  return simulateDay(s, { counters: dedicatedCounters(s.counters) });
}
