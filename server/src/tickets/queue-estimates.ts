// The production estimate computation, pure: what QueueService answers and what the simulator
// (`npm run simulate`, bench/sim/estimators.ts) scores, from what the server reads of a hall.
import type { Counter } from '../counters/counters.service.ts';
import {
  serviceMinutesFrom,
  type EstimateCounter,
  type EstimateInput,
  type ExpectedArrivals,
  type TicketEstimate,
} from '../domain/estimate.ts';
import { playedEstimates, type RunningService } from '../domain/estimate-plays.ts';
import type { PolicyWeights, QueueTicket } from '../domain/policy.ts';
import type { Matter } from '../matters/matters.service.ts';

const MINUTE = 60_000;
/** Priority tickets issued recently per matter and class, over `minutes`: the expected arrival rates. */
export interface PriorityRecent {
  counts: { matterId: string; class: 'green' | 'appointment'; n: number }[];
  /** Tickets transferred INTO each matter over the same minutes (they join with the transfer boost). */
  transfers?: { matterId: string; n: number }[];
  minutes: number;
}

/** Priority arrival rates are read over the last hour (or since opening, but at least this long). */
export const PRIORITY_WINDOW_MINUTES = 60;
const PRIORITY_MIN_MINUTES = 30;
/** A service in progress is expected to need at least this share of a mean service more. */
export const RUNNING_SERVICE_FLOOR = 0.3;

/** The hall's lunch break today (epoch ms) and the counters expected to serve through it. */
export interface LunchBreak {
  start: number;
  end: number;
  staysOpen: ReadonlySet<string>;
}

/** What the estimates need of a counter (a Counter has it). */
export type EstimateCounterSource = Pick<Counter, 'id' | 'matterIds' | 'status'> & {
  currentTicket: Pick<NonNullable<Counter['currentTicket']>, 'matterId' | 'calledAt' | 'startedAt'> | null;
};

/**
 * The production estimate computation, pure: service minutes from recent finished tickets, counters
 * free when their ticket's expected service ends (or, paused for lunch, when the break ends), and
 * the priority tickets expected to arrive; each ticket's wait is the median over plays with
 * services drawn from the recent ones (domain/estimate-plays.ts). The server and the simulator (`npm run simulate`) both
 * run exactly this.
 */
export function queueEstimates(a: {
  now: number;
  policy: PolicyWeights;
  matters: readonly Pick<Matter, 'id' | 'avgServiceMinutes'>[];
  counters: readonly EstimateCounterSource[];
  tickets: readonly QueueTicket[];
  recent: ReadonlyMap<string, readonly number[]>;
  resumeAt: number | null;
  priorityRecent: PriorityRecent | null;
  /** Today's lunch break if it is still ahead, and the counters that serve through it. */
  lunchBreak?: LunchBreak | null;
  /** Only this ticket's estimate is wanted (an issue's answer): `estimates` holds just it. */
  only?: string;
}): {
  serviceMinutes: Map<string, number>;
  input: EstimateInput<QueueTicket>;
  estimates: Map<string, TicketEstimate>;
} {
  const { now, resumeAt } = a;
  // Counters open now whose clerks will go to lunch: no calls between the break's start and end.
  // Without it a ticket issued shortly before the break was told a wait that ignored it (mean
  // signed error −0.78 min in the simulator's lunch-break hall; see `npm run simulate`).
  const lunch = a.lunchBreak && now < a.lunchBreak.start ? a.lunchBreak : null;
  const serviceMinutes = new Map<string, number>();
  for (const m of a.matters)
    serviceMinutes.set(m.id, serviceMinutesFrom(a.recent.get(m.id) ?? [], m.avgServiceMinutes));
  const estimateCounters: EstimateCounter[] = [];
  const running: RunningService[] = [];
  for (const c of a.counters) {
    if (c.status === 'paused' && resumeAt !== null && resumeAt > now) {
      // Paused for lunch: it serves again when the break ends.
      estimateCounters.push({ id: c.id, matterIds: c.matterIds, status: 'paused', freeAt: resumeAt });
      continue;
    }
    if (c.status !== 'open') continue;
    let freeAt = now;
    const t = c.currentTicket;
    if (t) {
      // Occupied since the call, as the recent services are counted (recentServiceMinutes).
      const began = new Date(t.calledAt ?? t.startedAt ?? now).getTime();
      // A service already past its expected end still has a while to run (service times have long
      // tails): counting it as ending now made estimates too optimistic (mean signed error −0.55
      // min in busy-city; +0.12 with this floor of 0.3 mean services, `npm run simulate`).
      const mean = (serviceMinutes.get(t.matterId) ?? 10) * MINUTE;
      freeAt = Math.max(now + RUNNING_SERVICE_FLOOR * mean, began + mean);
      running.push({ counterId: c.id, matterId: t.matterId, began });
    }
    const breakWindow = lunch && !lunch.staysOpen.has(c.id) ? { start: lunch.start, end: lunch.end } : null;
    estimateCounters.push({ id: c.id, matterIds: c.matterIds, status: c.status, freeAt, breakWindow });
  }
  const window = Math.max(PRIORITY_MIN_MINUTES, a.priorityRecent?.minutes ?? 0);
  const expectedArrivals: ExpectedArrivals[] = (a.priorityRecent?.counts ?? []).map((p) => ({
    matterId: p.matterId,
    class: p.class,
    perMinute: p.n / window,
  }));
  // Transferred tickets jump ahead too (the transfer boost). Not expecting them left small-county's
  // estimates optimistic: mean signed error −0.41 min, +0.09 on the same hall without transfers.
  for (const t of a.priorityRecent?.transfers ?? [])
    expectedArrivals.push({
      matterId: t.matterId,
      class: 'normal',
      transferred: true,
      perMinute: t.n / window,
    });
  const input: EstimateInput<QueueTicket> = {
    now,
    tickets: a.tickets,
    counters: estimateCounters,
    serviceMinutes,
    weights: a.policy,
    expectedArrivals,
  };
  return { serviceMinutes, input, estimates: playedEstimates(input, running, a.recent, a.only) };
}
