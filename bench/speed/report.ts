// The speed table: one row per figure with its same-run baseline, the ratio, the target and
// MET / MISSED, as Markdown (BENCHMARKS.md) and as plain text (the console).
import type { BookingResult, RushResult } from './booking.ts';
import type { CallNextResult } from './call-next.ts';
import type { FanoutResult } from './fanout.ts';
import type { IssuingResult } from './issuing.ts';
import { ms, perSec, ratio } from './stats.ts';

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

const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
const roundsOf = (values: number[], fmt: (v: number) => string) => values.map(fmt).join(' / ');

export function callNextRows(r: CallNextResult): Row[] {
  const pg = r.backend === 'postgres';
  const o = r.options;
  const section = pg
    ? `1. Call-next — PostgreSQL, ${o.clerks} clerks over HTTP`
    : `1b. Call-next — PGlite (embedded, single connection), ${o.clerks} clerks over HTTP`;
  const p99Ratio = r.app.p99 / r.baseline.p99;
  return [
    {
      section,
      figure: 'call-next p99',
      value: ms(r.app.p99),
      baseline: ms(r.baseline.p99),
      ratio: ratio(p99Ratio),
      target: pg ? '≤ 3× baseline' : '(info)',
      result: pg ? verdict(p99Ratio <= 3) : '—',
      rounds: `${roundsOf(
        r.appRounds.map((x) => x.p99),
        ms,
      )} vs ${roundsOf(
        r.baselineRounds.map((x) => x.p99),
        ms,
      )}`,
    },
    {
      section,
      figure: 'call-next p50',
      value: ms(r.app.p50),
      baseline: ms(r.baseline.p50),
      ratio: ratio(r.app.p50 / r.baseline.p50),
      target: '—',
      result: '—',
    },
    {
      section,
      figure: 'calls/s',
      value: perSec(r.app.callsPerSec),
      baseline: perSec(r.baseline.callsPerSec),
      ratio: ratio(r.app.callsPerSec / r.baseline.callsPerSec),
      target: '—',
      result: '—',
      rounds: `${roundsOf(
        r.appRounds.map((x) => x.callsPerSec),
        perSec,
      )} vs ${roundsOf(
        r.baselineRounds.map((x) => x.callsPerSec),
        perSec,
      )}`,
    },
    ...(r.pooled
      ? [
          {
            section,
            figure: `call-next p99 against the baseline on ${r.pooled.connections} connections (the server's pool)`,
            value: ms(r.app.p99),
            baseline: ms(r.pooled.median.p99),
            ratio: ratio(r.app.p99 / r.pooled.median.p99),
            target: '(info)',
            result: '—',
            rounds: `${roundsOf(
              r.appRounds.map((x) => x.p99),
              ms,
            )} vs ${roundsOf(
              r.pooled.rounds.map((x) => x.p99),
              ms,
            )}`,
          },
          {
            section,
            figure: `calls/s against the baseline on ${r.pooled.connections} connections`,
            value: perSec(r.app.callsPerSec),
            baseline: perSec(r.pooled.median.callsPerSec),
            ratio: ratio(r.app.callsPerSec / r.pooled.median.callsPerSec),
            target: '—',
            result: '—',
          },
        ]
      : []),
    {
      section,
      figure: 'tickets called twice (ticket_events)',
      value: String(r.doubleCalls.app),
      baseline: String(r.doubleCalls.baseline),
      ratio: '',
      target: '0',
      result: verdict(r.doubleCalls.app === 0),
    },
  ];
}

function rushRows(section: string, what: string, r: RushResult): Row[] {
  const bRatio = r.app.bookingsPerSec / r.baseline.bookingsPerSec;
  return [
    {
      section,
      figure: `${what}: successes / places`,
      value: r.appRounds.map((x) => `${x.successes}/${x.capacity}`).join(', '),
      baseline: r.baselineRounds.map((x) => `${x.successes}/${x.capacity}`).join(', '),
      ratio: '',
      target: '= capacity',
      result: verdict(r.exact),
    },
    {
      section,
      figure: `${what}: bookings/s`,
      value: perSec(r.app.bookingsPerSec),
      baseline: perSec(r.baseline.bookingsPerSec),
      ratio: ratio(bRatio),
      target: '≥ 0.5× baseline',
      result: verdict(bRatio >= 0.5),
      rounds: `${roundsOf(
        r.appRounds.map((x) => x.bookingsPerSec),
        perSec,
      )} vs ${roundsOf(
        r.baselineRounds.map((x) => x.bookingsPerSec),
        perSec,
      )}`,
    },
    {
      section,
      figure: `${what}: rejections/s`,
      value: perSec(r.app.rejectionsPerSec),
      baseline: perSec(r.baseline.rejectionsPerSec),
      ratio: ratio(r.app.rejectionsPerSec / r.baseline.rejectionsPerSec),
      target: '—',
      result: '—',
    },
  ];
}

export function bookingRows(r: BookingResult): Row[] {
  if (r.skipped) {
    return [
      {
        section: '2. Booking rush',
        figure: 'booking rush',
        value: `skipped (${r.reason})`,
        baseline: '',
        ratio: '',
        target: '',
        result: '—',
      },
    ];
  }
  const section = `2. Booking rush — PostgreSQL, ${r.options.bookers} concurrent bookers over HTTP`;
  return [
    ...rushRows(section, `one slot of ${r.options.capacity}`, r.slot),
    ...rushRows(section, `a day of ${r.options.daySlots} slots × ${r.options.capacity}`, r.day),
  ];
}

export function fanoutRows(r: FanoutResult, withoutNative?: FanoutResult | null): Row[] {
  const o = r.options;
  const section = `3. Fan-out — ${o.clients} Socket.IO clients, ${o.callsPerSec} calls/s`;
  const p99Ratio = r.app.p99 / r.baseline.p99;
  const rows: Row[] = [
    {
      section,
      figure: 'commit → receipt p99',
      value: ms(r.app.p99),
      baseline: `${ms(r.baseline.p99)} (bare ws)`,
      ratio: ratio(p99Ratio),
      target: '≤ 100 ms and ≤ 2× baseline',
      result: verdict(r.app.p99 <= 100 && p99Ratio <= 2),
      rounds: `${roundsOf(
        r.appRounds.map((x) => x.p99),
        ms,
      )} vs ${roundsOf(
        r.baselineRounds.map((x) => x.p99),
        ms,
      )}`,
    },
    {
      section,
      figure: 'commit → receipt p50',
      value: ms(r.app.p50),
      baseline: `${ms(r.baseline.p50)} (bare ws)`,
      ratio: ratio(r.app.p50 / r.baseline.p50),
      target: '—',
      result: '—',
    },
    {
      section,
      figure: 'request sent → receipt p50 / p99 (upper bound)',
      value: `${ms(r.app.upperP50)} / ${ms(r.app.upperP99)}`,
      baseline: '',
      ratio: '',
      target: '—',
      result: '—',
    },
    {
      section,
      figure: 'call-next answer → receipt p50',
      value: ms(r.app.afterAnswerP50),
      baseline: '',
      ratio: '',
      target: '—',
      result: '—',
    },
    {
      section,
      figure: `events missed by ${r.replay.dropped} clients dropped and reconnected with lastSeq`,
      value: `${r.replay.missed} missed, ${r.replay.duplicatesOrDisorder} duplicate/out of order (${r.replay.eventsWhileAway} events while away, ${r.replay.reconnected} back)`,
      baseline: '',
      ratio: '',
      target: '0',
      result: verdict(
        r.replay.missed === 0 &&
          r.replay.duplicatesOrDisorder === 0 &&
          r.replay.reconnected === r.replay.dropped,
      ),
    },
  ];
  if (withoutNative) {
    rows.push({
      section,
      figure: `commit → receipt p50 / p99 with${r.wsNative.bufferutil ? 'out' : ''} bufferutil (separate run)`,
      value: `${ms(withoutNative.app.p50)} / ${ms(withoutNative.app.p99)}`,
      baseline: `${ms(withoutNative.baseline.p50)} / ${ms(withoutNative.baseline.p99)} (bare ws)`,
      ratio: ratio(withoutNative.app.p99 / withoutNative.baseline.p99),
      target: '—',
      result: '—',
    });
  }
  return rows;
}

export function issuingRows(r: IssuingResult): Row[] {
  const pg = r.backend === 'postgres';
  const o = r.options;
  const section = pg
    ? `4. Issuing — PostgreSQL, ${o.concurrency} concurrent kiosks over HTTP`
    : `4b. Issuing — PGlite (embedded, single connection), ${o.concurrency} concurrent kiosks over HTTP`;
  const tRatio = r.app.ticketsPerSec / r.baseline.ticketsPerSec;
  return [
    {
      section,
      figure: 'tickets/s',
      value: perSec(r.app.ticketsPerSec),
      baseline: perSec(r.baseline.ticketsPerSec),
      ratio: ratio(tRatio),
      target: pg ? '≥ 0.6× baseline' : '(info)',
      result: pg ? verdict(tRatio >= 0.6) : '—',
      rounds: `${roundsOf(
        r.appRounds.map((x) => x.ticketsPerSec),
        perSec,
      )} vs ${roundsOf(
        r.baselineRounds.map((x) => x.ticketsPerSec),
        perSec,
      )}`,
    },
    {
      section,
      figure: 'issue p50 / p99',
      value: `${ms(r.app.p50)} / ${ms(r.app.p99)}`,
      baseline: `${ms(r.baseline.p50)} / ${ms(r.baseline.p99)}`,
      ratio: ratio(r.app.p99 / r.baseline.p99),
      target: '—',
      result: '—',
    },
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
