// The speed table: one row per figure with its same-run baseline, the ratio, the target and
// MET / MISSED, as Markdown (BENCHMARKS.md) and as plain text (the console).
import type { BookingResult, RushResult } from './booking.ts';
import type { CallNextResult } from './call-next.ts';
import type { FanoutResult } from './fanout.ts';
import type { IssuingResult } from './issuing.ts';
import { describeShares, type CpuShares } from './profile.ts';
import type { StatsHistoryResult } from './stats-history.ts';
import { ms, perSec, ratio, ratioInterval } from './stats.ts';

export interface Row {
  section: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  /** MET / MISSED, or '—' for figures without a target (and the PGlite rows, for information). */
  result: string;
  rounds?: string;
}

export const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');

/** One row's cells; baseline and ratio default to '', target and result to '—'. */
export type Cells = Pick<Row, 'figure' | 'value'> & Partial<Omit<Row, 'section' | 'figure' | 'value'>>;

/** The rows of one section, in the order given. */
export const sectionRows = (section: string, cells: readonly Cells[]): Row[] =>
  cells.map(({ figure, value, baseline = '', ratio = '', target = '—', result = '—', rounds }) => ({
    section,
    figure,
    value,
    baseline,
    ratio,
    target,
    result,
    ...(rounds === undefined ? {} : { rounds }),
  }));

type Figures<K extends string> = Readonly<Record<K, number>>;

/**
 * A figure of hallq against the same figure of its baseline, their ratio (of the medians over
 * rounds) and, given the rounds, the 95 % interval of the paired per-round ratios.
 */
const versus = <K extends string>(
  key: K,
  fmt: (v: number) => string,
  app: Figures<K>,
  base: Figures<K>,
  appRounds?: readonly Figures<K>[],
  baseRounds?: readonly Figures<K>[],
) => {
  const [lo, hi] =
    appRounds && baseRounds
      ? ratioInterval(
          appRounds.map((x) => x[key]),
          baseRounds.map((x) => x[key]),
        )
      : [Number.NaN, Number.NaN];
  return {
    value: fmt(app[key]),
    baseline: fmt(base[key]),
    ratio: ratio(app[key] / base[key]) + (Number.isFinite(lo) ? ` [${lo.toFixed(2)}, ${hi.toFixed(2)}]` : ''),
  };
};

/** Every round's figure of hallq, then of the baseline: `a / b / c vs d / e / f`. */
const roundsVs = <K extends string>(
  key: K,
  fmt: (v: number) => string,
  app: readonly Figures<K>[],
  base: readonly Figures<K>[],
) => `${app.map((x) => fmt(x[key])).join(' / ')} vs ${base.map((x) => fmt(x[key])).join(' / ')}`;

/** Two figures of one side, as `p50 / p99`. */
const both = (fmt: (v: number) => string, a: number, b: number) => `${fmt(a)} / ${fmt(b)}`;

/**
 * The HTTP floor of a section: the no-op request at the same concurrency, and what it and the
 * same-work SQL are of hallq's p50 (the HTTP share and the database share of a request).
 */
function floorRows(
  floor: { p50: number; p99: number } | null,
  appP50: number,
  sqlP50: number,
  concurrency: number,
): Cells[] {
  if (!floor) return [];
  const pct = (v: number) => `${(100 * v).toFixed(0)} %`;
  return [
    {
      figure: `no-op HTTP request, ${concurrency} at once (the HTTP floor) p50 / p99`,
      value: both(ms, floor.p50, floor.p99),
    },
    {
      figure: 'of hallq p50: HTTP floor / same-work SQL / the rest',
      value: `${pct(floor.p50 / appP50)} / ${pct(sqlP50 / appP50)} / ${pct(Math.max(0, 1 - (floor.p50 + sqlP50) / appP50))}`,
    },
  ];
}

/** Statements of one request and of its baseline, as the probe counted them (BEGIN/COMMIT included). */
function statementRows(what: string, s: { app: number; baseline: number } | undefined): Cells[] {
  if (!s) return [];
  return [
    {
      figure: `statements per ${what} (probe, BEGIN/COMMIT included)`,
      value: String(s.app),
      baseline: String(s.baseline),
      ratio: ratio(s.app / s.baseline),
    },
  ];
}

export function callNextRows(r: CallNextResult): Row[] {
  const pg = r.backend === 'postgres';
  const o = r.options;
  const section = pg
    ? `1. Call-next — PostgreSQL, ${o.clerks} clerks over HTTP`
    : `1b. Call-next — PGlite (embedded, single connection), ${o.clerks} clerks over HTTP`;
  const p99Ratio = r.app.p99 / r.baseline.p99;
  return sectionRows(section, [
    {
      figure: 'call-next p99',
      ...versus('p99', ms, r.app, r.baseline, r.appRounds, r.baselineRounds),
      target: pg ? '≤ 3× baseline (#8)' : '(info)',
      result: pg ? verdict(p99Ratio <= 3) : '—',
      rounds: roundsVs('p99', ms, r.appRounds, r.baselineRounds),
    },
    {
      figure: 'call-next p50',
      ...versus('p50', ms, r.app, r.baseline, r.appRounds, r.baselineRounds),
      rounds: roundsVs('p50', ms, r.appRounds, r.baselineRounds),
    },
    {
      figure: 'calls/s',
      ...versus('callsPerSec', perSec, r.app, r.baseline, r.appRounds, r.baselineRounds),
      target: pg ? '≥ 0.7× baseline (#19)' : '(info)',
      result: pg ? verdict(r.app.callsPerSec / r.baseline.callsPerSec >= 0.7) : '—',
      rounds: roundsVs('callsPerSec', perSec, r.appRounds, r.baselineRounds),
    },
    ...floorRows(r.floor, r.app.p50, r.baseline.p50, o.clerks),
    ...(r.pooled
      ? [
          {
            figure: `call-next p99 against the baseline on ${r.pooled.connections} connections (the server's pool)`,
            ...versus('p99', ms, r.app, r.pooled.median, r.appRounds, r.pooled.rounds),
            target: '(info)',
            rounds: roundsVs('p99', ms, r.appRounds, r.pooled.rounds),
          },
          {
            figure: `calls/s against the baseline on ${r.pooled.connections} connections`,
            ...versus('callsPerSec', perSec, r.app, r.pooled.median, r.appRounds, r.pooled.rounds),
          },
        ]
      : []),
    ...statementRows('call-next', r.statements?.callNext),
    ...statementRows('start', r.statements?.start),
    ...profileRows("HTTP (call-next, start, the producer's issues)", r.profile),
    {
      figure: 'tickets called twice (ticket_events)',
      value: String(r.doubleCalls.app),
      baseline: String(r.doubleCalls.baseline),
      target: '0',
      result: verdict(r.doubleCalls.app === 0),
    },
  ]);
}

function rushRows(section: string, what: string, r: RushResult): Row[] {
  const bRatio = r.app.bookingsPerSec / r.baseline.bookingsPerSec;
  const places = (rounds: RushResult['appRounds']) =>
    rounds.map((x) => `${x.successes}/${x.capacity}`).join(', ');
  return sectionRows(section, [
    {
      figure: `${what}: successes / places`,
      value: places(r.appRounds),
      baseline: places(r.baselineRounds),
      target: '= capacity',
      result: verdict(r.exact),
    },
    {
      figure: `${what}: bookings/s`,
      ...versus('bookingsPerSec', perSec, r.app, r.baseline, r.appRounds, r.baselineRounds),
      target: '≥ 0.5× baseline (#19)',
      result: verdict(bRatio >= 0.5),
      rounds: roundsVs('bookingsPerSec', perSec, r.appRounds, r.baselineRounds),
    },
    {
      figure: `${what}: rejections/s`,
      ...versus('rejectionsPerSec', perSec, r.app, r.baseline, r.appRounds, r.baselineRounds),
    },
  ]);
}

export function bookingRows(r: BookingResult): Row[] {
  if (r.skipped) {
    return sectionRows('2. Booking rush', [
      { figure: 'booking rush', value: `skipped (${r.reason})`, target: '' },
    ]);
  }
  const section = `2. Booking rush — PostgreSQL, ${r.options.bookers} concurrent bookers over HTTP`;
  return [
    ...rushRows(section, `one slot of ${r.options.capacity}`, r.slot),
    ...rushRows(section, `a day of ${r.options.daySlots} slots × ${r.options.capacity}`, r.day),
    ...sectionRows(section, statementRows('booking', r.statements ?? undefined)),
  ];
}

export function fanoutRows(r: FanoutResult, withoutNative?: FanoutResult | null): Row[] {
  const o = r.options;
  const section = `3. Fan-out — ${o.clients} Socket.IO clients, ${o.callsPerSec} calls/s`;
  const p99Ratio = r.app.p99 / r.baseline.p99;
  const bareWs = (s: string) => `${s} (bare ws)`;
  return sectionRows(section, [
    {
      figure: 'commit → receipt p99',
      value: ms(r.app.p99),
      baseline: bareWs(ms(r.baseline.p99)),
      ratio: versus('p99', ms, r.app, r.baseline, r.appRounds, r.baselineRounds).ratio,
      target: '≤ 100 ms and ≤ 1.5× bare ws (#19)',
      result: verdict(r.app.p99 <= 100 && p99Ratio <= 1.5),
      rounds: roundsVs('p99', ms, r.appRounds, r.baselineRounds),
    },
    {
      figure: 'commit → receipt p50',
      value: ms(r.app.p50),
      baseline: bareWs(ms(r.baseline.p50)),
      ratio: versus('p50', ms, r.app, r.baseline, r.appRounds, r.baselineRounds).ratio,
    },
    {
      figure: 'request sent → receipt p50 / p99 (upper bound)',
      value: both(ms, r.app.upperP50, r.app.upperP99),
    },
    { figure: 'call-next answer → receipt p50', value: ms(r.app.afterAnswerP50) },
    ...profileRows("HTTP (the clerk's call-next and start)", r.profile),
    {
      figure: `events missed by ${r.replay.dropped} clients dropped and reconnected with lastSeq`,
      value: `${r.replay.missed} missed, ${r.replay.duplicatesOrDisorder} duplicate/out of order (${r.replay.eventsWhileAway} events while away, ${r.replay.reconnected} back)`,
      target: '0',
      result: verdict(
        r.replay.missed === 0 &&
          r.replay.duplicatesOrDisorder === 0 &&
          r.replay.reconnected === r.replay.dropped,
      ),
    },
    ...(withoutNative
      ? [
          {
            figure: `commit → receipt p50 / p99 with${r.wsNative.bufferutil ? 'out' : ''} bufferutil (separate run)`,
            value: both(ms, withoutNative.app.p50, withoutNative.app.p99),
            baseline: bareWs(both(ms, withoutNative.baseline.p50, withoutNative.baseline.p99)),
            ratio: ratio(withoutNative.app.p99 / withoutNative.baseline.p99),
          },
        ]
      : []),
  ]);
}

export function issuingRows(r: IssuingResult): Row[] {
  const pg = r.backend === 'postgres';
  const o = r.options;
  const section = pg
    ? `4. Issuing — PostgreSQL, ${o.concurrency} concurrent kiosks over HTTP`
    : `4b. Issuing — PGlite (embedded, single connection), ${o.concurrency} concurrent kiosks over HTTP`;
  const tRatio = r.app.ticketsPerSec / r.baseline.ticketsPerSec;
  return sectionRows(section, [
    {
      figure: 'tickets/s',
      ...versus('ticketsPerSec', perSec, r.app, r.baseline, r.appRounds, r.baselineRounds),
      target: pg ? '≥ 0.6× baseline (#8)' : '(info)',
      result: pg ? verdict(tRatio >= 0.6) : '—',
      rounds: roundsVs('ticketsPerSec', perSec, r.appRounds, r.baselineRounds),
    },
    {
      figure: 'issue p99',
      ...versus('p99', ms, r.app, r.baseline, r.appRounds, r.baselineRounds),
      rounds: roundsVs('p99', ms, r.appRounds, r.baselineRounds),
    },
    {
      figure: 'issue p50',
      ...versus('p50', ms, r.app, r.baseline, r.appRounds, r.baselineRounds),
      target: pg ? '≤ 1.5× baseline (#19)' : '(info)',
      result: pg ? verdict(r.app.p50 / r.baseline.p50 <= 1.5) : '—',
      rounds: roundsVs('p50', ms, r.appRounds, r.baselineRounds),
    },
    ...floorRows(r.floor, r.app.p50, r.baseline.p50, o.concurrency),
    ...statementRows('issue', r.statements ?? undefined),
    ...profileRows('issue', r.profile),
  ]);
}

/** The server process's CPU profile over one extra hallq round, as two rows (none when not taken). */
export function profileRows(what: string, shares: CpuShares | null | undefined): Cells[] {
  if (!shares) return [];
  const d = describeShares(shares);
  return [
    {
      figure: `server process over one more round (${shares.requests} ${what} requests, CPU profile)`,
      value: d.value,
    },
    { figure: `its busiest functions (self time, share of busy)`, value: d.functions },
  ];
}

const esc = (s: string) => s.replaceAll('|', '\\|');

export function markdownTable(rows: readonly Row[]): string {
  const out = [
    '| figure | hallq | baseline (same run) | ratio | target | result |',
    '|---|---:|---:|---:|---|---|',
  ];
  let section = '';
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      out.push(`| **${esc(section)}** | | | | | |`);
    }
    out.push(
      `| ${esc(r.figure)} | ${esc(r.value)} | ${esc(r.baseline)} | ${r.ratio} | ${esc(r.target)} | ${r.result} |`,
    );
  }
  return out.join('\n');
}

export function roundsTable(rows: readonly Row[]): string {
  const withRounds = rows.filter((r) => r.rounds);
  return [
    '| figure | hallq rounds vs baseline rounds |',
    '|---|---|',
    ...withRounds.map(
      (r) => `| ${esc(r.section.replace(/ —.*$/, ''))}: ${esc(r.figure)} | ${esc(r.rounds!)} |`,
    ),
  ].join('\n');
}

export function textTable(rows: readonly Row[]): string {
  const head = ['figure', 'hallq', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [r.figure, r.value, r.baseline, r.ratio, r.target, r.result]);
  const width = head.map((h, i) => Math.min(60, Math.max(h.length, ...body.map((b) => b[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(width[i]!))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  let section = '';
  for (const [k, r] of rows.entries()) {
    if (r.section !== section) {
      section = r.section;
      out.push('', section, line(head), line(width.map((w) => '-'.repeat(w))));
    }
    out.push(line(body[k]!));
  }
  return out.join('\n');
}

export function statsHistoryRows(r: StatsHistoryResult): Row[] {
  const o = r.options;
  const section = `5. Statistics — PostgreSQL, a hall of ${o.ticketsPerDay} tickets a day (${r.events} ticket_events seeded in ${r.seedSeconds.toFixed(0)} s)`;
  const year = r.ranges[r.ranges.length - 1]!;
  const week = r.ranges[0]!;
  return sectionRows(section, [
    ...r.ranges.map((x) => ({
      figure: `${x.days} days (${x.tickets} tickets): rollups (first request ${ms(x.firstMs)})`,
      value: ms(x.rollupMs),
      baseline: `${ms(x.liveMs)} (from ticket_events)`,
      ratio: ratio(x.rollupMs / x.liveMs),
      ...(x === year ? { target: '≤ 500 ms (#19)', result: verdict(x.rollupMs <= 500) } : {}),
    })),
    {
      figure: `a year against a week, both from rollups`,
      value: ratio(year.rollupMs / week.rollupMs),
      target: '(flat)',
    },
    {
      figure: 'rollup totals equal the ticket_events totals, every range',
      value: r.same ? 'yes' : 'NO',
      target: 'yes',
      result: verdict(r.same),
    },
  ]);
}
