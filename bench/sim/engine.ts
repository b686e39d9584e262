// The hall-day simulator: a discrete-event simulation in virtual time. Counters call through the
// REAL queue policy (pickNext), and at each issuing the estimate the system would show is computed
// by the REAL estimate functions, fed what the server would know at that moment. Nothing of the
// policy is copied here. All randomness comes from the scenario's seed: the same seed, the same day.
import { DateTime } from 'luxon';
import {
  estimateNewTicket,
  estimateQueue,
  serviceMinutesFrom,
  type EstimateCounter,
  type EstimateInput,
} from '../../server/src/domain/estimate.ts';
import {
  pickNext,
  weightsFrom,
  type PolicyWeights,
  type QueueTicket,
} from '../../server/src/domain/policy.ts';
import { exponential, lognormal, mulberry32, normal, subSeed, uniform, type Rng } from './rng.ts';
import { minutesOfDay, type Scenario, type ScenarioCounter } from './scenario.ts';

export const MINUTE = 60_000;
/** The server averages this many of a matter's most recent finished services of the day. */
export const RECENT_SERVICES = 20;
/** Check-in with a booking is possible from 30 min before the slot to 15 min after (DESIGN.md). */
const CHECK_IN_EARLY_MINUTES = 30;
const CHECK_IN_LATE_MINUTES = 15;
const HALL_TIME_ZONE = 'Asia/Shanghai';

export interface SimTicket extends QueueTicket {
  /** When the ticket was issued (walk-in) or checked in (booking). */
  issuedAt: number;
  originalMatterId: string;
  /** Slot start of the booking it came from (appointment tickets). */
  slotStart: number | null;
  /** Came with a booking but too late to check in, so was issued as a normal ticket. */
  lateBooking: boolean;
  status: 'waiting' | 'called' | 'serving' | 'away' | 'done' | 'no_show' | 'left';
  firstCalledAt: number | null;
  requeues: number;
  transfers: number;
}

/** One stay in the waiting list: from issuing, a requeue or a transfer until the call (or close). */
export interface WaitEpisode {
  ticketId: string;
  matterId: string;
  class: SimTicket['class'];
  kind: 'issue' | 'requeue' | 'transfer';
  queueTime: number;
  calledAt: number | null;
}

export interface CallRecord {
  ticketId: string;
  counterId: string;
  matterId: string;
  calledAt: number;
  /** When the counter was free again (service end, or the no-show marked). */
  endAt: number;
  outcome: 'done' | 'transferred' | 'no_show';
}

/** What the resident was told at issuing, and what happened. Minutes. */
export interface IssueRecord {
  ticketId: string;
  matterId: string;
  class: SimTicket['class'];
  issuedAt: number;
  /** Tickets of the same matter ahead, as the real estimate counts them. */
  ahead: number;
  /**
   * The real estimate, fed what the server feeds it: its service minutes, and the OPEN counters
   * (a counter paused for lunch is left out). Null when no open counter takes the matter.
   */
  real: number | null;
  /** The real estimate also fed the counters paused for lunch, free at the end of the break. */
  realLunchKnown: number | null;
  /** The same forward simulation fed the scenario's TRUE service means. */
  oracle: number | null;
  /** Last-to-enter-service: the wait of the most recent ticket of the matter to be called. */
  les: number;
  /** The wait it really had until its first call; null when it left at close uncalled. */
  actual: number | null;
}

export interface CounterLog {
  id: string;
  matterIds: readonly string[];
  openIntervals: [number, number][];
  busyIntervals: [number, number][];
}

export interface DayLog {
  scenario: string;
  openAt: number;
  lastIssueAt: number;
  closeAt: number;
  /** Every resident who came: issued tickets plus those turned away (too late for any ticket). */
  arrivals: number;
  turnedAway: number;
  tickets: SimTicket[];
  episodes: WaitEpisode[];
  calls: CallRecord[];
  /** Empty when estimates were switched off. */
  issues: IssueRecord[];
  counters: CounterLog[];
}

export interface SimOptions {
  /** Replace the scenario's counters (e.g. the dedicated-counters baseline). */
  counters?: readonly ScenarioCounter[];
  /** Compute the estimates at issuing (costly; the baseline needs none). Default true. */
  estimates?: boolean;
}

interface SimCounter {
  id: string;
  matterIds: readonly string[];
  status: 'open' | 'paused' | 'closed';
  openAtLunch: boolean;
  idleSince: number;
  openSince: number | null;
  busy: { ticket: SimTicket; matterId: string; calledAt: number; endAt: number; noShow: boolean } | null;
  log: CounterLog;
}

type SimEvent =
  | { kind: 'issue'; ticket: SimTicket }
  | { kind: 'end'; counter: SimCounter }
  | { kind: 'requeue'; ticket: SimTicket }
  | { kind: 'lunch'; start: boolean }
  | { kind: 'close' };

/** A binary min-heap of events by time, then by insertion order (so ties are deterministic). */
class EventQueue {
  private heap: { at: number; seq: number; event: SimEvent }[] = [];
  private seq = 0;
  get size(): number {
    return this.heap.length;
  }
  push(at: number, event: SimEvent): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, event });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): { at: number; event: SimEvent } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
}

/** The day's epoch-ms landmarks. */
export function dayTimes(s: Scenario): {
  openAt: number;
  lastIssueAt: number;
  closeAt: number;
  lunch: { start: number; end: number } | null;
} {
  const midnight = DateTime.fromISO(`${s.date}T00:00`, { zone: HALL_TIME_ZONE }).toMillis();
  const at = (hhmm: string) => midnight + minutesOfDay(hhmm) * MINUTE;
  return {
    openAt: at(s.day.open),
    lastIssueAt: at(s.day.lastIssue ?? s.day.close),
    closeAt: at(s.day.close),
    lunch: s.day.lunch ? { start: at(s.day.lunch.start), end: at(s.day.lunch.end) } : null,
  };
}

/**
 * Everyone who comes during the day, from the arrival stream of the seed: Poisson arrivals per
 * matter, piecewise constant by hour; each one walks in (green with its share) or comes with a
 * booking whose check-in time is the slot start plus punctuality noise.
 */
function generateArrivals(s: Scenario, weights: PolicyWeights): { tickets: SimTicket[]; turnedAway: number } {
  const { openAt, lastIssueAt, closeAt } = dayTimes(s);
  const rng = mulberry32(subSeed(s.seed, 0));
  const raw: { at: number; matterId: string }[] = [];
  for (const m of s.matters) {
    m.arrivalsPerHour.forEach((perHour, h) => {
      if (perHour <= 0) return;
      const end = Math.min(openAt + (h + 1) * 60 * MINUTE, lastIssueAt);
      let t = openAt + h * 60 * MINUTE;
      for (;;) {
        t += exponential(rng, perHour / 60) * MINUTE;
        if (t >= end) break;
        raw.push({ at: t, matterId: m.id });
      }
    });
  }
  raw.sort((a, b) => a.at - b.at);

  const bookable = new Map(s.matters.map((m) => [m.id, m.bookable]));
  const appt = s.appointments;
  const slot = appt.slotMinutes * MINUTE;
  const tickets: SimTicket[] = [];
  let turnedAway = 0;
  for (const { at, matterId } of raw) {
    let cls: SimTicket['class'] = 'normal';
    let issuedAt = at;
    let slotStart: number | null = null;
    let lateBooking = false;
    if (bookable.get(matterId) && rng() < appt.share) {
      // The booked slot is the one the arrival time falls in; the resident turns up around it.
      const start = openAt + Math.floor((at - openAt) / slot) * slot;
      const arrives =
        start + (appt.punctualityMeanMinutes + appt.punctualitySdMinutes * normal(rng)) * MINUTE;
      if (arrives > start + CHECK_IN_LATE_MINUTES * MINUTE) {
        lateBooking = true; // too late for check-in: offered a normal ticket
        issuedAt = arrives;
        if (issuedAt >= lastIssueAt) {
          turnedAway++;
          continue;
        }
      } else {
        cls = 'appointment';
        slotStart = start;
        issuedAt = Math.max(arrives, start - CHECK_IN_EARLY_MINUTES * MINUTE, openAt);
        if (issuedAt >= closeAt) {
          turnedAway++;
          continue;
        }
      }
    } else if (rng() < s.greenShare) {
      cls = 'green';
    }
    tickets.push({
      id: '',
      matterId,
      class: cls,
      queueTime: issuedAt,
      dueAt: slotStart === null ? null : slotStart - weights.appointmentDueLeadMinutes * MINUTE,
      reservedCounterId: null,
      transferred: false,
      issuedAt,
      originalMatterId: matterId,
      slotStart,
      lateBooking,
      status: 'waiting',
      firstCalledAt: null,
      requeues: 0,
      transfers: 0,
    });
  }
  tickets.sort((a, b) => a.issuedAt - b.issuedAt);
  // Ticket numbers as the kiosk prints them: the matter's prefix and a sequence of the day.
  const seq = new Map<string, number>();
  for (const t of tickets) {
    const n = (seq.get(t.matterId) ?? 0) + 1;
    seq.set(t.matterId, n);
    t.id = `${t.matterId}${String(n).padStart(3, '0')}`;
  }
  return { tickets, turnedAway };
}

class HallDay {
  private readonly weights: PolicyWeights;
  private readonly times: ReturnType<typeof dayTimes>;
  private readonly events = new EventQueue();
  private readonly counters: SimCounter[];
  private readonly tickets: SimTicket[];
  private readonly turnedAway: number;
  /** Each ticket's own random stream: the same ticket makes the same draws under any policy. */
  private readonly rngs = new Map<string, Rng>();
  private readonly matters: Map<string, Scenario['matters'][number]>;
  /** Finished service minutes per matter, in order: what the server's statistics hold. */
  private readonly finished = new Map<string, number[]>();
  private readonly lastEnteredWait = new Map<string, number>();
  private readonly openEpisodes = new Map<string, WaitEpisode>();
  private waiting: SimTicket[] = [];
  private now = 0;
  private closed = false;
  readonly episodes: WaitEpisode[] = [];
  readonly calls: CallRecord[] = [];
  readonly issues: IssueRecord[] = [];

  constructor(
    private readonly s: Scenario,
    private readonly options: SimOptions,
  ) {
    this.weights = weightsFrom(s.weights);
    this.times = dayTimes(s);
    this.matters = new Map(s.matters.map((m) => [m.id, m]));
    for (const m of s.matters) this.finished.set(m.id, []);
    const generated = generateArrivals(s, this.weights);
    this.tickets = generated.tickets;
    this.turnedAway = generated.turnedAway;
    this.tickets.forEach((t, i) => this.rngs.set(t.id, mulberry32(subSeed(s.seed, i + 1))));
    const { openAt } = this.times;
    this.counters = (options.counters ?? s.counters).map((c) => ({
      id: c.id,
      matterIds: c.matterIds,
      status: 'open',
      openAtLunch: c.openAtLunch,
      idleSince: openAt,
      openSince: openAt,
      busy: null,
      log: { id: c.id, matterIds: c.matterIds, openIntervals: [], busyIntervals: [] },
    }));
  }

  run(): DayLog {
    const { openAt, lastIssueAt, closeAt, lunch } = this.times;
    this.now = openAt;
    if (lunch) {
      this.events.push(lunch.start, { kind: 'lunch', start: true });
      this.events.push(lunch.end, { kind: 'lunch', start: false });
    }
    this.events.push(closeAt, { kind: 'close' });
    for (const t of this.tickets) this.events.push(t.issuedAt, { kind: 'issue', ticket: t });

    for (let e = this.events.pop(); e; e = this.events.pop()) {
      this.now = e.at;
      this.handle(e.event);
      this.dispatch();
    }
    return {
      scenario: this.s.name,
      openAt,
      lastIssueAt,
      closeAt,
      arrivals: this.tickets.length + this.turnedAway,
      turnedAway: this.turnedAway,
      tickets: this.tickets,
      episodes: this.episodes,
      calls: this.calls,
      issues: this.issues,
      counters: this.counters.map((c) => c.log),
    };
  }

  private handle(e: SimEvent): void {
    switch (e.kind) {
      case 'issue': {
        if (this.options.estimates !== false) this.recordEstimate(e.ticket);
        this.enqueue(e.ticket, 'issue');
        return;
      }
      case 'requeue': {
        // Back at the end of its class: a fresh queue time, same number.
        e.ticket.requeues++;
        e.ticket.queueTime = this.now;
        this.enqueue(e.ticket, 'requeue');
        return;
      }
      case 'end':
        return this.finish(e.counter);
      case 'lunch':
        // Clerks going to lunch pause their counters; the hall's hours say when they come back.
        for (const c of this.counters) if (!c.openAtLunch) this.setStatus(c, e.start ? 'paused' : 'open');
        return;
      case 'close': {
        this.closed = true;
        for (const c of this.counters) this.setStatus(c, 'closed');
        for (const t of this.waiting) this.leave(t);
        this.waiting = [];
        return;
      }
    }
  }

  private enqueue(t: SimTicket, kind: WaitEpisode['kind']): void {
    this.openEpisode(t, kind);
    // A requeue or transfer after close: the hall has stopped calling, the resident leaves.
    if (this.closed) return this.leave(t);
    t.status = 'waiting';
    this.waiting.push(t);
  }

  private openEpisode(t: SimTicket, kind: WaitEpisode['kind']): void {
    const episode: WaitEpisode = {
      ticketId: t.id,
      matterId: t.matterId,
      class: t.class,
      kind,
      queueTime: this.now,
      calledAt: null,
    };
    this.episodes.push(episode);
    this.openEpisodes.set(t.id, episode);
  }

  private leave(t: SimTicket): void {
    t.status = 'left';
    this.openEpisodes.delete(t.id);
  }

  private setStatus(c: SimCounter, status: SimCounter['status']): void {
    if (c.status === status) return;
    if (status === 'open') {
      c.openSince = this.now;
      if (!c.busy) c.idleSince = this.now;
    } else if (c.openSince !== null) {
      c.log.openIntervals.push([c.openSince, this.now]);
      c.openSince = null;
    }
    c.status = status;
  }

  /** Idle open counters call, the one idle longest first, each taking what pickNext gives it. */
  private dispatch(): void {
    if (this.closed || this.waiting.length === 0) return;
    const idle = this.counters
      .filter((c) => c.status === 'open' && !c.busy)
      .sort((a, b) => a.idleSince - b.idleSince);
    for (const c of idle) {
      if (this.waiting.length === 0) return;
      const t = pickNext(c, this.waiting, this.weights, this.now);
      if (t) this.call(c, t);
    }
  }

  private call(c: SimCounter, t: SimTicket): void {
    const rng = this.rngs.get(t.id)!;
    this.waiting.splice(this.waiting.indexOf(t), 1);
    const episode = this.openEpisodes.get(t.id);
    if (episode) episode.calledAt = this.now;
    this.openEpisodes.delete(t.id);
    t.firstCalledAt ??= this.now;
    this.lastEnteredWait.set(t.matterId, (this.now - t.queueTime) / MINUTE);
    const noShow = rng() < this.s.noShow.probability;
    const matter = this.matters.get(t.matterId)!;
    const minutes = noShow
      ? this.s.noShow.markAfterMinutes
      : lognormal(rng, matter.service.meanMinutes, matter.service.sigma);
    t.status = noShow ? 'called' : 'serving';
    c.busy = {
      ticket: t,
      matterId: t.matterId,
      calledAt: this.now,
      endAt: this.now + minutes * MINUTE,
      noShow,
    };
    this.events.push(c.busy.endAt, { kind: 'end', counter: c });
  }

  private finish(c: SimCounter): void {
    const busy = c.busy!;
    const t = busy.ticket;
    const rng = this.rngs.get(t.id)!;
    c.busy = null;
    c.idleSince = this.now;
    c.log.busyIntervals.push([busy.calledAt, this.now]);
    const record: CallRecord = {
      ticketId: t.id,
      counterId: c.id,
      matterId: busy.matterId,
      calledAt: busy.calledAt,
      endAt: this.now,
      outcome: 'done',
    };
    this.calls.push(record);
    if (busy.noShow) {
      record.outcome = 'no_show';
      const ns = this.s.noShow;
      if (t.requeues === 0 && rng() < ns.requeueProbability) {
        t.status = 'away';
        const [lo, hi] = ns.requeueDelayMinutes;
        this.events.push(this.now + uniform(rng, lo, hi) * MINUTE, { kind: 'requeue', ticket: t });
      } else {
        t.status = 'no_show';
      }
      return;
    }
    if (t.transfers === 0 && rng() < this.s.transfer.probability) {
      record.outcome = 'transferred';
      const from = this.matters.get(busy.matterId)!;
      const targets = from.transferTo ?? this.s.matters.map((m) => m.id).filter((id) => id !== from.id);
      const to = targets[Math.floor(rng() * targets.length)];
      if (to !== undefined) {
        t.transfers++;
        t.matterId = to;
        t.transferred = true;
        t.queueTime = this.now;
        this.enqueue(t, 'transfer');
        return;
      }
    }
    t.status = 'done';
    this.finished.get(busy.matterId)!.push((this.now - busy.calledAt) / MINUTE);
  }

  /** What the system would tell the resident now, three ways; the real wait is filled in later. */
  private recordEstimate(t: SimTicket): void {
    const real = new Map<string, number>();
    const oracle = new Map<string, number>();
    for (const m of this.s.matters) {
      real.set(
        m.id,
        serviceMinutesFrom(this.finished.get(m.id)!.slice(-RECENT_SERVICES), m.configuredMinutes),
      );
      oracle.set(m.id, m.service.meanMinutes);
    }
    const realEstimate = this.estimate(t, real, false);
    const paused = this.counters.some((c) => c.status === 'paused');
    const record: IssueRecord = {
      ticketId: t.id,
      matterId: t.matterId,
      class: t.class,
      issuedAt: this.now,
      ahead: realEstimate?.ahead ?? 0,
      real: realEstimate?.waitMinutes ?? null,
      realLunchKnown: paused
        ? (this.estimate(t, real, true)?.waitMinutes ?? null)
        : (realEstimate?.waitMinutes ?? null),
      oracle: this.estimate(t, oracle, false)?.waitMinutes ?? null,
      les: this.lastEnteredWait.get(t.matterId) ?? 0,
      actual: null,
    };
    this.issues.push(record);
  }

  private estimate(t: SimTicket, serviceMinutes: Map<string, number>, lunchKnown: boolean) {
    const now = this.now;
    const lunchEnd = this.times.lunch?.end ?? now;
    // As the server computes it: an idle counter is free now; a busy one when its ticket's expected
    // service ends (a called ticket counts as started at its call), and never before now. A counter
    // paused for lunch is left out (freeAt ≤ now), or with `lunchKnown` free at the end of the break.
    const counters: EstimateCounter[] = this.counters.map((c) => {
      let freeAt = c.busy
        ? Math.max(now, c.busy.calledAt + serviceMinutes.get(c.busy.matterId)! * MINUTE)
        : now;
      if (c.status === 'paused') freeAt = lunchKnown ? Math.max(freeAt, lunchEnd) : now;
      return { id: c.id, matterIds: c.matterIds, status: c.status, freeAt };
    });
    const input: EstimateInput<QueueTicket> = {
      now,
      tickets: this.waiting,
      counters,
      serviceMinutes,
      weights: this.weights,
    };
    if (t.class === 'normal') return estimateNewTicket(input, t.matterId);
    return estimateQueue({ ...input, tickets: [...this.waiting, t] }).get(t.id);
  }
}

/** Runs the scenario's day. Deterministic: the same scenario and options give the same log. */
export function simulateDay(s: Scenario, options: SimOptions = {}): DayLog {
  const log = new HallDay(s, options).run();
  const byId = new Map(log.tickets.map((t) => [t.id, t]));
  for (const r of log.issues) {
    const t = byId.get(r.ticketId)!;
    r.actual = t.firstCalledAt === null ? null : (t.firstCalledAt - t.issuedAt) / MINUTE;
  }
  return log;
}
