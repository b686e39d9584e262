// The simulator's report as plain text (console) and Markdown (BENCHMARKS.md): every figure from
// the run, nothing typed in by hand.
import { minutesOfDay, type Scenario } from './scenario.ts';
import { GOALS, PUNCTUAL_MINUTES, type ErrorStats, type Outcome, type SimulationResult } from './report.ts';

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '∞');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '∞');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

interface Table {
  head: string[];
  rows: string[][];
}

const errCells = (e: ErrorStats) => [f2(e.mae), f2(e.bias), f2(e.p90)];

function outcomeRows(os: Outcome[]): Table {
  return {
    head: [
      '',
      'mean',
      'mean incl. after transfer',
      'p90',
      'max',
      'over cap',
      'left at close',
      'gave up',
      'matter spread',
      'idle share',
      'punctual (strict)',
      'punctual (lenient)',
    ],
    rows: os.map((o) => [
      o.label,
      f2(o.waits.mean),
      f2(o.meanWithTransfers),
      f1(o.waits.p90),
      f1(o.waits.max),
      String(o.waits.overCap),
      String(o.leftAtClose),
      String(o.reneged),
      `${f2(o.matterSpread)}×`,
      pct(o.idleShare),
      pct(o.punctualStrict.share),
      pct(o.punctualLenient),
    ]),
  };
}

function tables(r: SimulationResult): { title: string; table: Table }[] {
  const open = minutesOfDay(r.scenario.day.open);
  const e = r.estimates;
  return [
    {
      title: 'Tickets (all days)',
      table: { head: Object.keys(r.tickets), rows: [Object.values(r.tickets).map(String)] },
    },
    {
      title: `Waits (min) on the same draws: hallq against FCFS with the same counter skills and the pooled hall (FCFS, every counter every matter); matter spread = largest matter mean ÷ hall mean; punctual = called ≤ ${PUNCTUAL_MINUTES} min after slot start, strict among those checked in by slot start`,
      table: outcomeRows([r.hallq, r.fcfs, r.pooled]),
    },
    {
      title: 'Wait (min) by class and matter, hallq',
      table: {
        head: ['', 'n', 'mean', 'p90', 'max'],
        rows: [...r.byClass, ...r.hallq.byMatter].map((w) => [
          w.label,
          String(w.n),
          f1(w.mean),
          f1(w.p90),
          f1(w.max),
        ]),
      },
    },
    {
      title: 'p90 wait (min) by hour of issuing',
      table: {
        head: ['', ...r.hallq.p90ByHour.map((_, h) => clock(open + 60 * h))],
        rows: [r.hallq, r.fcfs, r.pooled].map((o) => [o.label, ...o.p90ByHour.map(f1)]),
      },
    },
    {
      title: `Analytic approximation of the pooled hall (not a bound): ${f2(r.approximation.erlang)} min Erlang C, ${f2(r.approximation.allenCunneen)} min Allen–Cunneen; simulated pooled hall ${f2(r.pooled.waits.mean)} min`,
      table: {
        head: ['hour', 'arrivals/h', 'service mean', 'cs²', 'counters', 'ρ', 'Erlang C', 'Allen–Cunneen'],
        rows: r.approximation.hours.map((h) => [
          clock(open + h.offsetMinutes),
          f1(h.arrivalsPerHour),
          f1(h.serviceMean),
          f2(h.cs2),
          f1(h.counters),
          f2(h.rho),
          f1(h.wait),
          f1(h.acWait),
        ]),
      },
    },
    {
      title: `Estimate error (min) by number ahead at issuing: MAE, mean signed (− = optimistic), p90 absolute${e.excluded ? ` (${e.excluded} without an estimate or a call left out)` : ''}`,
      table: {
        head: ['ahead', 'n', 'production MAE', 'signed', 'p90', 'clairvoyant MAE', 'signed', 'p90'],
        rows: [...e.rows, e.overall].map((x) => [
          x.label,
          String(x.production.n),
          ...errCells(x.production),
          ...errCells(x.clairvoyant),
        ]),
      },
    },
    {
      title: 'Estimate error (min) against the oracles and LES, each on its own sample',
      table: {
        head: ['sample', 'n', 'estimator', 'MAE', 'signed', 'p90'],
        rows: [
          [
            'informed-oracle sample',
            String(e.informedSample.production.n),
            'production',
            ...errCells(e.informedSample.production),
          ],
          ['', '', 'informed oracle', ...errCells(e.informedSample.informed)],
          ['', '', 'clairvoyant', ...errCells(e.informedSample.clairvoyant)],
          [
            'must-wait arrivals',
            String(e.mustWait.production.n),
            'production',
            ...errCells(e.mustWait.production),
          ],
          ['', '', 'LES (matter × class)', ...errCells(e.mustWait.les)],
        ],
      },
    },
    {
      title: 'Goals',
      table: {
        head: ['goal', 'hallq', 'reference', ''],
        rows: r.verdicts.map((v) => [v.goal, v.value, v.reference, v.met ? 'met' : 'MISSED']),
      },
    },
  ];
}

function textTable({ head, rows }: Table): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function markdownTable({ head, rows }: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function heading(r: SimulationResult): string {
  const s = r.scenario;
  return `${s.name}: ${s.counters.length} counters, ${s.matters.length} matters, ${s.days} day${s.days > 1 ? 's' : ''} (${(r.runtimeMs / 1000).toFixed(1)} s)`;
}

export function formatReport(r: SimulationResult): string {
  const parts = [`=== ${heading(r)} ===`, r.scenario.description];
  for (const { title, table } of tables(r)) parts.push(`\n${title}\n${textTable(table)}`);
  return parts.join('\n');
}

/** Every scenario's parameters, one row each. */
export function parameterTable(ss: readonly Scenario[]): Table {
  const cv = (s: Scenario) => {
    const sig = s.matters.map((m) => m.service.sigma);
    const c = (x: number) => Math.sqrt(Math.exp(x * x) - 1);
    return `${f2(c(Math.min(...sig)))}–${f2(c(Math.max(...sig)))}`;
  };
  return {
    head: [
      'scenario',
      'days',
      'hours',
      'lunch',
      'counters',
      'matters',
      'arrivals/day',
      'service CV',
      'at the door',
      'walk-up min',
      'absences',
      'green',
      'booked',
      'booked never come',
      'check-in sd',
      'no-show at call',
      'patience',
      'transfer',
    ],
    rows: ss.map((s) => [
      s.name,
      String(s.days),
      `${s.day.open}–${s.day.close} (last ${s.day.lastIssue ?? s.day.close})`,
      s.day.lunch ? `${s.day.lunch.start}–${s.day.lunch.end}` : '–',
      String(s.counters.length),
      String(s.matters.length),
      f1(
        s.matters.reduce((n, m) => n + m.arrivalsPerHour.reduce((a, b) => a + b, 0), 0) +
          s.openingQueue.count,
      ),
      cv(s),
      String(s.openingQueue.count),
      `${s.walkUpMinutes[0]}–${s.walkUpMinutes[1]}`,
      s.absences.probability
        ? `${pct(s.absences.probability)} × ${s.absences.minutes[0]}–${s.absences.minutes[1]} min`
        : '–',
      pct(s.greenShare),
      pct(s.appointments.share),
      pct(s.bookedNoShowShare),
      `${s.appointments.punctualitySdMinutes} min`,
      pct(s.noShow.probability),
      s.patienceMeanMinutes ? `${s.patienceMeanMinutes} min` : '∞',
      pct(s.transfer.probability),
    ]),
  };
}

export function simulationMarkdown(results: readonly SimulationResult[]): string {
  const names = results[0]?.verdicts.map((v) => v.goal) ?? [];
  const summary: Table = {
    head: ['goal', ...results.map((r) => r.scenario.name)],
    rows: names.map((g, i) => [
      g,
      ...results.map(
        (r) =>
          `${r.verdicts[i]!.met ? 'met' : '**missed**'}: ${r.verdicts[i]!.value} vs ${r.verdicts[i]!.reference}`,
      ),
    ]),
  };
  return [
    '## Hall-day simulator',
    '',
    `Generated by \`npm run simulate -- --markdown\`. Waits in minutes from issuing (or check-in) to the first call, pooled over the simulated days; the mean goal also counts a transferred resident's wait after the transfer (the transfer boost shortens it at the others' cost, so first calls alone count the boost's cost and not its gain). Every reference runs on the same draws (arrivals, service times, no-shows, walk-up, patience, absences) through the same engine. Goals (issue 18): mean wait (incl. after a transfer) ≤ ${GOALS.fcfsMean} × same-skills FCFS, longest wait ≤ FCFS's + one mean service, no more waits over the cap than FCFS; strict punctuality ≥ ${100 * GOALS.punctuality} %; estimate MAE ≤ ${GOALS.informed} × the informed oracle and ≤ ${GOALS.les} × LES, mean signed error within ±${GOALS.bias} min.`,
    '',
    '### Scenarios',
    '',
    markdownTable(parameterTable(results.map((r) => r.scenario))),
    '',
    '### Goals, met or missed',
    '',
    markdownTable(summary),
    ...results.flatMap((r) => [
      '',
      `### ${heading(r)}`,
      '',
      r.scenario.description,
      ...tables(r).flatMap(({ title, table }) => ['', `**${title}**`, '', markdownTable(table)]),
    ]),
  ].join('\n');
}

export function summaryLine(r: SimulationResult): string {
  return `${r.scenario.name}: ${r.verdicts.map((v) => `${v.goal} → ${v.value} vs ${v.reference} ${v.met ? 'met' : 'MISSED'}`).join('; ')}`;
}
