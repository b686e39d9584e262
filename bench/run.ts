// `npm run bench`: the speed benchmarks of issue 8 against same-run baselines on a throwaway
// PostgreSQL 15 cluster (plus PGlite rows), then the hall-day simulator; prints the table and
// writes BENCHMARKS.md. Options: --quick (small sizes, 3 rounds: a check that it runs, not a
// measurement to quote), --rounds=N, --only=call-next,booking,fanout,fanout-scale,issuing,pglite,socket-flood,growth,
// stats,simulate, --no-durable (skip the fsync-on cluster), --no-native-compare (skip the fan-out
// run without bufferutil), --out=FILE.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster, type Cluster } from '../tests/setup/global-postgres.ts';
import { simulationMarkdown } from './sim/format.ts';
import { runSimulation } from './sim/report.ts';
import { loadScenario } from './sim/scenario.ts';
import { benchBooking, type BookingOptions, type BookingResult } from './speed/booking.ts';
import { benchCallNext, type CallNextOptions, type CallNextResult } from './speed/call-next.ts';
import { PgEnv } from './speed/env.ts';
import { benchFanout, type FanoutOptions, type FanoutResult } from './speed/fanout.ts';
import { benchFanoutScale, fanoutScaleRows, type FanoutScaleOptions } from './speed/fanout-scale.ts';
import { benchIssuing, type IssuingOptions, type IssuingResult } from './speed/issuing.ts';
import { benchSocketFlood, socketFloodRows, type SocketFloodOptions } from './speed/socket-flood.ts';
import { benchStatsHistory, type StatsHistoryOptions } from './speed/stats-history.ts';
import { benchGrowth, growthRows, type GrowthOptions } from './speed/growth.ts';
import {
  bookingRows,
  callNextRows,
  fanoutRows,
  issuingRows,
  markdownTable,
  roundsTable,
  statsHistoryRows,
  textTable,
  type Row,
} from './speed/report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const only = option('only')?.split(',');
const wants = (part: string) => !only || only.includes(part);

/** Rounds per benchmark: ≥ 10 so every ratio gets a 95 % interval worth reading (3 with --quick). */
const R = Number(option('rounds') ?? (quick ? 3 : 10));

export const SIZES = {
  callNext: (quick
    ? { clerks: 20, callsPerClerk: 3, preIssued: 200, producerPerSec: 5, rounds: R }
    : {
        clerks: 50,
        callsPerClerk: 6,
        preIssued: 500,
        producerPerSec: 10,
        rounds: R,
        poolSizedBaseline: true,
      }) satisfies CallNextOptions,
  callNextPglite: (quick
    ? { clerks: 10, callsPerClerk: 2, preIssued: 100, producerPerSec: 2, rounds: R }
    : {
        clerks: 50,
        callsPerClerk: 2,
        preIssued: 300,
        producerPerSec: 5,
        rounds: R,
      }) satisfies CallNextOptions,
  booking: (quick
    ? { bookers: 100, capacity: 20, daySlots: 4, rounds: R }
    : { bookers: 500, capacity: 50, daySlots: 8, rounds: R }) satisfies BookingOptions,
  fanout: (quick
    ? { clients: 100, callsPerSec: 10, roundMs: 1500, rounds: R, drop: 20 }
    : { clients: 500, callsPerSec: 10, roundMs: 3000, rounds: R, drop: 100 }) satisfies FanoutOptions,
  // The goal's own size (#19: 5,000 sockets over 50 halls) even with --quick: about a minute.
  fanoutScale: {
    halls: 50,
    socketsPerHall: 100,
    callsPerSec: 10,
    ms: 10_000,
    memoryEvery: 10,
  } satisfies FanoutScaleOptions,
  issuing: (quick
    ? { concurrency: 10, ticketsPerRound: 100, preIssued: 50, openCounters: 5, rounds: R }
    : {
        concurrency: 20,
        ticketsPerRound: 300,
        preIssued: 100,
        openCounters: 10,
        rounds: R,
      }) satisfies IssuingOptions,
  issuingPglite: (quick
    ? { concurrency: 10, ticketsPerRound: 50, preIssued: 50, openCounters: 5, rounds: R }
    : {
        concurrency: 20,
        ticketsPerRound: 150,
        preIssued: 100,
        openCounters: 10,
        rounds: R,
      }) satisfies IssuingOptions,
  // The goal's own size (#19: a year of a busy hall, ≈ 250,000 tickets) even with --quick.
  statsHistory: { ticketsPerDay: 700, days: 365, rounds: R } satisfies StatsHistoryOptions,
  socketFlood: (quick
    ? { requests: 200, rounds: R, floodBatch: 50 }
    : { requests: 400, rounds: R, floodBatch: 50 }) satisfies SocketFloodOptions,
  growth: (quick
    ? { halls: [1, 10, 100], perSec: 10, roundMs: 3000, rounds: Math.min(R, 5) }
    : { halls: [1, 10, 100], perSec: 20, roundMs: 8000, rounds: R }) satisfies GrowthOptions,
};

/** Each section's rows on stderr as soon as it is measured (a run cut short still shows them). */
const show = (r: Row[]) => {
  process.stderr.write(`${textTable(r)}\n`);
  return r;
};

const log = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** The fan-out benchmark in a child process without ws's native add-on (WS_NO_BUFFER_UTIL). */
function fanoutWithoutNative(adminUrl: string, opts: FanoutOptions): Promise<FanoutResult | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child-fanout'],
      {
        env: {
          ...process.env,
          WS_NO_BUFFER_UTIL: '1',
          BENCH_PG_URL: adminUrl,
          BENCH_FANOUT: JSON.stringify(opts),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => {
      try {
        resolve(code === 0 ? (JSON.parse(out.trim().split('\n').at(-1)!) as FanoutResult) : null);
      } catch {
        resolve(null);
      }
    });
  });
}

async function childFanout(): Promise<void> {
  const env = new PgEnv(process.env.BENCH_PG_URL!);
  try {
    const r = await benchFanout(env, JSON.parse(process.env.BENCH_FANOUT!) as FanoutOptions);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    await env.close();
  }
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const cpus = os.cpus();
  const rows: Row[] = [];
  const results: {
    callNext?: CallNextResult;
    callNextPglite?: CallNextResult;
    booking?: BookingResult;
    fanout?: FanoutResult;
    fanoutOther?: FanoutResult | null;
    issuing?: IssuingResult;
    issuingPglite?: IssuingResult;
  } = {};
  let pgVersion = 'not used';
  let cluster: Cluster | null = null;
  let env: PgEnv | null = null;
  const needsPg = ['call-next', 'booking', 'fanout', 'fanout-scale', 'issuing', 'stats', 'growth'].some(
    wants,
  );
  try {
    if (needsPg) {
      log('starting a throwaway PostgreSQL cluster');
      cluster = await startCluster();
      env = new PgEnv(cluster.url);
      pgVersion = await env.version();
    }
    if (env && wants('call-next')) {
      log('1. call-next on PostgreSQL');
      results.callNext = await benchCallNext(env, SIZES.callNext);
      rows.push(...show(callNextRows(results.callNext)));
    }
    if (wants('pglite') && wants('call-next')) {
      log('1b. call-next on PGlite');
      results.callNextPglite = await benchCallNext(null, SIZES.callNextPglite);
      rows.push(...show(callNextRows(results.callNextPglite)));
    }
    if (env && wants('booking')) {
      log('2. booking rush');
      results.booking = await benchBooking(env, SIZES.booking);
      rows.push(...show(bookingRows(results.booking)));
      if (results.booking.skipped) console.log(`booking rush: skipped (${results.booking.reason})`);
    }
    if (env && wants('fanout')) {
      log('3. fan-out');
      results.fanout = await benchFanout(env, SIZES.fanout);
      if (!flag('no-native-compare') && results.fanout.wsNative.bufferutil) {
        log('3. fan-out again without bufferutil (child process)');
        results.fanoutOther = await fanoutWithoutNative(env.adminUrl, SIZES.fanout);
      }
      rows.push(...show(fanoutRows(results.fanout, results.fanoutOther)));
    }
    if (env && (wants('fanout') || wants('fanout-scale'))) {
      log('3b. fan-out at scale, and memory against sockets');
      rows.push(...show(fanoutScaleRows(await benchFanoutScale(env, SIZES.fanoutScale))));
    }
    if (env && wants('issuing')) {
      log('4. issuing on PostgreSQL');
      results.issuing = await benchIssuing(env, SIZES.issuing);
      rows.push(...show(issuingRows(results.issuing)));
    }
    if (env && wants('stats')) {
      log('5. statistics against a year of history');
      rows.push(...show(statsHistoryRows(await benchStatsHistory(env, SIZES.statsHistory))));
    }
    if (env && wants('growth')) {
      log('6. growth with the number of active halls');
      rows.push(...show(growthRows(await benchGrowth(env, SIZES.growth))));
    }
    if (wants('pglite') && wants('issuing')) {
      log('4b. issuing on PGlite');
      results.issuingPglite = await benchIssuing(null, SIZES.issuingPglite);
      rows.push(...show(issuingRows(results.issuingPglite)));
    }
    if (wants('socket-flood')) {
      // Issue 16: REST p99 for other clients while one socket floods, against idle in the same run.
      log('5. socket flood (PGlite)');
      rows.push(...show(socketFloodRows(await benchSocketFlood(SIZES.socketFlood))));
    }
  } finally {
    await env?.close();
    cluster?.stop();
  }
  // The same database benchmarks once more with durable commits (fsync on, synchronous_commit on).
  const durableRows: Row[] = [];
  if (['call-next', 'booking', 'issuing'].some(wants) && !flag('no-durable')) {
    let dc: Cluster | null = null;
    let denv: PgEnv | null = null;
    try {
      log('starting a durable PostgreSQL cluster (fsync on)');
      dc = await startCluster({ durable: true });
      denv = new PgEnv(dc.url);
      if (wants('call-next')) durableRows.push(...callNextRows(await benchCallNext(denv, SIZES.callNext)));
      if (wants('booking')) durableRows.push(...bookingRows(await benchBooking(denv, SIZES.booking)));
      if (wants('issuing')) durableRows.push(...issuingRows(await benchIssuing(denv, SIZES.issuing)));
    } finally {
      await denv?.close();
      dc?.stop();
    }
  }

  let simulation = '';
  const out = option('out') ?? join(here, '..', 'BENCHMARKS.md');
  let previous = '';
  try {
    previous = readFileSync(out, 'utf8');
  } catch {
    // no BENCHMARKS.md yet
  }
  if (!wants('simulate')) {
    // Not run this time: keep the simulator's section of the last run that made it, as it was.
    const kept = /## Hall-day simulator[\s\S]*?(?=<!-- soak:start|$)/.exec(previous)?.[0];
    const made = [/- \*\*Command:\*\* .*/, /- \*\*Date:\*\* .*/]
      .map((re) => re.exec(previous)?.[0].replace(/^- /, ''))
      .filter(Boolean)
      .join('; ');
    // A section that names its own run (`--only=simulate`) keeps that line instead.
    if (kept && !kept.includes('_(Kept from an earlier run') && !kept.includes('_This section by'))
      simulation = `${kept.trimEnd()}\n\n_(Kept from an earlier run, not measured by this one: ${made}.)_`;
    else if (kept) simulation = kept.trimEnd();
  }
  if (wants('simulate')) {
    log('hall-day simulator');
    const dir = join(here, 'scenarios');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    const sims = [];
    for (const f of files) sims.push(runSimulation(await loadScenario(join(dir, f))));
    simulation = simulationMarkdown(sims);
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  const loadAtEnd = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;

  console.log(textTable(rows));
  console.log(
    `\n${rows.filter((r) => r.result === 'MET').length} met, ${rows.filter((r) => r.result === 'MISSED').length} missed; ${seconds} s`,
  );

  const md = [
    '# hallq benchmarks',
    '',
    'Generated by `npm run bench` (bench/run.ts); do not edit by hand: run it again.',
    '',
    `- **Command:** \`${command}\``,
    `- **Date:** ${started.toISOString()} (took ${seconds} s; commit ${gitCommit()})`,
    `- **Machine:** ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average (1, 5, 15 min) at start ${load}, at end ${loadAtEnd} (a machine shared with other work: compare ratios within this run, not absolute figures across runs)`,
    `- **Software:** Node ${process.version}, ${pgVersion} (throwaway clusters: the main table with fsync off and synchronous_commit off${durableRows.length ? '; the durable table with both on' : '; no durable (fsync on) run this time'}), PGlite ${pgliteVersion()}`,
    `- **Method:** every figure is the median of ${SIZES.callNext.rounds} measured rounds after a warm-up round; each hallq round and its baseline round run alternately (the order swapped every round), driven by the same code from the same load process against the same database server, so noise hits both. Ratio = hallq ÷ baseline of those medians (for latencies lower is better, for rates higher is better); in brackets the 95 % interval of the paired per-round ratios (geometric mean ± t · standard error in log space).${SIZES.callNext.rounds < 10 ? ' **Fewer than 10 rounds: a check that the bench runs, not figures to quote.**' : ''}${quick ? ' Sizes: the small ones of `--quick` (below).' : ''}`,
    '',
    '## Speed',
    '',
    markdownTable(rows),
    '',
    '### Rounds',
    '',
    roundsTable(rows),
    '',
    '### What is measured',
    '',
    ...notes(),
    '',
    '### Targets in this run',
    '',
    verdicts(rows),
    '',
    ...(durableRows.length
      ? ['### Durable commits (fsync on), same sizes', '', markdownTable(durableRows), '']
      : []),
    simulation,
    '',
  ].join('\n');
  // The "Soak" section is written by `npm run soak` (bench/soak.ts): keep it.
  const soak = /<!-- soak:start[\s\S]*?<!-- soak:end -->/.exec(previous)?.[0] ?? '';
  // Only the simulator ran (`--only=simulate`): keep the speed part of the last run as it was, under
  // its own command and date, and say when the simulator's section was made.
  const keptSpeed = /^[\s\S]*?(?=## Hall-day simulator)/.exec(previous)?.[0];
  const body =
    rows.length === 0 && durableRows.length === 0 && wants('simulate') && keptSpeed
      ? [
          keptSpeed.trimEnd(),
          '',
          simulation.replace(
            /\n/,
            `\n\n_This section by \`${command}\` on ${started.toISOString()} (took ${seconds} s; commit ${gitCommit()}); the speed figures above are from the run named at the top._\n`,
          ),
          '',
        ].join('\n')
      : md;
  await writeFile(out, soak ? `${body.trimEnd()}\n\n${soak}\n` : body);
  log(`wrote ${out}`);
}

function pgliteVersion(): string {
  try {
    const file = join(here, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function notes(): string[] {
  const c = SIZES.callNext;
  const f = SIZES.fanout;
  const s = SIZES.fanoutScale;
  const i = SIZES.issuing;
  const b = SIZES.booking;
  const h = SIZES.statsHistory;
  const g = SIZES.growth;
  const sf = SIZES.socketFlood;
  const part: Record<string, string> = {
    '- **Call-next:**': 'call-next',
    '- **Booking rush:**': 'booking',
    '- **Fan-out:**': 'fanout',
    '- **Fan-out at scale': 'fanout',
    '- **Issuing:**': 'issuing',
    '- **Statistics': 'stats',
    '- **Growth': 'growth',
    '- **Socket flood:**': 'socket-flood',
    '- **PGlite rows:**': 'pglite',
    '- **Durable table:**': 'durable',
  };
  const ran = (line: string) => {
    const key = Object.keys(part).find((k) => line.startsWith(k));
    if (!key) return true;
    if (part[key] === 'durable')
      return !flag('no-durable') && ['call-next', 'booking', 'issuing'].some(wants);
    return wants(part[key]!);
  };
  return [
    `- **Processes:** the server is the real app (\`buildApp()\`, rate limits off, log silent) listening on 127.0.0.1 in the bench process, its database pool the server's default (20). The load (HTTP/1.1 keep-alive clients, and the \`pg\` clients of the baselines) runs in a separate load process (bench/speed/loadgen.ts, load-child.ts), so request generation shares neither the server's event loop nor its process; the fan-out clients run in a third process. Baselines are hand-written SQL (bench/speed/sql.ts) doing the same statements as the server's transaction, against a hall of the same shape in the same database.`,
    "- **HTTP floor:** a no-op route (`POST /bench/noop`, added by the bench, behind the same plugins and hooks) driven at the section's concurrency from the load process, once per round. \"Of hallq p50\" splits a request's median into that floor, the same-work SQL's median, and the rest (the server's own work: validation, policy, estimates, serialization, waiting for the pool).",
    '- **Statements:** counted by a probe (bench/speed/probe.ts) around one request sent at a quiet moment after the rounds, and around one baseline transaction; BEGIN and COMMIT count.',
    "- **CPU profile:** after the measured rounds of call-next, fan-out and issuing, one more hallq round runs under V8's sampling profiler in the server's process (bench/speed/profile.ts, the inspector's Profiler, 200 µs sampling; the profiler's own work left out), so its cost stays out of the figures. \"Busy\" is the share of the round's wall time the process ran code; CPU a request is busy time over the round's HTTP requests; the parts sum self time by where the code lives (server/src/domain's estimates and policy, the rest of server/src, Kysely, pg, Fastify and its plugins, Node.js itself: sockets, HTTP, streams, native calls such as `writev`). \"Event loop late\" is perf_hooks.monitorEventLoopDelay over the same round: how long a ready callback (a transaction's next statement, its COMMIT) waited for the loop. `BENCH_PROFILE_DIR=dir` keeps each whole profile as `dir/<section>.cpuprofile` for Chrome DevTools.",
    `- **Call-next:** ${c.clerks} counters, each serving 2–3 of 6 matters, ${c.clerks} clerks signed in at them; each clerk loops call-next → start (the next call-next finishes the serving ticket) for ${c.callsPerClerk} calls a round; every round starts from ${c.preIssued} waiting tickets and a producer issues ${c.producerPerSec} tickets/s meanwhile. Latency is per call-next request. Baseline: the same loop with ${c.clerks} \`pg\` connections: BEGIN; lock the counter; finish its serving ticket; pick the oldest eligible waiting ticket FOR UPDATE SKIP LOCKED; mark it called; ticket_events; one hall-event statement per event as the server writes it (seq bump, row and NOTIFY); COMMIT (start and the producer's issuing likewise).${'poolSizedBaseline' in c ? " A second baseline runs the same SQL with the clerks sharing as many connections as the server's pool (for information)." : ''} Tickets called twice are counted from ticket_events (action = 'call' grouped by ticket having count > 1).`,
    `- **Booking rush:** ${b.bookers} bookers at once, each a different made-up resident (valid GB 11643 ID number), on one slot of ${b.capacity} places, then on a day of ${b.daySlots} slots of ${b.capacity} (every slot over-asked). Rates are over the whole rush (first request sent to last answer). Baseline: the server's booking statements in one hand-written transaction (the unlocked "looks full" read; BEGIN; the per-person advisory lock; block, one-per-day and active-count reads; the conditional take of a place; a free code; the appointment row; the hall event; the outbox row; COMMIT), with precomputed hashes in place of the server's HMAC and encryption, the same attempts over a pool as large as the server's. The server's reads of the booking context (hall, matter, schedule) are not in the baseline: that is work the server need not repeat.`,
    `- **Fan-out:** ${f.clients} socket.io-client sockets (websocket transport) subscribed to the hall, in a process of their own (bench/speed/fanout-clients.mjs); one clerk calls ${f.callsPerSec} times a second (call-next → start: three hall events per call). Both kinds of client timestamp a receipt the same way: absolute time (performance.timeOrigin + now()) taken in the message handler right after decoding (socket.io: the event dispatched; ws: the JSON parsed). *Commit → receipt* runs from the moment the commit hook pokes the event publisher, right after COMMIT returns (a probe wraps \`publisher.poke\`), to each client's receipt of the \`ticket.called\` event. *Request sent → receipt* is an upper bound including the whole call-next request. Baseline: a bare \`ws\` server in the bench process broadcasting the same three payloads per call (JSON encoded once) to ${f.clients} bare \`ws\` clients in their own process, from just before the send loop. Replay: ${f.drop} clients disconnect mid-stream, stay away ~1 s while calls go on, reconnect and subscribe with {hallId, lastSeq}; every client's received seqs must be exactly every seq after its subscription, once, in order.`,
    `- **Fan-out at scale (3b):** ${s.halls} halls, each with one clerk and ${s.socketsPerHall} socket.io-client sockets subscribed to it (all ${s.halls * s.socketsPerHall} in one client process, one server process); the clerks call in turn, ${s.callsPerSec} calls a second over all halls (call-next → start), and each \`ticket.called\` receipt is timed from its commit as above. Memory: the server's process (the bench process: the clients live in theirs), RSS and JS heap after a full GC, read before the first socket and after every ${s.memoryEvery} hall(s) of sockets connected; per socket = growth ÷ sockets (RSS is coarse at small counts).`,
    `- **Issuing:** ${i.concurrency} concurrent POST /tickets (the answer carries position and estimated wait, computed over ${i.openCounters} open counters), ${i.ticketsPerRound} a round from ${i.preIssued} waiting. Baseline: the raw number-and-insert transaction (INSERT … ON CONFLICT DO UPDATE on ticket_numbers RETURNING last; ticket; ticket_event; hall event) with the same concurrency and pool; it computes no estimate.`,
    '- **PGlite rows:** the same harness with the app on an in-memory PGlite (one connection inside the server process); the baseline is the same raw SQL through that same connection, so it runs in the bench process. For information: the targets are for PostgreSQL.',
    '- **Durable table:** the same call-next, booking and issuing benchmarks on a second throwaway cluster with fsync and synchronous_commit on.',
    `- **Statistics against history:** one hall's past seeded in bulk, ${h.ticketsPerDay} tickets a day for ${h.days} days before today (each issued, called after 0–20 min, started, finished 4–16 min later; 4 ticket_events each), then GET /stats by matter for the last 7, 91 and ${h.days} days, as a manager's console asks. hallq reads closed days from daily rollups: "first request" builds the rollups the range lacks, the median is of ${h.rounds} requests after it. Reference in the same run: the same report computed from ticket_events for every day (the computation before rollups; 1 request for the year, 3 for 3 months), and its totals must equal the rollups'.`,
    `- **Growth with active halls (6):** ${Math.max(...g.halls)} halls of the same shape (6 matters, 3 counters, one clerk at counter 1, 20 tickets waiting), one server process and one PostgreSQL. One stream of work, ${g.perSec} actions a second in all (a kiosk issues a ticket, then the hall's clerk calls the next one and starts it), is spread over the first 1, ${g.halls.slice(1, -1).join(', ')} and ${Math.max(...g.halls)} halls in turn (open loop, from the load process; a hall whose previous action still runs skips its turn), so the work stays the same and only the number of active halls grows. ${g.rounds} rounds of ${g.roundMs / 1000} s per size after a warm-up round of each, the sizes' order rotated every round; the ratio is the most halls against one, with the 95 % interval of the paired rounds.`,
    `- **Socket flood:** the app on an in-memory PGlite (the demo hall) in the bench process, its default socket limits; GET /halls/:hallId/board one request after another from the load process, ${sf.requests} a round, while an anonymous Socket.IO client in a third process floods \`subscribe\` (${sf.floodBatch} messages an event-loop turn) and, each time the server cuts it off, connects again and floods again (one socket at a time, for the whole round), against idle rounds of the same requests; ${sf.rounds} rounds of each, alternating, the p99 of all ${sf.rounds * sf.requests} requests of a kind pooled.`,
  ].filter(ran);
}

function verdicts(rows: Row[]): string {
  const name = (r: Row) => `${r.section.replace(/ —.*$/, '')}: ${r.figure}`;
  const met = rows.filter((r) => r.result === 'MET').map(name);
  const missed = rows.filter((r) => r.result === 'MISSED').map(name);
  return [
    `- **Met (${met.length}):** ${met.join('; ') || 'none'}`,
    `- **Missed (${missed.length}):** ${missed.join('; ') || 'none'}`,
  ].join('\n');
}

if (flag('child-fanout')) await childFanout();
else await main();
