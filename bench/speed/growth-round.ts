// The load side of the growth benchmark (growth.ts): one steady stream of a hall's day spread
// over N halls. Every 1/rate seconds the next hall in turn issues a ticket (a kiosk), then its
// clerk calls the next one and starts it; the stream's total rate stays the same whatever N is,
// so what changes with N is only how many halls the server keeps active, not the work. Runs in
// the load process (load-child.ts): nothing here imports the server.
import type { Driver } from './drivers.ts';
import { latencyOf, sleep } from './stats.ts';

export interface GrowthRound extends Record<string, number> {
  issueP50: number;
  issueP99: number;
  callP50: number;
  callP99: number;
  /** Actions started (issue → call-next → start), over all halls. */
  actions: number;
  /** Call-nexts that found nobody waiting. */
  empty: number;
}

export async function growthRound(
  drivers: readonly Driver[],
  o: { perSec: number; ms: number },
): Promise<GrowthRound> {
  const issue: number[] = [];
  const call: number[] = [];
  let empty = 0;
  let actions = 0;
  let failure: unknown = null;
  const running = new Set<Promise<void>>();
  const busy = new Set<number>();
  const act = async (h: number, k: number) => {
    const d = drivers[h]!;
    let s = performance.now();
    await d.issue(k);
    issue.push(performance.now() - s);
    s = performance.now();
    const id = await d.callNext(0);
    call.push(performance.now() - s);
    if (id) await d.start(0, id);
    else empty++;
  };
  const t0 = performance.now();
  for (let k = 0; performance.now() - t0 < o.ms && !failure; k++) {
    // Open loop: the next action is due at its time whatever the last ones took. A hall whose
    // previous action is still running waits its turn (one clerk, one counter).
    const due = t0 + (k * 1000) / o.perSec;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const h = k % drivers.length;
    if (busy.has(h)) continue;
    busy.add(h);
    actions++;
    const p: Promise<void> = act(h, k)
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => {
        busy.delete(h);
        running.delete(p);
      });
    running.add(p);
  }
  await Promise.all(running);
  if (failure) throw failure;
  const i = latencyOf(issue);
  const c = latencyOf(call);
  return { issueP50: i.p50, issueP99: i.p99, callP50: c.p50, callP99: c.p99, actions, empty };
}
