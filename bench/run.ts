// `npm run bench`: the speed benchmarks of issue 8 against same-run baselines on a throwaway
// PostgreSQL 15 cluster (plus PGlite rows), then the hall-day simulator; prints the table and
// writes BENCHMARKS.md. Options: --quick (small sizes), --only=call-next,booking,fanout,issuing,
// pglite,socket-flood,simulate, --no-native-compare (skip the fan-out run without bufferutil), --out=FILE.
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
import { benchIssuing, type IssuingOptions, type IssuingResult } from './speed/issuing.ts';
import { benchSocketFlood, socketFloodRows } from './speed/socket-flood.ts';
import {
  bookingRows,
  callNextRows,
  fanoutRows,
  issuingRows,
  markdownTable,
  roundsTable,
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
const R = quick ? 3 : 10;

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
  const needsPg = ['call-next', 'booking', 'fanout', 'issuing'].some(wants);
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
      rows.push(...callNextRows(results.callNext));
    }
    if (wants('pglite') && wants('call-next')) {
      log('1b. call-next on PGlite');
      results.callNextPglite = await benchCallNext(null, SIZES.callNextPglite);
      rows.push(...callNextRows(results.callNextPglite));
    }
    if (env && wants('booking')) {
      log('2. booking rush');
      results.booking = await benchBooking(env, SIZES.booking);
      rows.push(...bookingRows(results.booking));
      if (results.booking.skipped) console.log(`booking rush: skipped (${results.booking.reason})`);
    }
    if (env && wants('fanout')) {
      log('3. fan-out');
      results.fanout = await benchFanout(env, SIZES.fanout);
      if (!flag('no-native-compare') && results.fanout.wsNative.bufferutil) {
        log('3. fan-out again without bufferutil (child process)');
        results.fanoutOther = await fanoutWithoutNative(env.adminUrl, SIZES.fanout);
      }
      rows.push(...fanoutRows(results.fanout, results.fanoutOther));
    }
    if (env && wants('issuing')) {
      log('4. issuing on PostgreSQL');
      results.issuing = await benchIssuing(env, SIZES.issuing);
      rows.push(...issuingRows(results.issuing));
    }
    if (wants('pglite') && wants('issuing')) {
      log('4b. issuing on PGlite');
      results.issuingPglite = await benchIssuing(null, SIZES.issuingPglite);
      rows.push(...issuingRows(results.issuingPglite));
    }
    if (wants('socket-flood')) {
      // Issue 16: REST p99 for other clients while one socket floods, against idle in the same run.
      log('5. socket flood (PGlite)');
      rows.push(
        ...socketFloodRows(await benchSocketFlood(quick ? { requests: 100, floodBatch: 50 } : undefined)),
      );
    }
  } finally {
    await env?.close();
    cluster?.stop();
  }
  // The same database benchmarks once more with durable commits (fsync on, synchronous_commit on).
  const durableRows: Row[] = [];
  if (needsPg && !flag('no-durable')) {
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
  if (wants('simulate')) {
    log('hall-day simulator');
    const dir = join(here, 'scenarios');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    const sims = [];
    for (const f of files) sims.push(runSimulation(await loadScenario(join(dir, f))));
    simulation = simulationMarkdown(sims);
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
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
    `- **Machine:** ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at start ${load} (shared machine)`,
    `- **Software:** Node ${process.version}, ${pgVersion} (throwaway clusters: the main table with fsync off and synchronous_commit off; the durable table with both on), PGlite ${pgliteVersion()}`,
    `- **Method:** every figure is the median of ${SIZES.callNext.rounds} measured rounds after a warm-up round; each hallq round and its baseline round run alternately in the same process against the same database server, so noise hits both. Ratio = hallq ÷ baseline of those medians (for latencies lower is better, for rates higher is better); in brackets the 95 % interval of the paired per-round ratios (geometric mean ± t · standard error in log space).`,
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
  const out = option('out') ?? join(here, '..', 'BENCHMARKS.md');
  // The "Soak" section is written by `npm run soak` (bench/soak.ts): keep it.
  let soak = '';
  try {
    soak = /<!-- soak:start[\s\S]*?<!-- soak:end -->/.exec(readFileSync(out, 'utf8'))?.[0] ?? '';
  } catch {
    // no BENCHMARKS.md yet
  }
  await writeFile(out, soak ? `${md.trimEnd()}\n\n${soak}\n` : md);
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
  const i = SIZES.issuing;
  const b = SIZES.booking;
  return [
    `- The server is the real app (\`buildApp()\`, rate limits off, log silent) listening on 127.0.0.1, driven over HTTP/1.1 keep-alive (node:http) from the same Node process; its database pool is the server's default (20). Baselines run hand-written SQL through \`pg\` (bench/speed/sql.ts) in the same process against a hall of the same shape in the same database.`,
    `- **Call-next:** ${c.clerks} counters, each serving 2–3 of 6 matters, ${c.clerks} clerks signed in over HTTP at them; each clerk loops call-next → start (the next call-next finishes the serving ticket) for ${c.callsPerClerk} calls a round; every round starts from ${c.preIssued} waiting tickets and a producer issues ${c.producerPerSec} tickets/s through POST /tickets meanwhile. Latency is per call-next request. Baseline: the same loop with ${c.clerks} \`pg\` connections: BEGIN; lock the counter; finish its serving ticket; pick the oldest eligible waiting ticket FOR UPDATE SKIP LOCKED; mark it called; ticket_events; hall event seq and hall_events; COMMIT (start and the producer's issuing likewise in raw SQL). A second baseline runs the same SQL with the ${c.clerks} clerks sharing as many connections as the server's pool (for information). Tickets called twice are counted from ticket_events (action = 'call' grouped by ticket having count > 1).`,
    `- **Booking rush:** ${b.bookers} bookers at once, each a different made-up resident (valid GB 11643 ID number), on one slot of ${b.capacity} places, then on a day of ${b.daySlots} one-hour slots of ${b.capacity} (every slot over-asked). Rates are over the whole rush (first request sent to last answer). Baseline: \`UPDATE slot_bookings SET booked = booked + 1 WHERE … AND booked < capacity\` autocommitted, as many attempts over a pool as large as the server's.`,
    `- **Fan-out:** ${f.clients} socket.io-client sockets (websocket transport) subscribed to the hall, run in a worker thread of their own (bench/speed/fanout-clients.mjs) so their decoding does not share the server's event loop; receipt times are absolute (performance.timeOrigin + now()); one clerk calls ${f.callsPerSec} times a second (call-next → start: three hall events per call). *Commit → receipt* runs from the moment the commit hook pokes the event publisher, right after COMMIT returns (a probe wraps \`publisher.poke\`; the local poke inside the call-next request's window is that call's commit), to each client's receipt of the \`ticket.called\` event; the read-back of the event from hall_events and the socket.io encoding are inside it. *Request sent → receipt* is an upper bound including the whole call-next request. Baseline: a bare \`ws\` server in the same process broadcasting the same three payloads per call (JSON encoded once) to ${f.clients} bare \`ws\` clients, from just before the send loop. Replay: ${f.drop} clients disconnect mid-stream, stay away ~1 s while calls go on, reconnect and subscribe with {hallId, lastSeq}; every client's received seqs must be exactly every seq after its subscription, once, in order.`,
    `- **Issuing:** ${i.concurrency} concurrent POST /tickets (the answer carries position and estimated wait, computed over ${i.openCounters} open counters), ${i.ticketsPerRound} a round from ${i.preIssued} waiting. Baseline: the raw number-and-insert transaction (INSERT … ON CONFLICT DO UPDATE on ticket_numbers RETURNING last; ticket; ticket_event; hall event) with the same concurrency and pool.`,
    '- **PGlite rows:** the same harness with the app on an in-memory PGlite (one connection inside the server process); the baseline is the same raw SQL through that same connection. For information: the targets are for PostgreSQL.',
  ];
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
