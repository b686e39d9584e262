// Soak: drive a device page through a long day (or a week) of work and watch that it stays
// well. Used in a short form by tests/browser/soak.test.ts (part of `npm test`) and in the full
// form by `npm run soak` (bench/soak.ts), which writes its figures to BENCHMARKS.md's "Soak".
//
// What is measured, each time after a forced garbage collection (CDP):
//   heap      JS heap used (Performance.getMetrics JSHeapUsedSize)
//   nodes     DOM nodes (Performance.getMetrics Nodes)
//   listeners DOM event listeners (Performance.getMetrics JSEventListeners)
//   timers    pending setTimeout/setInterval (counted by an init script that wraps them)
//   sockets   open WebSockets (counted the same way)
//   answerMs  from the server's event to the page showing it (a call on the wall, a ticket on
//             the kiosk): reported, compared start vs end, never asserted in a test
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { ServedApp } from './harness.ts';

export interface Sample {
  after: number;
  heapMB: number;
  nodes: number;
  listeners: number;
  timers: number;
  sockets: number;
}

/** Counts live timers and open WebSockets from the page's first script on. */
export async function instrument(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __soak: { timers: Set<unknown>; sockets: Set<WebSocket> } };
    const timers = new Set<unknown>();
    const sockets = new Set<WebSocket>();
    w.__soak = { timers, sockets };
    const st = window.setTimeout.bind(window);
    const ct = window.clearTimeout.bind(window);
    const si = window.setInterval.bind(window);
    const ci = window.clearInterval.bind(window);
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id = st(
        (...a: unknown[]) => {
          timers.delete(id);
          if (typeof fn === 'function') (fn as (...x: unknown[]) => void)(...a);
        },
        ms,
        ...args,
      );
      timers.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => {
      timers.delete(id);
      ct(id);
    }) as typeof window.clearTimeout;
    window.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id = si(fn, ms, ...args);
      timers.add(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      timers.delete(id);
      ci(id);
    }) as typeof window.clearInterval;
    const WS = window.WebSocket;
    window.WebSocket = class extends WS {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.add(this);
        this.addEventListener('close', () => sockets.delete(this));
      }
    };
  });
}

export async function sample(page: Page, cdp: CDPSession, after: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? NaN;
  const live = await page.evaluate(() => {
    const s = (window as unknown as { __soak: { timers: Set<unknown>; sockets: Set<WebSocket> } }).__soak;
    return { timers: s.timers.size, sockets: [...s.sockets].filter((x) => x.readyState <= 1).length };
  });
  return {
    after,
    heapMB: Math.round((m('JSHeapUsedSize') / 2 ** 20) * 100) / 100,
    nodes: m('Nodes'),
    listeners: m('JSEventListeners'),
    ...live,
  };
}

export async function metricsSession(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

/**
 * The bounds a soak must keep, from the sample after warm-up (`base`) to every later one:
 * heap within 4 MB more, DOM nodes within 200 more, listeners within 50 more, timers within 5
 * more, never more than one open socket.
 */
export const BOUNDS = { heapMB: 4, nodes: 200, listeners: 50, timers: 5, sockets: 1 };

export function outOfBounds(base: Sample, s: Sample): string[] {
  const out: string[] = [];
  if (s.heapMB > base.heapMB + BOUNDS.heapMB)
    out.push(`heap ${s.heapMB} MB > ${base.heapMB} + ${BOUNDS.heapMB}`);
  if (s.nodes > base.nodes + BOUNDS.nodes) out.push(`nodes ${s.nodes} > ${base.nodes} + ${BOUNDS.nodes}`);
  if (s.listeners > base.listeners + BOUNDS.listeners)
    out.push(`listeners ${s.listeners} > ${base.listeners} + ${BOUNDS.listeners}`);
  if (s.timers > base.timers + BOUNDS.timers)
    out.push(`timers ${s.timers} > ${base.timers} + ${BOUNDS.timers}`);
  if (s.sockets > BOUNDS.sockets) out.push(`sockets ${s.sockets} > ${BOUNDS.sockets}`);
  return out;
}

/**
 * Waits for an element without keeping it. `page.waitForSelector` answers an ElementHandle that
 * Playwright keeps alive in the page until it is disposed: one per round kept every screen the
 * soak had passed through (the whole detached home or ticket view with its listeners), which
 * looked like a kiosk leak of ~120 nodes and 7–8 listeners a round. A locator holds nothing.
 */
export function waitFor(
  page: Page,
  selector: string,
  opts: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number } = {},
): Promise<void> {
  return page.locator(selector).first().waitFor(opts);
}

/** Lets go of the handle `waitForFunction` answers (the page would keep it alive). */
export const settled = (handle: { dispose(): Promise<void> }) => handle.dispose();

export interface SoakResult {
  name: string;
  count: number;
  samples: Sample[];
  answerMs: { start: number; end: number };
  seconds: number;
}

/**
 * One page's soak stage: its metrics session, its samples and how long it ran. `measure(i)`
 * samples the page after round `i` (and logs it unless told not to); `finish` ends the session.
 */
export async function startStage(page: Page, name: string, count: number, log: (s: Sample) => void) {
  const started = performance.now();
  const cdp = await metricsSession(page);
  const samples: Sample[] = [];
  return {
    async measure(i: number, logIt = true): Promise<void> {
      const s = await sample(page, cdp, i);
      samples.push(s);
      if (logIt) log(s);
    },
    async finish(answerMs: SoakResult['answerMs']): Promise<SoakResult> {
      await cdp.detach();
      return { name, count, samples, answerMs, seconds: Math.round((performance.now() - started) / 1000) };
    },
  };
}

const staffCookies = new Map<string, string>();
export async function cookie(served: ServedApp, user: string): Promise<string> {
  let c = staffCookies.get(`${served.port}:${user}`);
  if (!c) {
    c = await served.login(user);
    staffCookies.set(`${served.port}:${user}`, c);
  }
  return c;
}

/** A ticket issued and called at counter 7 (综合窗口, every matter); the call finishes the one served there. */
export async function callNext(served: ServedApp, matterId: string): Promise<{ id: string; number: string }> {
  const clerk = await cookie(served, 'clerk4');
  await served.api('POST', `/halls/${served.hallId}/tickets`, { matterId });
  const ticket = await served.api<{ id: string; number: string } | null>(
    'POST',
    `/counters/${served.t.demo.counters[7]}/call-next`,
    undefined,
    clerk,
  );
  if (!ticket) throw new Error('nothing to call: counter 7 (综合窗口) must be open');
  return ticket;
}

/** The called resident sits down at counter 7: the service starts. */
export async function startService(served: ServedApp, ticketId: string): Promise<void> {
  await served.api('POST', `/tickets/${ticketId}/start`, undefined, await cookie(served, 'clerk4'));
}

/**
 * One call as a hall makes it: a ticket issued, called at counter 7 and started (so the next
 * call-next finishes it). Answers the number called.
 */
export async function makeCall(served: ServedApp, matterId: string): Promise<string> {
  const ticket = await callNext(served, matterId);
  await startService(served, ticket.id);
  return ticket.number;
}

export async function openCounter(served: ServedApp): Promise<void> {
  await served.api(
    'POST',
    `/counters/${served.t.demo.counters[7]}/open`,
    undefined,
    await cookie(served, 'clerk4'),
  );
}

/**
 * Waits until the wall's latest call is `number`. The soak's clerk starts each call at once, so
 * it is never "now calling" (that shows only a call still waiting for its resident): it is the
 * top of the recent calls.
 */
async function wallShows(page: Page, number: string): Promise<void> {
  await page
    .waitForFunction(
      (n) => document.querySelector('[data-testid=recent] .d-r-number')?.textContent === n,
      number,
      { timeout: 30_000 },
    )
    .then(settled);
}

/** Time from a call made to the wall showing it. */
async function wallAnswerMs(served: ServedApp, page: Page, matterId: string): Promise<number> {
  const t0 = performance.now();
  const number = await makeCall(served, matterId);
  await wallShows(page, number);
  return Math.round(performance.now() - t0);
}

/**
 * The wall display through `calls` calls (the matter cycles so numbers stay short). The page
 * must already show the hall's display; counter 7 must be open (openCounter).
 */
export async function soakWall(
  served: ServedApp,
  page: Page,
  calls: number,
  every: number,
  log: (s: Sample) => void = () => {},
): Promise<SoakResult> {
  const stage = await startStage(page, 'wall display', calls, log);
  const matters = Object.values(served.t.demo.matters);
  const matterOf = (i: number) => matters[i % matters.length]!;
  const answerStart = await wallAnswerMs(served, page, matterOf(0));
  await stage.measure(1, false);
  for (let i = 1; i < calls - 1; i++) {
    await makeCall(served, matterOf(i));
    if ((i + 1) % every === 0) {
      // Let the page take in what came so far before measuring it.
      const last = await makeCall(served, matterOf(++i));
      await wallShows(page, last);
      await stage.measure(i + 1);
    }
  }
  const answerEnd = await wallAnswerMs(served, page, matterOf(calls));
  await stage.measure(calls, false);
  return stage.finish({ start: answerStart, end: answerEnd });
}

/** One ticket at the kiosk, touched as a resident would; answers the time to the ticket. */
async function kioskTicket(page: Page, prefix: string): Promise<number> {
  const t0 = performance.now();
  await page.click(`[data-testid=matter-${prefix}]`);
  await page.click('[data-testid=confirm]');
  await waitFor(page, '[data-testid=ticket] img', { timeout: 30_000 });
  const ms = performance.now() - t0;
  await page.click('[data-testid=done]');
  await waitFor(page, `[data-testid=matter-${prefix}]`);
  return Math.round(ms);
}

/** The kiosk through `tickets` tickets, each printed (window.print counted by the page). */
export async function soakKiosk(
  page: Page,
  tickets: number,
  every: number,
  log: (s: Sample) => void = () => {},
): Promise<SoakResult> {
  const stage = await startStage(page, 'kiosk', tickets, log);
  const prefixes = ['A', 'B', 'C', 'D'];
  const answerStart = await kioskTicket(page, 'A');
  await stage.measure(1, false);
  for (let i = 1; i < tickets - 1; i++) {
    await kioskTicket(page, prefixes[i % prefixes.length]!);
    if ((i + 1) % every === 0) await stage.measure(i + 1);
  }
  const answerEnd = await kioskTicket(page, 'A');
  await stage.measure(tickets, false);
  return stage.finish({ start: answerStart, end: answerEnd });
}

/** The base a soak is judged from: the sample after warm-up (the second one). */
export const baseOf = (r: SoakResult): Sample => r.samples[1] ?? r.samples[0]!;

export function soakTable(results: SoakResult[]): string {
  const rows = results.map((r) => {
    const base = baseOf(r);
    const end = r.samples.at(-1)!;
    const max = (k: keyof Sample) => Math.max(...r.samples.slice(1).map((s) => s[k]));
    return `| ${r.name} | ${r.count} | ${base.heapMB} → ${end.heapMB} (max ${max('heapMB')}) | ${base.nodes} → ${end.nodes} (max ${max('nodes')}) | ${base.listeners} → ${end.listeners} | ${base.timers} → ${end.timers} | ${end.sockets} | ${r.answerMs.start} → ${r.answerMs.end} | ${r.seconds} |`;
  });
  return [
    '| page | work | JS heap MB after GC (warm-up → end) | DOM nodes | DOM listeners | timers | open sockets | answer ms (start → end) | run s |',
    '| --- | ---: | --- | --- | --- | --- | ---: | --- | ---: |',
    ...rows,
  ].join('\n');
}
