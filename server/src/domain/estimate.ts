// Estimates: each waiting ticket's position and expected wait, found by running the queue
// policy forward over the open counters. Pure; the same function serves issuing, the ticket
// page, the matters list, the board and the simulator.
import { pickNext, type PolicyWeights, type QueueCounter, type QueueTicket } from './policy.ts';

const MINUTE = 60_000;

export interface EstimateCounter extends QueueCounter {
  /**
   * When the counter will be free for its next call (epoch ms); `now` when idle. For a PAUSED
   * counter: when it is expected to resume (e.g. the end of the hall's lunch break), later than
   * now; a paused counter with no known resume time (freeAt ≤ now) is left out, as is a closed one.
   */
  freeAt: number;
  /**
   * A break ahead in which this OPEN counter takes no calls (its clerk goes to lunch at start and
   * is back at end, epoch ms): a call that would begin inside it waits for its end; a service
   * running into it finishes first. Left out for a counter that serves through the break.
   */
  breakWindow?: BreakWindow | null;
}

/** A break in calling, [start, end) in epoch ms. */
export interface BreakWindow {
  start: number;
  end: number;
}

/** When a counter free at `freeAt` can next call: after its break if it would fall inside it. */
export function availableAt(freeAt: number, window: BreakWindow | null | undefined): number {
  return window && freeAt >= window.start && freeAt < window.end ? window.end : freeAt;
}

export interface EstimateInput<T extends QueueTicket> {
  now: number;
  tickets: readonly T[];
  counters: readonly EstimateCounter[];
  /** Expected service minutes per matter. */
  serviceMinutes: ReadonlyMap<string, number>;
  weights: PolicyWeights;
  /** Used for a matter missing from serviceMinutes. */
  defaultServiceMinutes?: number;
  /**
   * Priority tickets expected to arrive (green channel, appointments checking in, transfers), per matter: they
   * are played forward as tickets arriving evenly at the rate, so a ticket's estimate expects the
   * ones that will jump ahead of it. Without them estimates are too optimistic (`npm run simulate`).
   */
  expectedArrivals?: readonly ExpectedArrivals[];
  /** Minutes one ticket will occupy its counter, where known better than its matter's mean. */
  serviceOf?: (t: T) => number | undefined;
  /** Stop after this many tickets are called (the rest are answered with no wait, as if unserved). */
  maxCalls?: number;
  /**
   * Only this ticket's estimate is wanted: the play stops once it is called (every call before it
   * is the same as in the whole play), and the answer holds the tickets called up to it.
   */
  until?: string;
}

export interface ExpectedArrivals {
  matterId: string;
  class: 'green' | 'appointment' | 'normal';
  /** Tickets transferred into the matter (they carry the transfer boost). */
  transferred?: boolean;
  perMinute: number;
}

/** Expected arrivals are played forward this far (minutes). */
const EXPECTED_HORIZON_MINUTES = 180;

/** The expected priority tickets as placeholder tickets, in arrival order. */
function expectedTickets(now: number, streams: readonly ExpectedArrivals[]): QueueTicket[] {
  const out: QueueTicket[] = [];
  streams.forEach((s, i) => {
    if (!(s.perMinute > 0)) return;
    const gap = 1 / s.perMinute;
    for (let k = 0; (k + 0.5) * gap < EXPECTED_HORIZON_MINUTES && k < 500; k++) {
      const at = now + (k + 0.5) * gap * MINUTE;
      out.push({
        id: `\uffff-expected-${i}-${k}`,
        matterId: s.matterId,
        class: s.class,
        queueTime: at,
        dueAt: s.class === 'appointment' ? at : null,
        reservedCounterId: null,
        transferred: s.transferred ?? false,
      });
    }
  });
  return out.sort((a, b) => a.queueTime - b.queueTime);
}

export interface TicketEstimate {
  /** Tickets of the same matter called before this one. */
  ahead: number;
  /** Minutes from now until the ticket is expected to be called; null when no open counter takes it. */
  waitMinutes: number | null;
  /** Expected call time (epoch ms), null as above. */
  callAt: number | null;
}

function byQueueOrder(a: QueueTicket, b: QueueTicket): number {
  if (a.queueTime !== b.queueTime) return a.queueTime - b.queueTime;
  if ((a.seq ?? 0) !== (b.seq ?? 0)) return (a.seq ?? 0) - (b.seq ?? 0);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Plays the policy forward: the counter that frees up first calls the ticket the policy picks at
 * that moment, and stays busy for the matter's expected service time.
 */
export function estimateQueue<T extends QueueTicket>(input: EstimateInput<T>): Map<string, TicketEstimate> {
  const { now, weights, serviceMinutes } = input;
  const fallback = input.defaultServiceMinutes ?? 10;
  // A counter paused until a known time (a lunch break) takes tickets from then on. Leaving it out
  // tells everyone issued during the break that only the few counters still open will serve them:
  // in the simulator's lunch-break hall that overstated waits by up to three hours, and the MAE of
  // tickets issued over lunch fell from 17 to 5 min once the break's end was known (`npm run simulate`).
  const counters = input.counters
    .filter((c) => c.status === 'open' || (c.status === 'paused' && c.freeAt > now))
    .map((c) => ({
      counter: c.status === 'open' ? c : { ...c, status: 'open' as const },
      freeAt: availableAt(Math.max(now, c.freeAt), c.breakWindow),
    }));
  // Tickets that differ only in queue time score in queue-time order for every counter, so
  // each lane (same matter, class, due time, transfer and reservation) offers only its head to
  // the policy: the real pickNext runs over the lane heads, O(lanes) per call instead of O(n).
  const lanes = new Map<string, T[]>();
  for (const t of input.tickets) {
    const key = `${t.matterId}|${t.class}|${t.class === 'appointment' ? (t.dueAt ?? '') : ''}|${t.transferred}|${t.reservedCounterId ?? ''}`;
    const lane = lanes.get(key);
    if (lane) lane.push(t);
    else lanes.set(key, [t]);
  }
  const laneList = [...lanes.values()].map((lane) => lane.sort(byQueueOrder));
  const heads = new Map<T, T[]>();
  for (const lane of laneList) heads.set(lane[0]!, lane);
  const order: { ticket: T; callAt: number }[] = [];
  // Expected arrivals join the play when their time comes; they are never in the answer.
  const expected = expectedTickets(now, input.expectedArrivals ?? []);
  const phantom = new Set<QueueTicket>(expected);
  let nextExpected = 0;
  let expectedHeads = 0;

  const maxCalls = input.maxCalls ?? Infinity;
  while (heads.size > expectedHeads && counters.length > 0 && order.length < maxCalls) {
    let idx = 0;
    for (let i = 1; i < counters.length; i++) {
      const c = counters[i]!;
      const best = counters[idx]!;
      if (c.freeAt < best.freeAt || (c.freeAt === best.freeAt && c.counter.id < best.counter.id)) idx = i;
    }
    const slot = counters[idx]!;
    while (nextExpected < expected.length && expected[nextExpected]!.queueTime <= slot.freeAt) {
      const e = expected[nextExpected++] as T;
      heads.set(e, [e]);
      expectedHeads++;
    }
    const next = pickNext(slot.counter, [...heads.keys()], weights, slot.freeAt);
    if (!next) {
      counters.splice(idx, 1);
      continue;
    }
    const lane = heads.get(next)!;
    heads.delete(next);
    lane.shift();
    if (lane.length) heads.set(lane[0]!, lane);
    const minutes = (!phantom.has(next) && input.serviceOf?.(next)) || serviceMinutes.get(next.matterId);
    const callAt = slot.freeAt;
    // A counter whose clerk goes to lunch calls again only when the break is over.
    slot.freeAt = availableAt(callAt + (minutes ?? fallback) * MINUTE, slot.counter.breakWindow);
    if (phantom.has(next)) {
      expectedHeads--;
      continue;
    }
    order.push({ ticket: next, callAt });
    if (next.id === input.until) break;
  }
  const result = new Map<string, TicketEstimate>();
  const aheadByMatter = new Map<string, number>();
  for (const { ticket, callAt } of order) {
    const ahead = aheadByMatter.get(ticket.matterId) ?? 0;
    aheadByMatter.set(ticket.matterId, ahead + 1);
    result.set(ticket.id, { ahead, waitMinutes: Math.max(0, (callAt - now) / MINUTE), callAt });
  }
  if (input.until !== undefined && result.has(input.until)) return result;
  const called = new Set(order.map((o) => o.ticket));
  const remaining = input.tickets.filter((t) => !called.has(t));
  // Tickets no open counter takes: position by queue time within their matter, wait unknown.
  const left = [...remaining].sort((a, b) => a.queueTime - b.queueTime);
  for (const t of left) {
    const ahead = aheadByMatter.get(t.matterId) ?? 0;
    aheadByMatter.set(t.matterId, ahead + 1);
    result.set(t.id, { ahead, waitMinutes: null, callAt: null });
  }
  return result;
}

/** What a new walk-in ticket of each matter would wait now. */
export function estimateNewTicket<T extends QueueTicket>(
  input: EstimateInput<T>,
  matterId: string,
): TicketEstimate {
  const probe: QueueTicket = {
    id: '\uffff-new',
    matterId,
    class: 'normal',
    queueTime: input.now,
    dueAt: null,
    reservedCounterId: null,
    transferred: false,
  };
  const serviceOf = input.serviceOf;
  const est = estimateQueue<QueueTicket>({
    ...input,
    tickets: [...input.tickets, probe],
    serviceOf: serviceOf ? (t) => (t === probe ? undefined : serviceOf(t as T)) : undefined,
  });
  return est.get(probe.id) ?? { ahead: 0, waitMinutes: null, callAt: null };
}

/**
 * Expected service minutes of a matter from recent finished tickets (mean of the last ones),
 * shrunk towards the configured average when there are few.
 */
export function serviceMinutesFrom(recentMinutes: readonly number[], configuredAverage: number): number {
  const prior = 5; // weight of the configured average, in tickets
  const sum = recentMinutes.reduce((a, b) => a + b, 0);
  return (sum + configuredAverage * prior) / (recentMinutes.length + prior);
}
