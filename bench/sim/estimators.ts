// What the simulator scores at each issuing, by name:
// - production: QueueService's own computation (queueEstimates: recent service means, the lunch
//   break's end, the priority tickets expected), fed what the server would read, in whole minutes
//   as the resident is shown;
// - clairvoyant: the same forward play knowing every actual service duration (not future
//   arrivals): a floor no estimator can reach;
// - informed: the median of simulated futures from the true distributions and arrival rates
//   (bench/sim/informed.ts): the best any estimator can do with what is knowable;
// - les: last-to-enter-service as Ibrahim & Whitt (2009) define it, per matter and class.
import { estimateQueue, type EstimateCounter } from '../../server/src/domain/estimate.ts';
import type { IssueView, SimTicket } from '../../server/src/domain/sim/engine.ts';
import { MINUTE } from '../../server/src/domain/sim/engine.ts';
import { mulberry32, subSeed } from '../../server/src/domain/sim/rng.ts';
import {
  PRIORITY_WINDOW_MINUTES,
  queueEstimates,
  roundWait,
  type PriorityRecent,
} from '../../server/src/tickets/queue.service.ts';
import { informedEstimate } from './informed.ts';

/** The server averages this many of a matter's most recent finished services. */
export const RECENT_SERVICES = 20;

export interface EstimatorOptions {
  /** Futures per informed estimate (0: no informed oracle). */
  futures: number;
  /** Ask the informed oracle for every n-th issue only (it is costly). */
  informedEvery: number;
}

export const ESTIMATORS = ['production', 'clairvoyant', 'informed', 'les'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

/** An observer for simulateDay that records every estimator's answer. */
export function makeObserver(seed: number, opts: EstimatorOptions) {
  const issued: { at: number; matterId: string; class: SimTicket['class'] }[] = [];
  const rng = mulberry32(subSeed(seed, 3_000_000));
  let n = 0;
  return (view: IssueView): { ahead: number; estimates: Record<EstimatorName, number | null> } => {
    const { now, ticket } = view;
    issued.push({ at: now, matterId: ticket.matterId, class: ticket.class });
    const tickets = [...view.waiting, ticket];

    // What the server reads: counters with their current ticket, recent services, the lunch end
    // while paused for lunch (the schedule's lunchEndAt), priority tickets of the last hour.
    const counters = view.counters.map((c) => ({
      id: c.id,
      matterIds: [...c.matterIds],
      status: c.status,
      currentTicket: c.busy
        ? {
            matterId: c.busy.matterId,
            calledAt: new Date(c.busy.calledAt).toISOString(),
            startedAt: c.busy.startedAt <= now ? new Date(c.busy.startedAt).toISOString() : null,
          }
        : null,
    }));
    const recent = new Map([...view.finished].map(([m, list]) => [m, list.slice(-RECENT_SERVICES)]));
    const lunch = view.lunch;
    const resumeAt = lunch && now >= lunch.start && now < lunch.end ? lunch.end : null;
    // Before the break, the schedule's window and the counters seen serving through it on earlier
    // days (the server reads them from its history; here every day the same counters stay open).
    const lunchBreak =
      lunch && now < lunch.start
        ? {
            ...lunch,
            staysOpen: new Set(view.counters.filter((c) => c.openAtLunch).map((c) => c.id)),
          }
        : null;
    const since = now - PRIORITY_WINDOW_MINUTES * MINUTE;
    const counts = new Map<string, PriorityRecent['counts'][number]>();
    for (const x of issued) {
      if (x.at < since || x.class === 'normal') continue;
      const key = `${x.matterId}|${x.class}`;
      const c = counts.get(key) ?? { matterId: x.matterId, class: x.class, n: 0 };
      c.n++;
      counts.set(key, c);
    }
    // Tickets transferred into each matter over the window (the server reads transferred tickets' queue times).
    const transfers = new Map<string, number>();
    for (const e of view.episodes)
      if (e.kind === 'transfer' && e.queueTime >= since)
        transfers.set(e.matterId, (transfers.get(e.matterId) ?? 0) + 1);
    const priorityRecent: PriorityRecent = {
      counts: [...counts.values()],
      transfers: [...transfers].map(([matterId, n]) => ({ matterId, n })),
      minutes: Math.min(PRIORITY_WINDOW_MINUTES, (now - issued[0]!.at) / MINUTE),
    };
    const prod = queueEstimates({
      now,
      policy: view.weights,
      matters: view.scenario.matters.map((m) => ({ id: m.id, avgServiceMinutes: m.configuredMinutes })),
      counters,
      tickets,
      recent,
      resumeAt,
      priorityRecent,
      lunchBreak,
      only: ticket.id, // as an issue asks it
    }).estimates.get(ticket.id);

    // The clairvoyant: actual occupation of every call, counters free when they really are.
    const trueMeans = new Map(view.scenario.matters.map((m) => [m.id, m.service.meanMinutes]));
    const clairCounters: EstimateCounter[] = view.counters
      .filter((c) => c.status === 'open' || (c.status === 'paused' && c.atLunch && !c.absent && lunch))
      .map((c) => ({
        id: c.id,
        matterIds: c.matterIds,
        status: c.status,
        freeAt: Math.max(c.busy ? c.busy.endAt : now, c.status === 'paused' ? lunch!.end : now),
      }));
    const clair = estimateQueue<SimTicket>({
      now,
      tickets,
      counters: clairCounters,
      serviceMinutes: trueMeans,
      weights: view.weights,
      serviceOf: (t) => view.nextOccupied(t),
    }).get(ticket.id);

    const informed =
      opts.futures > 0 && n++ % opts.informedEvery === 0 ? informedEstimate(view, rng, opts.futures) : null;
    return {
      ahead: prod?.ahead ?? 0,
      estimates: {
        production: roundWait(prod?.waitMinutes ?? null),
        clairvoyant: clair?.waitMinutes ?? null,
        informed,
        les: view.lastEntered.get(`${ticket.matterId}|${ticket.class}`) ?? 0,
      },
    };
  };
}
