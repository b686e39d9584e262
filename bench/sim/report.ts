// Runs a scenario three ways on the same draws — hallq's policy, first-come-first-served with the
// scenario's counter skills, and the pooled hall (every counter serves every matter, FCFS) — and
// measures what residents feel (waits, the cap, punctuality, waits by hour, spread across matters),
// what clerks feel (idle share) and the estimates against the clairvoyant and informed oracles and
// LES, against the goals of issue 18. The Erlang C / Allen–Cunneen figure is an approximation.
import {
  MINUTE,
  pooledCounters,
  scenarioDays,
  simulateDay,
  type DayLog,
  type IssueRecord,
  type SimTicket,
} from '../../server/src/domain/sim/engine.ts';
import { weightsFrom } from '../../server/src/domain/policy.ts';
import { compareSkills } from '../../server/src/domain/sim/staffing.ts';
import { makeObserver, type EstimatorOptions } from './estimators.ts';
import { pooledBound, type HourBound } from './erlang.ts';
import { meanServiceMinutes, type Scenario } from './scenario.ts';

export { scenarioDays };

/** The goals of issue 18. */
export const GOALS = {
  /** Mean wait ≤ this × same-skills FCFS on the same draws. */
  fcfsMean: 1.05,
  /** Strict appointment punctuality at least this share. */
  punctuality: 0.95,
  /** Estimate MAE ≤ this × the informed oracle's (same tickets). */
  informed: 1.15,
  /** Estimate MAE ≤ this × LES's (Ibrahim–Whitt: per matter and class, arrivals who must wait). */
  les: 0.8,
  /** |mean signed error| ≤ this (minutes). */
  bias: 0.3,
  /** Staffing advisor: its proposed skills, at most `advisorMatters` a counter, bring the mean wait within this × the pooled hall's. */
  advisorPooled: 1.3,
  advisorMatters: 3,
};
/** Called within this many minutes of the slot start: on time. */
export const PUNCTUAL_MINUTES = 10;
export const AHEAD_BUCKETS = [
  { label: '0', min: 0, max: 0 },
  { label: '1–4', min: 1, max: 4 },
  { label: '5–9', min: 5, max: 9 },
  { label: '10–19', min: 10, max: 19 },
  { label: '20+', min: 20, max: Infinity },
] as const;
export const DEFAULT_ESTIMATORS: EstimatorOptions = { futures: 25, informedEvery: 4 };

export interface WaitRow {
  label: string;
  n: number;
  mean: number;
  p90: number;
  max: number;
  overCap: number;
}

/** One way of running the hall (policy and counters) over the scenario's days. */
export interface Outcome {
  label: string;
  waits: WaitRow;
  /**
   * Mean per resident of every wait for a call: the first, plus the wait after a transfer (a
   * transferred resident queues again; the transfer boost shortens that wait at the others' cost,
   * so a mean of first waits only counts the boost's cost and not its gain).
   */
  meanWithTransfers: number;
  byMatter: WaitRow[];
  /** Largest matter's mean wait ÷ the hall's mean wait. */
  matterSpread: number;
  /** p90 wait of tickets issued in each hour from opening. */
  p90ByHour: number[];
  leftAtClose: number;
  reneged: number;
  /** Share of staffed counter time spent idle. */
  idleShare: number;
  /** Appointments checked in by slot start and called by slot start + 10 min, among those. */
  punctualStrict: { n: number; onTime: number; share: number };
  /** The older, lenient count: from the later of slot start and check-in. */
  punctualLenient: number;
}

export interface ErrorStats {
  n: number;
  mae: number;
  bias: number;
  p90: number;
}

export interface EstimateRow {
  label: string;
  production: ErrorStats;
  clairvoyant: ErrorStats;
}

export interface Verdict {
  goal: string;
  value: string;
  reference: string;
  met: boolean;
}

export interface SimulationResult {
  scenario: Scenario;
  tickets: Record<string, number>;
  hallq: Outcome;
  fcfs: Outcome;
  pooled: Outcome;
  byClass: WaitRow[];
  approximation: { hours: HourBound[]; erlang: number; allenCunneen: number };
  meanService: number;
  estimates: {
    rows: EstimateRow[];
    overall: EstimateRow;
    /** On the tickets the informed oracle was asked about. */
    informedSample: { production: ErrorStats; informed: ErrorStats; clairvoyant: ErrorStats };
    /** On arrivals who must wait (Ibrahim–Whitt). */
    mustWait: { production: ErrorStats; les: ErrorStats };
    excluded: number;
  };
  verdicts: Verdict[];
  runtimeMs: number;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]! : 0;

function waitRow(label: string, waits: number[], cap: number): WaitRow {
  const sorted = [...waits].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    label,
    n,
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : 0,
    p90: quantile(sorted, 0.9),
    max: n ? sorted[n - 1]! : 0,
    overCap: sorted.filter((w) => w > cap).length,
  };
}

/** Minutes from issuing to the first call; a ticket still waiting at close (or giving up) counts until then. */
function firstWait(t: SimTicket, log: DayLog, gaveUpAt?: number): number {
  return ((t.firstCalledAt ?? gaveUpAt ?? log.closeAt) - t.issuedAt) / MINUTE;
}

function unionLength(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

function outcome(label: string, s: Scenario, logs: DayLog[], cap: number): Outcome {
  // Tickets who gave up are counted until they left (their patience), not until close.
  const rows = logs.flatMap((log) =>
    log.tickets.map((t) => ({
      t,
      wait: firstWait(t, log, t.status === 'reneged' ? t.issuedAt + t.patience * MINUTE : undefined),
      hour: Math.floor((t.issuedAt - log.openAt) / (60 * MINUTE)),
    })),
  );
  const waits = waitRow(
    'all',
    rows.map((r) => r.wait),
    cap,
  );
  let transferWaits = 0;
  for (const log of logs)
    for (const e of log.episodes)
      if (e.kind === 'transfer') transferWaits += ((e.calledAt ?? log.closeAt) - e.queueTime) / MINUTE;
  const meanWithTransfers = rows.length
    ? (rows.reduce((sum, r) => sum + r.wait, 0) + transferWaits) / rows.length
    : 0;
  const byMatter = s.matters.map((m) =>
    waitRow(
      m.id,
      rows.filter((r) => r.t.originalMatterId === m.id).map((r) => r.wait),
      cap,
    ),
  );
  const hours = Math.max(0, ...rows.map((r) => r.hour)) + 1;
  const p90ByHour = Array.from({ length: hours }, (_, h) =>
    quantile(
      rows
        .filter((r) => r.hour === h)
        .map((r) => r.wait)
        .sort((a, b) => a - b),
      0.9,
    ),
  );
  let busy = 0;
  let staffed = 0;
  for (const log of logs)
    for (const c of log.counters) {
      busy += c.busyIntervals.reduce((sum, [a, b]) => sum + b - a, 0);
      staffed += unionLength([...c.openIntervals, ...c.busyIntervals]);
    }
  const appts = rows.map((r) => r.t).filter((t) => t.class === 'appointment' && t.slotStart !== null);
  const strict = appts.filter((t) => t.issuedAt <= t.slotStart!);
  const onTime = strict.filter(
    (t) => t.firstCalledAt !== null && t.firstCalledAt <= t.slotStart! + PUNCTUAL_MINUTES * MINUTE,
  ).length;
  const lenient = appts.filter(
    (t) =>
      t.firstCalledAt !== null &&
      t.firstCalledAt <= Math.max(t.slotStart!, t.issuedAt) + PUNCTUAL_MINUTES * MINUTE,
  ).length;
  return {
    label,
    waits,
    meanWithTransfers,
    byMatter,
    matterSpread: waits.mean > 0 ? Math.max(...byMatter.map((m) => m.mean)) / waits.mean : 1,
    p90ByHour,
    leftAtClose: rows.filter((r) => r.t.status === 'left').length,
    reneged: rows.filter((r) => r.t.status === 'reneged').length,
    idleShare: staffed > 0 ? 1 - busy / staffed : 0,
    punctualStrict: { n: strict.length, onTime, share: strict.length ? onTime / strict.length : 1 },
    punctualLenient: appts.length ? lenient / appts.length : 1,
  };
}

function errorStats(records: readonly IssueRecord[], name: string): ErrorStats {
  const errs = records.map((r) => r.estimates[name]! - r.actual!);
  const abs = errs.map(Math.abs).sort((a, b) => a - b);
  const n = errs.length;
  return {
    n,
    mae: n ? abs.reduce((a, b) => a + b, 0) / n : 0,
    bias: n ? errs.reduce((a, b) => a + b, 0) / n : 0,
    p90: quantile(abs, 0.9),
  };
}

const has = (name: string) => (r: IssueRecord) =>
  r.estimates[name] !== null && r.estimates[name] !== undefined;

/** Everything issue 18 asks of one scenario. */
export function runSimulation(s: Scenario, est: EstimatorOptions = DEFAULT_ESTIMATORS): SimulationResult {
  const started = performance.now();
  const days = scenarioDays(s);
  const cap = weightsFrom(s.weights).maxWaitMinutes;
  const logs = days.map((d) => simulateDay(d, { observe: makeObserver(d.seed, est) }));
  const fcfsLogs = days.map((d) => simulateDay(d, { policy: 'fcfs' }));
  const pooledLogs = days.map((d) => simulateDay(d, { policy: 'fcfs', counters: pooledCounters(d) }));
  const hallq = outcome('hallq policy', s, logs, cap);
  const fcfs = outcome('FCFS, same skills', s, fcfsLogs, cap);
  const pooled = outcome('FCFS, pooled hall', s, pooledLogs, cap);
  const approx = pooledBound(s);
  const tickets = logs.flatMap((l) => l.tickets);

  const meanService = meanServiceMinutes(s);

  const issues = logs.flatMap((l) => l.issues);
  const scored = issues.filter((r) => r.actual !== null && has('production')(r) && has('clairvoyant')(r));
  const row = (label: string, rs: IssueRecord[]): EstimateRow => ({
    label,
    production: errorStats(rs, 'production'),
    clairvoyant: errorStats(rs, 'clairvoyant'),
  });
  const sample = scored.filter(has('informed'));
  const mustWait = scored.filter((r) => r.mustWait);
  const estimates = {
    rows: AHEAD_BUCKETS.map((b) =>
      row(
        b.label,
        scored.filter((r) => r.ahead >= b.min && r.ahead <= b.max),
      ),
    ),
    overall: row('all', scored),
    informedSample: {
      production: errorStats(sample, 'production'),
      informed: errorStats(sample, 'informed'),
      clairvoyant: errorStats(sample, 'clairvoyant'),
    },
    mustWait: { production: errorStats(mustWait, 'production'), les: errorStats(mustWait, 'les') },
    excluded: issues.length - scored.length,
  };

  const f2 = (x: number) => x.toFixed(2);
  const f3 = (x: number) => x.toFixed(3);
  const e = estimates;
  const verdicts: Verdict[] = [
    {
      goal: `mean wait (incl. after a transfer) ≤ ${GOALS.fcfsMean} × same-skills FCFS`,
      value: f2(hallq.meanWithTransfers),
      reference: `${f2(fcfs.meanWithTransfers)} (ratio ${f3(hallq.meanWithTransfers / (fcfs.meanWithTransfers || 1))}; first call only ${f2(hallq.waits.mean)} vs ${f2(fcfs.waits.mean)}, ratio ${f3(hallq.waits.mean / (fcfs.waits.mean || 1))})`,
      met: hallq.meanWithTransfers <= GOALS.fcfsMean * fcfs.meanWithTransfers,
    },
    {
      goal: 'longest wait ≤ FCFS longest + one mean service',
      value: f2(hallq.waits.max),
      reference: `${f2(fcfs.waits.max)} + ${f2(meanService)}`,
      met: hallq.waits.max <= fcfs.waits.max + meanService,
    },
    {
      goal: `waits over the ${cap}-min cap ≤ FCFS's`,
      value: String(hallq.waits.overCap),
      reference: String(fcfs.waits.overCap),
      met: hallq.waits.overCap <= fcfs.waits.overCap,
    },
    {
      goal: `strict appointment punctuality ≥ ${100 * GOALS.punctuality} %`,
      value: `${(100 * hallq.punctualStrict.share).toFixed(1)} %`,
      reference: `${hallq.punctualStrict.n} checked in by slot start`,
      met: hallq.punctualStrict.share >= GOALS.punctuality,
    },
    {
      goal: `estimate MAE ≤ ${GOALS.informed} × informed oracle`,
      value: f2(e.informedSample.production.mae),
      reference: `${f2(e.informedSample.informed.mae)} (ratio ${f2(e.informedSample.production.mae / (e.informedSample.informed.mae || 1))}; clairvoyant ${f2(e.informedSample.clairvoyant.mae)}; n = ${sample.length})`,
      met: e.informedSample.production.mae <= GOALS.informed * e.informedSample.informed.mae,
    },
    {
      goal: `estimate MAE ≤ ${GOALS.les} × LES (must-wait arrivals)`,
      value: f2(e.mustWait.production.mae),
      reference: `${f2(e.mustWait.les.mae)} (ratio ${f2(e.mustWait.production.mae / (e.mustWait.les.mae || 1))}; n = ${mustWait.length})`,
      met: e.mustWait.production.mae <= GOALS.les * e.mustWait.les.mae,
    },
    {
      goal: `estimate mean signed error within ±${GOALS.bias} min`,
      value: f2(e.overall.production.bias),
      reference: `clairvoyant ${f2(e.overall.clairvoyant.bias)}`,
      met: Math.abs(e.overall.production.bias) <= GOALS.bias,
    },
  ];
  // The staffing advisor's skills proposal (the engine behind GET /halls/:hallId/staffing and the
  // console's 排班建议 tab), here on the scenario's own rates where the server reads them from the
  // hall's ticket_events; the proposal, today's skills and the pooled hall simulated on the same draws.
  const advice = compareSkills(s, GOALS.advisorMatters, { share: 0.8, minutes: 20 });
  const advised = advice.withProposed.meanWait / (advice.pooled.meanWait || 1);
  verdicts.push({
    goal: `staffing advisor: its skills (≤ ${GOALS.advisorMatters} matters a counter) bring the mean wait within ${GOALS.advisorPooled} × the pooled hall`,
    value: f2(advice.withProposed.meanWait),
    reference: `${f2(advice.pooled.meanWait)} pooled (ratio ${f2(advised)}); today's skills ${f2(advice.today.meanWait)}; most matters a counter ${Math.max(...advice.proposed.map((c) => c.matterIds.length))}`,
    met:
      advised <= GOALS.advisorPooled &&
      advice.proposed.every((c) => c.matterIds.length <= GOALS.advisorMatters),
  });
  const count = (f: (t: SimTicket) => boolean) => tickets.filter(f).length;
  return {
    scenario: s,
    tickets: {
      arrivals: logs.reduce((n, l) => n + l.arrivals, 0),
      issued: tickets.length,
      done: count((t) => t.status === 'done'),
      'no-show': count((t) => t.status === 'no_show'),
      'gave up': count((t) => t.status === 'reneged'),
      'left at close': count((t) => t.status === 'left'),
      'turned away': logs.reduce((n, l) => n + l.turnedAway, 0),
      'booked, never came': logs.reduce((n, l) => n + l.bookedNoShows, 0),
      requeued: count((t) => t.requeues > 0),
      transferred: count((t) => t.transfers > 0),
    },
    hallq,
    fcfs,
    pooled,
    byClass: (['normal', 'green', 'appointment'] as const).map((c) =>
      waitRow(
        c,
        logs.flatMap((l) => l.tickets.filter((t) => t.class === c).map((t) => firstWait(t, l))),
        cap,
      ),
    ),
    approximation: { hours: approx.hours, erlang: approx.meanWait, allenCunneen: approx.acMeanWait },
    meanService,
    estimates,
    verdicts,
    runtimeMs: performance.now() - started,
  };
}
