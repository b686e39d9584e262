// `npm run soak`: the full soak of the unattended devices (issue 20) in Chromium started as
// docs/DEVICES.md says: a wall display through 10,000 calls, a kiosk through 1,000 printed
// tickets, and at one counter a rating pad (300 services a minute apart, every 30th rated) and
// the counter screen (300 calls, each called then served) through a day, sampled after forced
// GC (tests/browser/soak.ts says what and how). Prints the table, writes bench/output/soak.md
// and replaces the "Soak" section of BENCHMARKS.md (between its markers). Exits 1 when a page
// left its bounds. Options: --calls=N --tickets=N --pad=N --counter=N (0: leave that page out)
// --no-write.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../server/src/web.ts';
import { DEVICE_FLAGS, openDevice } from '../tests/browser/devices.ts';
import {
  ensureWebBuilt,
  LANDSCAPE,
  launchChromium,
  PORTRAIT,
  printedAtLeast,
  ServedApp,
  TABLET,
  type Viewport,
} from '../tests/browser/harness.ts';
import {
  baseOf,
  BOUNDS,
  instrument,
  openCounter,
  outOfBounds,
  soakKiosk,
  soakTable,
  soakWall,
  type SoakResult,
} from '../tests/browser/soak.ts';
import { counterScreenUrl, pairPad, soakCounterScreen, soakPad } from '../tests/browser/soak-counter.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const FULL = { calls: 10_000, tickets: 1_000, pad: 300, counter: 300 };
const calls = option('calls', FULL.calls);
const tickets = option('tickets', FULL.tickets);
const padDay = option('pad', FULL.pad);
const counterDay = option('counter', FULL.counter);
const full =
  calls === FULL.calls && tickets === FULL.tickets && padDay === FULL.pad && counterDay === FULL.counter;
const write = !args.includes('--no-write');

const started = Date.now();
const load = os.loadavg().map((x) => x.toFixed(2));
await ensureWebBuilt();
const served = await ServedApp.start();
const browser = await launchChromium(DEVICE_FLAGS);
const results: SoakResult[] = [];
const failures: string[] = [];
const log = (what: string) => (s: { after: number; heapMB: number; nodes: number }) =>
  console.log(`${what}: after ${s.after}: heap ${s.heapMB} MB, ${s.nodes} nodes`);
/** One page's soak in its own browser context; a page that fails is reported, the others still run. */
async function stage(
  name: string,
  viewport: Viewport,
  run: (context: BrowserContext, page: Page) => Promise<void>,
): Promise<void> {
  const { context, page } = await openDevice(browser, viewport);
  try {
    await instrument(context);
    await run(context, page);
  } catch (err) {
    failures.push(`${name} stopped: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    console.error(err);
  } finally {
    await context.close();
  }
}

try {
  await openCounter(served);
  if (calls > 0)
    await stage('wall display', LANDSCAPE, async (_, page) => {
      await page.goto(`${served.url}/display/?hall=${served.hallId}`);
      await page.waitForSelector('[data-ready=true]');
      results.push(await soakWall(served, page, calls, Math.max(100, Math.round(calls / 20)), log('wall')));
    });
  if (tickets > 0)
    await stage('kiosk', PORTRAIT, async (_, page) => {
      await page.goto(`${served.url}/kiosk/?hall=${served.hallId}`);
      await page.waitForSelector('[data-testid=kiosk][data-online=true]');
      results.push(await soakKiosk(page, tickets, Math.max(10, Math.round(tickets / 20)), log('kiosk')));
      const printed = await printedAtLeast(page, tickets).catch(() => -1);
      if (printed !== tickets)
        failures.push(`kiosk printed ${printed < 0 ? 'fewer' : printed} times for ${tickets} tickets`);
    });
  if (padDay > 0)
    await stage('rating pad', TABLET, async (_, page) => {
      await page.goto(await pairPad(served));
      await page.waitForSelector('[data-testid=pad-idle]');
      const every = Math.max(10, Math.round(padDay / 10));
      results.push(await soakPad(served, page, padDay, every, 30, log('pad')));
    });
  if (counterDay > 0)
    await stage('counter screen', TABLET, async (_, page) => {
      await page.goto(counterScreenUrl(served));
      await page.waitForSelector('[data-testid=counter-screen][data-ready=true]');
      const every = Math.max(10, Math.round(counterDay / 10));
      results.push(await soakCounterScreen(served, page, counterDay, every, log('counter screen')));
    });
} finally {
  await browser.close();
  await served.close();
}

for (const r of results) {
  const base = baseOf(r);
  for (const s of r.samples.slice(2))
    for (const f of outOfBounds(base, s)) failures.push(`${r.name} after ${s.after}: ${f}`);
}

let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
} catch {
  // not a git checkout
}
const chromium = (() => {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'])
      .toString()
      .trim();
  } catch {
    return 'Chromium';
  }
})();
const section = [
  '<!-- soak:start (written by `npm run soak`, bench/soak.ts; bench/run.ts keeps it) -->',
  '## Soak',
  '',
  `Generated by \`npm run soak\` (bench/soak.ts) on ${new Date(started).toISOString()} (took ${Math.round((Date.now() - started) / 1000)} s; commit ${commit}); ${chromium}, headless, started with ${DEVICE_FLAGS.map((f) => `\`${f}\``).join(' ')}; ${os.cpus().length} cores, load average at start ${load.join(', ')} (shared machine).`,
  '',
  `Command: \`npm run soak${args.length ? ` -- ${args.join(' ')}` : ''}\`${full ? ' (the full soak: its defaults)' : ` (**cut** from the full soak, ${FULL.calls.toLocaleString('en')} calls, ${FULL.tickets.toLocaleString('en')} tickets, ${FULL.pad} pad services and ${FULL.counter} counter-screen calls, by its own options, to fit the run's time)`}.`,
  '',
  `A wall display through ${calls} calls (a ticket issued, called at a counter and started, through the API, as fast as the server takes them), a kiosk through ${tickets} tickets (touched, printed with \`window.print\` under \`--kiosk-printing\`, back to the start), the rating pad of one counter through ${padDay} services a minute of the hall's clock apart (the next number called, which finishes the one served; the pad prompts for it; every 30th rated; the next service starts and the pad is idle again) and that counter's screen (窗口屏) through ${counterDay} calls (each shown called, then served). Every wait is on what the page shows. Every sample is taken after a forced garbage collection (CDP \`HeapProfiler.collectGarbage\`, then \`Performance.getMetrics\`); timers and sockets are counted by an init script that wraps \`setTimeout\`/\`setInterval\` and \`WebSocket\`. "answer ms" is a call made until the wall or the counter screen shows it, a touch until the printed ticket is on screen, or a finish until the pad prompts for it, at the start and at the end of the run (reported, not a pass mark).`,
  '',
  `**Bounds** (from the sample after warm-up to every later one): JS heap at most ${BOUNDS.heapMB} MB more, DOM nodes at most ${BOUNDS.nodes} more, DOM listeners at most ${BOUNDS.listeners} more, pending timers at most ${BOUNDS.timers} more, at most ${BOUNDS.sockets} open socket. The short form (300 calls, 50 tickets, 40 pad services, 100 counter-screen calls) runs in \`npm test\` (tests/browser/soak.test.ts) with the same bounds.`,
  '',
  soakTable(results),
  '',
  failures.length ? `**Out of bounds:** ${failures.join('; ')}` : 'Every sample stayed within the bounds.',
  '<!-- soak:end -->',
].join('\n');

console.log(`\n${section}\n`);
if (write) {
  mkdirSync(join(ROOT, 'bench', 'output'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'output', 'soak.md'), section + '\n');
  const file = join(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(file, 'utf8');
  const re = /<!-- soak:start[\s\S]*?<!-- soak:end -->/;
  writeFileSync(
    file,
    re.test(current) ? current.replace(re, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
}
process.exit(failures.length ? 1 : 0);
