// The staffing advisor's engine, pure: which matters each counter should serve (at most N) to bring
// the hall toward the pooled hall, and how many counters to open each hour to meet a target such as
// "80 % called within 20 minutes", each judged by simulating the same days through the same engine
// (the real queue policy) as today's configuration.
import { pooledCounters, scenarioDays, simulateDay, MINUTE, type DayLog } from './engine.ts';
import type { Scenario, ScenarioCounter } from './scenario.ts';

export interface Target {
  /** Share of tickets called within `minutes` (0–1). */
  share: number;
  minutes: number;
}

export interface Evaluation {
  meanWait: number;
  p90Wait: number;
  /** Share called within the target minutes, overall and per hour of issuing. */
  withinTarget: number;
  withinTargetByHour: number[];
  tickets: number;
}

function evaluate(logs: readonly DayLog[], target: Target, hours: number): Evaluation {
  const waits: number[] = [];
  const byHour = Array.from({ length: hours }, () => ({ n: 0, ok: 0 }));
  for (const log of logs)
    for (const t of log.tickets) {
      // A resident who gave up waited until leaving (their patience), not until close.
      const end =
        t.firstCalledAt ?? (t.status === 'reneged' ? t.issuedAt + t.patience * MINUTE : log.closeAt);
      const w = (end - t.issuedAt) / MINUTE;
      waits.push(w);
      const h = byHour[Math.min(hours - 1, Math.floor((t.issuedAt - log.openAt) / (60 * MINUTE)))]!;
      h.n++;
      if (w <= target.minutes) h.ok++;
    }
  waits.sort((a, b) => a - b);
  const n = waits.length;
  return {
    meanWait: n ? waits.reduce((a, b) => a + b, 0) / n : 0,
    p90Wait: n ? waits[Math.max(0, Math.ceil(0.9 * n) - 1)]! : 0,
    withinTarget: n ? waits.filter((w) => w <= target.minutes).length / n : 1,
    withinTargetByHour: byHour.map((h) => (h.n ? h.ok / h.n : 1)),
    tickets: n,
  };
}

/** Hours the hall is open, from opening (the last one may be partial). */
export function hoursOf(s: Scenario): number {
  const [oh, om] = s.day.open.split(':').map(Number);
  const [ch, cm] = s.day.close.split(':').map(Number);
  return Math.ceil((ch! * 60 + cm! - (oh! * 60 + om!)) / 60);
}

/** Simulates the scenario's days with these counters (and hourly plan) through the real policy. */
export function simulateConfig(
  s: Scenario,
  target: Target,
  counters: readonly ScenarioCounter[],
  openPerHour?: readonly number[],
  policy: 'hallq' | 'fcfs' = 'hallq',
): Evaluation {
  const logs = scenarioDays(s).map((d) => simulateDay(d, { counters, openPerHour, policy }));
  return evaluate(logs, target, hoursOf(s));
}

/** Offered load (erlangs) per matter over the day. */
function loads(s: Scenario): Map<string, number> {
  return new Map(
    s.matters.map((m) => [m.id, (m.arrivalsPerHour.reduce((a, b) => a + b, 0) * m.service.meanMinutes) / 60]),
  );
}

/**
 * At most `maxPerCounter` matters per counter: primaries shared out in proportion to each matter's
 * load (every matter at least one where counters allow), then each further place given to the
 * matter with the most load per counter serving it. Counters keep their ids and order.
 */
export function proposeSkills(s: Scenario, maxPerCounter: number): ScenarioCounter[] {
  const load = loads(s);
  const ids = [...load.keys()].sort((a, b) => load.get(b)! - load.get(a)!);
  const c = s.counters.length;
  const total = [...load.values()].reduce((a, b) => a + b, 0) || 1;
  // Primaries: largest remainder, at least one each while counters last.
  const quota = new Map(ids.map((m) => [m, (load.get(m)! / total) * c]));
  const primaries = new Map(ids.map((m) => [m, Math.min(1, c > ids.indexOf(m) ? 1 : 0)]));
  let given = [...primaries.values()].reduce((a, b) => a + b, 0);
  while (given < c) {
    const m = ids.reduce((best, x) =>
      quota.get(x)! - primaries.get(x)! > quota.get(best)! - primaries.get(best)! ? x : best,
    );
    primaries.set(m, primaries.get(m)! + 1);
    given++;
  }
  const lists: string[][] = [];
  for (const m of ids) for (let k = 0; k < primaries.get(m)!; k++) lists.push([m]);
  const servers = new Map(ids.map((m) => [m, primaries.get(m)!]));
  for (let place = 1; place < Math.min(maxPerCounter, ids.length); place++)
    for (const list of lists) {
      const m = ids
        .filter((x) => !list.includes(x))
        .reduce<string | null>(
          (best, x) =>
            best === null || load.get(x)! / (servers.get(x)! + 1) > load.get(best)! / (servers.get(best)! + 1)
              ? x
              : best,
          null,
        );
      if (m === null) continue;
      list.push(m);
      servers.set(m, servers.get(m)! + 1);
    }
  return s.counters.map((counter, i) => ({ ...counter, matterIds: lists[i] ?? [ids[0]!] }));
}

/**
 * Counters to open each hour: from all of them, each hour in turn gives up counters while every
 * hour still meets the target (or misses it no worse than with all counters open).
 */
export function proposeOpenPerHour(
  s: Scenario,
  counters: readonly ScenarioCounter[],
  target: Target,
): { openPerHour: number[]; evaluation: Evaluation } {
  const hours = hoursOf(s);
  const plan = Array.from({ length: hours }, () => counters.length);
  const full = simulateConfig(s, target, counters, plan);
  const ok = (e: Evaluation) =>
    e.withinTargetByHour.every((x, h) => x >= target.share || x >= full.withinTargetByHour[h]! - 1e-9);
  let best = full;
  for (let h = 0; h < hours; h++) {
    // Binary search the fewest counters this hour that keeps every hour on target.
    let lo = 1;
    let hi = plan[h]!;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const trial = plan.slice();
      trial[h] = mid;
      const e = simulateConfig(s, target, counters, trial);
      if (ok(e)) {
        hi = mid;
        best = e;
      } else lo = mid + 1;
    }
    plan[h] = hi;
  }
  best = simulateConfig(s, target, counters, plan);
  return { openPerHour: plan, evaluation: best };
}

/**
 * A long chain (Jordan & Graves): the matters in a ring, the counters given primaries in ring order
 * in proportion to load, each counter also serving the next matters of the ring, so every matter is
 * linked to every other through shared counters.
 */
export function chainSkills(s: Scenario, maxPerCounter: number): ScenarioCounter[] {
  const byLoad = proposeSkills(s, 1).map((c) => c.matterIds[0]!);
  const ring = [...new Set(s.matters.map((m) => m.id))];
  const order = [...byLoad].sort((a, b) => ring.indexOf(a) - ring.indexOf(b));
  return s.counters.map((counter, i) => {
    const first = order[i]!;
    const list = [first];
    for (let k = 1; list.length < Math.min(maxPerCounter, ring.length); k++)
      list.push(ring[(ring.indexOf(first) + k) % ring.length]!);
    return { ...counter, matterIds: list };
  });
}

/** Today's configuration, the proposed skills and the pooled hall on the same draws. */
export function compareSkills(s: Scenario, maxPerCounter: number, target: Target) {
  // Two candidate designs, each simulated; the one with the shorter mean wait is proposed.
  const candidates = [proposeSkills(s, maxPerCounter), chainSkills(s, maxPerCounter)].map((c) => ({
    counters: c,
    evaluation: simulateConfig(s, target, c),
  }));
  const best = candidates.reduce((a, b) => (b.evaluation.meanWait < a.evaluation.meanWait ? b : a));
  const proposed = best.counters;
  return {
    proposed,
    today: simulateConfig(s, target, s.counters),
    withProposed: best.evaluation,
    pooled: simulateConfig(s, target, pooledCounters(s), undefined, 'fcfs'),
  };
}
