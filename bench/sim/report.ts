// Runs a scenario (the policy's day, the pooled Erlang C bound, the dedicated-counters baseline)
// and reports waits, punctuality, utilisation, bounds and estimate accuracy against the targets,
// as a plain-text table and as Markdown for BENCHMARKS.md.
import { MINUTE, simulateDay, type DayLog, type IssueRecord, type SimTicket } from './engine.ts';
import { dedicatedBaseline, pooledBound, type HourBound } from './erlang.ts';
import { minutesOfDay, type Scenario } from './scenario.ts';

/** Targets of issue 8. */
export const TARGETS = {
  /** Mean wait ≤ this × the pooled Erlang C bound (where every counter serves ≥ 2 matters). */
  erlang: 1.1,
  /** Mean wait ≤ this × the dedicated-counters baseline (same scenarios). */
  dedicated: 0.2,
  /** Estimate MAE ≤ this × the oracle's. */
  oracle: 1.15,
  /** Estimate MAE ≤ this × the LES predictor's. */
  les: 0.8,
};

/** An appointment is on time when called within this many minutes of its slot start (or check-in). */
const PUNCTUAL_MINUTES = 10;
export const AHEAD_BUCKETS = [
  { label: '0', min: 0, max: 0 },
  { label: '1–4', min: 1, max: 4 },
  { label: '5–9', min: 5, max: 9 },
  { label: '10–19', min: 10, max: 19 },
  { label: '20+', min: 20, max: Infinity },
] as const;

export interface WaitRow {
  label: string;
  n: number;
  mean: number;
  p90: number;
  max: number;
}

export interface MaeRow {
  label: string;
  n: number;
  real: number;
  /** The real estimate also fed the counters paused for lunch, free at the end of the break. */
  realLunchKnown: number;
  oracle: number;
  les: number;
  /** Mean signed error (estimate − actual) of the real estimate: negative = too optimistic. */
  realBias: number;
  oracleBias: number;
}

export interface TargetResult {
  name: string;
  /** null when the base is ∞ (an overloaded hour makes the stationary bound meaningless). */
  ratio: number | null;
  limit: number;
  /** null: the target does not apply to this scenario (the ratio is shown for information). */
  pass: boolean | null;
}

export interface SimulationResult {
  scenario: {
    name: string;
    description: string;
    days: number;
    counters: number;
    matters: number;
    multiMatter: boolean;
  };
  /** Hall opening time (HH:MM), to label the hours. */
  open: string;
  tickets: {
    arrivals: number;
    issued: number;
    done: number;
    noShow: number;
    leftAtClose: number;
    turnedAway: number;
    requeued: number;
    transferred: number;
    lateBookings: number;
  };
  /** Minutes from issuing (or check-in) to the first call; a ticket left at close counts until close. */
  waits: { all: WaitRow; byClass: WaitRow[]; byMatter: WaitRow[]; requeue: WaitRow; transfer: WaitRow };
  appointments: { tickets: number; onTime: number; share: number };
  utilisation: { byCounter: { id: string; utilisation: number; calls: number }[]; mean: number };
  bound: {
    meanWait: number;
    erlang: number;
    erlangHours: HourBound[];
    dedicated: number;
    dedicatedLeftAtClose: number;
  };
  estimates: { rows: MaeRow[]; overall: MaeRow; excluded: number; lunchBreak: boolean };
  targets: TargetResult[];
  runtimeMs: number;
}

function waitRow(label: string, waits: number[]): WaitRow {
  const sorted = [...waits].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    label,
    n,
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : 0,
    p90: n ? sorted[Math.max(0, Math.ceil(0.9 * n) - 1)]! : 0,
    max: n ? sorted[n - 1]! : 0,
  };
}

function firstWait(t: SimTicket, log: DayLog): number {
  return ((t.firstCalledAt ?? log.closeAt) - t.issuedAt) / MINUTE;
}

/** Mean minutes from issuing to the first call over the days; a ticket left at close counts until close. */
export function meanWait(logs: readonly DayLog[]): number {
  return waitRow(
    'all',
    logs.flatMap((log) => log.tickets.map((t) => firstWait(t, log))),
  ).mean;
}

function maeRow(label: string, records: IssueRecord[]): MaeRow {
  const n = records.length;
  const avg = (f: (r: IssueRecord) => number) => (n ? records.reduce((s, r) => s + f(r), 0) / n : 0);
  return {
    label,
    n,
    real: avg((r) => Math.abs(r.real! - r.actual!)),
    realLunchKnown: avg((r) => Math.abs((r.realLunchKnown ?? r.real!) - r.actual!)),
    oracle: avg((r) => Math.abs(r.oracle! - r.actual!)),
    les: avg((r) => Math.abs(r.les - r.actual!)),
    realBias: avg((r) => r.real! - r.actual!),
    oracleBias: avg((r) => r.oracle! - r.actual!),
  };
}

/** Length of the union of intervals. */
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

/** The days of a scenario: seeds seed, seed + 1, … */
export function scenarioDays(scenario: Scenario): Scenario[] {
  return Array.from({ length: scenario.days }, (_, d) => ({ ...scenario, seed: scenario.seed + d }));
}

/** Everything issue 8 asks of one scenario: the days, the bounds, the estimate accuracy. */
export function runSimulation(scenario: Scenario): SimulationResult {
  const started = performance.now();
  const days = scenarioDays(scenario);
  const logs = days.map((day) => simulateDay(day));
  const dedicated = days.map((day) => dedicatedBaseline(day));
  const bound = pooledBound(scenario);

  const tickets = logs.flatMap((log) => log.tickets.map((t) => ({ t, wait: firstWait(t, log) })));
  const pick = (f: (t: SimTicket) => boolean) => tickets.filter((x) => f(x.t)).map((x) => x.wait);
  const count = (f: (t: SimTicket) => boolean) => tickets.filter((x) => f(x.t)).length;
  const episodeWaits = (kind: 'requeue' | 'transfer') =>
    logs.flatMap((log) =>
      log.episodes
        .filter((e) => e.kind === kind)
        .map((e) => ((e.calledAt ?? log.closeAt) - e.queueTime) / MINUTE),
    );

  const appointments = tickets.map((x) => x.t).filter((t) => t.class === 'appointment');
  const onTime = appointments.filter(
    (t) =>
      t.firstCalledAt !== null &&
      t.firstCalledAt <= Math.max(t.slotStart ?? t.issuedAt, t.issuedAt) + PUNCTUAL_MINUTES * MINUTE,
  ).length;

  // Utilisation: busy time over staffed time (open, or still finishing a ticket), pooled over the days.
  const byCounter = scenario.counters.map((c, i) => {
    let busy = 0;
    let staffed = 0;
    let calls = 0;
    for (const log of logs) {
      const cl = log.counters[i]!;
      busy += cl.busyIntervals.reduce((sum, [a, b]) => sum + b - a, 0);
      staffed += unionLength([...cl.openIntervals, ...cl.busyIntervals]);
      calls += cl.busyIntervals.length;
    }
    return { id: c.id, utilisation: staffed > 0 ? busy / staffed : 0, calls: calls / logs.length };
  });

  const issues = logs.flatMap((log) => log.issues);
  const scored = issues.filter((r) => r.actual !== null && r.real !== null && r.oracle !== null);
  const rows = AHEAD_BUCKETS.map((b) =>
    maeRow(
      b.label,
      scored.filter((r) => r.ahead >= b.min && r.ahead <= b.max),
    ),
  );
  const overall = maeRow('all', scored);

  const all = waitRow(
    'all',
    tickets.map((x) => x.wait),
  );
  const multiMatter = scenario.counters.every((c) => c.matterIds.length >= 2);
  const dedicatedMean = meanWait(dedicated);
  // The bound targets are for a hall where every counter serves ≥ 2 matters and the pooled queue is
  // stable every hour (ρ < 1): with an overloaded hour the stationary bound is ∞ and says nothing.
  const boundApplies = multiMatter && Number.isFinite(bound.meanWait);
  const target = (
    name: string,
    value: number,
    base: number,
    limit: number,
    applies: boolean,
  ): TargetResult => {
    const ratio = !Number.isFinite(base) ? null : base > 0 ? value / base : value > 0 ? Infinity : 0;
    return { name, ratio, limit, pass: applies && ratio !== null ? ratio <= limit : null };
  };

  return {
    scenario: {
      name: scenario.name,
      description: scenario.description,
      days: scenario.days,
      counters: scenario.counters.length,
      matters: scenario.matters.length,
      multiMatter,
    },
    open: scenario.day.open,
    tickets: {
      arrivals: logs.reduce((n, log) => n + log.arrivals, 0),
      issued: tickets.length,
      done: count((t) => t.status === 'done'),
      noShow: count((t) => t.status === 'no_show'),
      leftAtClose: count((t) => t.status === 'left'),
      turnedAway: logs.reduce((n, log) => n + log.turnedAway, 0),
      requeued: count((t) => t.requeues > 0),
      transferred: count((t) => t.transfers > 0),
      lateBookings: count((t) => t.lateBooking),
    },
    waits: {
      all,
      byClass: (['normal', 'green', 'appointment'] as const).map((c) =>
        waitRow(
          c,
          pick((t) => t.class === c),
        ),
      ),
      byMatter: scenario.matters.map((m) =>
        waitRow(
          m.id,
          pick((t) => t.originalMatterId === m.id),
        ),
      ),
      requeue: waitRow('requeued', episodeWaits('requeue')),
      transfer: waitRow('transferred', episodeWaits('transfer')),
    },
    appointments: {
      tickets: appointments.length,
      onTime,
      share: appointments.length ? onTime / appointments.length : 1,
    },
    utilisation: { byCounter, mean: byCounter.reduce((sum, c) => sum + c.utilisation, 0) / byCounter.length },
    bound: {
      meanWait: all.mean,
      erlang: bound.meanWait,
      erlangHours: bound.hours,
      dedicated: dedicatedMean,
      dedicatedLeftAtClose: dedicated.reduce(
        (n, log) => n + log.tickets.filter((t) => t.status === 'left').length,
        0,
      ),
    },
    estimates: { rows, overall, excluded: issues.length - scored.length, lunchBreak: !!scenario.day.lunch },
    targets: [
      target('mean wait ≤ 1.10 × pooled Erlang C', all.mean, bound.meanWait, TARGETS.erlang, boundApplies),
      target(
        'mean wait ≤ 0.20 × dedicated counters',
        all.mean,
        dedicatedMean,
        TARGETS.dedicated,
        boundApplies,
      ),
      target('estimate MAE ≤ 1.15 × oracle', overall.real, overall.oracle, TARGETS.oracle, true),
      target('estimate MAE ≤ 0.80 × LES', overall.real, overall.les, TARGETS.les, true),
    ],
    runtimeMs: performance.now() - started,
  };
}

// ---- formatting ----

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '∞');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '∞');
const fr = (x: number | null) => (x === null ? '–' : f2(x));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const verdict = (t: TargetResult) => (t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'MISS');

interface Table {
  head: string[];
  rows: string[][];
}

/** The report's tables, shared by the text and Markdown renderings. */
function tables(r: SimulationResult): { title: string; table: Table }[] {
  const waitTable = (rows: WaitRow[]): Table => ({
    head: ['', 'n', 'mean', 'p90', 'max'],
    rows: rows.map((w) => [w.label, String(w.n), f1(w.mean), f1(w.p90), f1(w.max)]),
  });
  const t = r.tickets;
  return [
    {
      title: 'Tickets',
      table: {
        head: [
          'arrivals',
          'issued',
          'done',
          'no-show',
          'left at close',
          'turned away',
          'requeued',
          'transferred',
        ],
        rows: [
          [
            t.arrivals,
            t.issued,
            t.done,
            t.noShow,
            t.leftAtClose,
            t.turnedAway,
            t.requeued,
            t.transferred,
          ].map(String),
        ],
      },
    },
    {
      title: 'Wait (min) by class',
      table: waitTable([...r.waits.byClass, r.waits.all, r.waits.requeue, r.waits.transfer]),
    },
    { title: 'Wait (min) by matter', table: waitTable(r.waits.byMatter) },
    {
      title: 'Appointments and counters',
      table: {
        head: [
          'appointments',
          `called ≤ ${PUNCTUAL_MINUTES} min of slot`,
          'late bookings',
          'mean utilisation',
        ],
        rows: [
          [
            String(r.appointments.tickets),
            pct(r.appointments.share),
            String(t.lateBookings),
            pct(r.utilisation.mean),
          ],
        ],
      },
    },
    {
      title: 'Counter utilisation',
      table: {
        head: ['counter', ...r.utilisation.byCounter.map((c) => c.id)],
        rows: [['busy', ...r.utilisation.byCounter.map((c) => pct(c.utilisation).replace('.0%', '%'))]],
      },
    },
    {
      title: 'Pooled Erlang C bound by hour',
      table: {
        head: ['hour', 'arrivals/h', 'service mean', 'counters', 'ρ', 'Erlang C wait'],
        rows: r.bound.erlangHours.map((h) => [
          clock(minutesOfDay(r.open) + h.offsetMinutes),
          f1(h.arrivalsPerHour),
          f1(h.serviceMean),
          f1(h.counters),
          f2(h.rho),
          f1(h.wait),
        ]),
      },
    },
    {
      title: 'Mean wait against the bounds (min)',
      table: {
        head: ['policy', 'pooled Erlang C', 'ratio', 'dedicated counters', 'ratio'],
        rows: [
          [
            f2(r.bound.meanWait),
            f2(r.bound.erlang),
            fr(r.targets[0]!.ratio),
            f2(r.bound.dedicated) +
              (r.bound.dedicatedLeftAtClose ? ` (${r.bound.dedicatedLeftAtClose} left)` : ''),
            fr(r.targets[1]!.ratio),
          ],
        ],
      },
    },
    {
      title: `Estimate MAE (min) by number ahead at issuing${r.estimates.excluded ? ` (${r.estimates.excluded} without an estimate or a call left out)` : ''}`,
      table: maeTable(r),
    },
    {
      title:
        'Targets (n/a: the bound targets are for halls where every counter serves ≥ 2 matters and ρ < 1 every hour)',
      table: {
        head: ['target', 'ratio', 'limit', ''],
        rows: r.targets.map((x) => [x.name, fr(x.ratio), f2(x.limit), verdict(x)]),
      },
    },
  ];
}

function maeTable(r: SimulationResult): Table {
  const lunch = r.estimates.lunchBreak;
  return {
    head: [
      'ahead',
      'n',
      'real',
      'oracle',
      'LES',
      'real/oracle',
      'real/LES',
      'bias real',
      'bias oracle',
      ...(lunch ? ['real, lunch end known'] : []),
    ],
    rows: [...r.estimates.rows, r.estimates.overall].map((m) => [
      m.label,
      String(m.n),
      f2(m.real),
      f2(m.oracle),
      f2(m.les),
      m.oracle > 0 ? f2(m.real / m.oracle) : '–',
      m.les > 0 ? f2(m.real / m.les) : '–',
      f2(m.realBias),
      f2(m.oracleBias),
      ...(lunch ? [f2(m.realLunchKnown)] : []),
    ]),
  };
}

function textTable({ head, rows }: Table): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function markdownTable({ head, rows }: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function heading(r: SimulationResult): string {
  const s = r.scenario;
  const days = s.days > 1 ? `, ${s.days} days` : '';
  return `${s.name}: ${s.counters} counters, ${s.matters} matters${days}${s.multiMatter ? ', every counter serves ≥ 2 matters' : ''} (${(r.runtimeMs / 1000).toFixed(1)} s)`;
}

/** The plain-text report of one scenario. */
export function formatReport(r: SimulationResult): string {
  const parts = [`=== ${heading(r)} ===`];
  if (r.scenario.description) parts.push(r.scenario.description);
  for (const { title, table } of tables(r)) parts.push(`\n${title}\n${textTable(table)}`);
  return parts.join('\n');
}

/** The Markdown section of one scenario. */
export function toMarkdown(r: SimulationResult): string {
  const parts = [`### ${heading(r)}`];
  if (r.scenario.description) parts.push('', r.scenario.description);
  for (const { title, table } of tables(r)) parts.push('', `**${title}**`, '', markdownTable(table));
  return parts.join('\n');
}

/** A summary line per scenario and target, then each scenario's section: for BENCHMARKS.md. */
export function simulationMarkdown(results: readonly SimulationResult[]): string {
  const summary: Table = {
    head: ['scenario', 'mean wait', 'Erlang C', 'dedicated', 'MAE real', 'oracle', 'LES', 'targets'],
    rows: results.map((r) => [
      r.scenario.name,
      f2(r.bound.meanWait),
      f2(r.bound.erlang),
      f2(r.bound.dedicated),
      f2(r.estimates.overall.real),
      f2(r.estimates.overall.oracle),
      f2(r.estimates.overall.les),
      r.targets
        .filter((t) => t.pass !== null)
        .map(verdict)
        .join(' '),
    ]),
  };
  return [
    '## Hall-day simulator',
    '',
    'Waits in minutes from issuing (or check-in) to the first call, pooled over the simulated days. ' +
      'Targets (issue 8): mean wait ≤ 1.10 × the pooled Erlang C bound and ≤ 0.20 × the dedicated-counters ' +
      'baseline, in a hall where every counter serves ≥ 2 matters and the pooled queue is stable every hour ' +
      '(ρ < 1); estimate MAE ≤ 1.15 × the oracle and ≤ 0.80 × LES, everywhere.',
    '',
    markdownTable(summary),
    ...results.flatMap((r) => ['', toMarkdown(r)]),
  ].join('\n');
}

/** A one-line verdict per scenario for the console. */
export function summaryLine(r: SimulationResult): string {
  return `${r.scenario.name}: ${r.targets.map((t) => `${t.name} → ${fr(t.ratio)} ${verdict(t)}`).join('; ')}`;
}
