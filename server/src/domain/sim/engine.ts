// The hall-day simulator: a discrete-event simulation in virtual time. Counters call through the
// REAL queue policy (pickNext), or first-come-first-served for the references; at each issuing an
// observer (the bench's estimators) may look at what the server would know. Pure and seeded: the
// same scenario and options give the same day. Also run by the staffing advisor (server/src/staffing).
// Over 350 lines: one event loop whose handlers share the day's state; arrivals and events are split out.
import { pickNext, weightsFrom, type PolicyWeights, type QueueCounter } from '../policy.ts';
import { callMinutes, dayTimes, generateArrivals, MINUTE, type SimTicket } from './arrivals.ts';
import { EventQueue } from './events.ts';
import { mulberry32, subSeed, uniform } from './rng.ts';
import type { Scenario, ScenarioCounter } from './scenario.ts';

export { dayTimes, MINUTE, type SimTicket } from './arrivals.ts';

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

/** What estimators said at issuing, and what happened. Minutes. */
export interface IssueRecord {
  ticketId: string;
  matterId: string;
  class: SimTicket['class'];
  issuedAt: number;
  /** Tickets of the same matter ahead, as the first estimator counts them. */
  ahead: number;
  /** Whether an open counter taking the matter was free at issuing (else the arrival must wait). */
  mustWait: boolean;
  /** Each estimator's answer by name; null when it gave none (or was not asked for this ticket). */
  estimates: Record<string, number | null>;
  /** The wait it really had until its first call; null when never called. */
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
  bookedNoShows: number;
  tickets: SimTicket[];
  episodes: WaitEpisode[];
  calls: CallRecord[];
  issues: IssueRecord[];
  counters: CounterLog[];
}

export interface SimCounter extends QueueCounter {
  matterIds: readonly string[];
  openAtLunch: boolean;
  atLunch: boolean;
  absent: boolean;
  idleSince: number;
  openSince: number | null;
  busy: {
    ticket: SimTicket;
    matterId: string;
    calledAt: number;
    startedAt: number;
    endAt: number;
    noShow: boolean;
  } | null;
  log: CounterLog;
}

/** What an observer sees at an issuing: the hall as the server would know it, plus the simulator's truth. */
export interface IssueView {
  scenario: Scenario;
  weights: PolicyWeights;
  now: number;
  ticket: SimTicket;
  waiting: readonly SimTicket[];
  counters: readonly SimCounter[];
  /** Minutes finished tickets occupied their counter per matter, in order (called → finished, as the server reads them). */
  finished: ReadonlyMap<string, readonly number[]>;
  lunch: { start: number; end: number } | null;
  /** Wait of the last ticket of each matter|class to be called (Ibrahim & Whitt's LES). */
  lastEntered: ReadonlyMap<string, number>;
  /** The day's stays in the queue so far (issues, requeues, transfers), as the server's tickets record them. */
  episodes: readonly WaitEpisode[];
  /** Minutes the ticket's next call will really occupy its counter (known only to a clairvoyant). */
  nextOccupied(t: SimTicket): number;
}

export interface SimOptions {
  /** Replace the scenario's counters (e.g. the pooled hall, or a staffing proposal). */
  counters?: readonly ScenarioCounter[];
  /** The real queue policy (default), or first-come-first-served among the counter's matters. */
  policy?: 'hallq' | 'fcfs';
  /** Asked at each issuing (before the ticket joins the queue); its answers go into `issues`. */
  observe?: (view: IssueView) => { ahead: number; estimates: Record<string, number | null> };
  /** Counters open per hour of the day (index 0 = the hour from opening), overriding the scenario's. */
  openPerHour?: readonly number[];
}

type SimEvent =
  | { kind: 'issue'; ticket: SimTicket }
  | { kind: 'end'; counter: SimCounter }
  | { kind: 'requeue'; ticket: SimTicket }
  | { kind: 'renege'; ticket: SimTicket }
  | { kind: 'lunch'; start: boolean }
  | { kind: 'absence'; counter: SimCounter; start: boolean }
  | { kind: 'staff' }
  | { kind: 'close' };

/** FCFS: the ticket that joined the queue first among the counter's matters. */
function pickFcfs<T extends SimTicket>(c: QueueCounter, waiting: readonly T[]): T | null {
  let best: T | null = null;
  for (const t of waiting) {
    if (!c.matterIds.includes(t.matterId)) continue;
    if (!best || t.queueTime < best.queueTime) best = t;
  }
  return best;
}

class HallDay {
  private readonly weights: PolicyWeights;
  private readonly times: ReturnType<typeof dayTimes>;
  private readonly events = new EventQueue<SimEvent>();
  private readonly counters: SimCounter[];
  private readonly tickets: SimTicket[];
  private readonly turnedAway: number;
  private readonly bookedNoShows: number;
  private readonly finished = new Map<string, number[]>();
  private readonly lastEntered = new Map<string, number>();
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
    for (const m of s.matters) this.finished.set(m.id, []);
    const generated = generateArrivals(s, this.weights);
    this.tickets = generated.tickets;
    this.turnedAway = generated.turnedAway;
    this.bookedNoShows = generated.bookedNoShows;
    const { openAt } = this.times;
    this.counters = (options.counters ?? s.counters).map((c) => ({
      id: c.id,
      matterIds: c.matterIds,
      status: 'open',
      openAtLunch: c.openAtLunch,
      atLunch: false,
      absent: false,
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
    const ab = this.s.absences;
    this.counters.forEach((c, i) => {
      const r = mulberry32(subSeed(this.s.seed, 1_000_000 + i));
      if (ab.probability <= 0 || r() >= ab.probability) return;
      const len = uniform(r, ab.minutes[0], ab.minutes[1]) * MINUTE;
      const start = openAt + r() * Math.max(0, closeAt - openAt - len);
      this.events.push(start, { kind: 'absence', counter: c, start: true });
      this.events.push(start + len, { kind: 'absence', counter: c, start: false });
    });
    if (this.options.openPerHour)
      for (let h = 0; openAt + h * 60 * MINUTE < closeAt; h++)
        this.events.push(openAt + h * 60 * MINUTE, { kind: 'staff' });
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
      bookedNoShows: this.bookedNoShows,
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
        if (this.options.observe) this.observe(e.ticket);
        this.enqueue(e.ticket, 'issue');
        if (Number.isFinite(e.ticket.patience))
          this.events.push(this.now + e.ticket.patience * MINUTE, { kind: 'renege', ticket: e.ticket });
        return;
      }
      case 'requeue': {
        // Back at the end of its class: a fresh queue time, same number.
        e.ticket.requeues++;
        e.ticket.queueTime = this.now;
        this.enqueue(e.ticket, 'requeue');
        return;
      }
      case 'renege': {
        const t = e.ticket;
        if (t.status !== 'waiting' || t.firstCalledAt !== null) return;
        this.waiting.splice(this.waiting.indexOf(t), 1);
        this.openEpisodes.delete(t.id);
        t.status = 'reneged';
        return;
      }
      case 'end':
        return this.finish(e.counter);
      case 'lunch':
        // Clerks going to lunch pause their counters; the hall's hours say when they come back.
        for (const c of this.counters) if (!c.openAtLunch) c.atLunch = e.start;
        return this.restaff();
      case 'absence':
        e.counter.absent = e.start;
        return this.restaff();
      case 'staff':
        return this.restaff();
      case 'close': {
        this.closed = true;
        for (const c of this.counters) this.setStatus(c, 'closed');
        for (const t of this.waiting) this.leave(t);
        this.waiting = [];
        return;
      }
    }
  }

  /** Each counter's status from lunch, absences and the staffing plan of the hour. */
  private restaff(): void {
    if (this.closed) return;
    const plan = this.options.openPerHour;
    const hour = Math.floor((this.now - this.times.openAt) / (60 * MINUTE));
    const staffed = plan
      ? (plan[Math.min(hour, plan.length - 1)] ?? this.counters.length)
      : this.counters.length;
    this.counters.forEach((c, i) =>
      this.setStatus(c, i >= staffed ? 'closed' : c.atLunch || c.absent ? 'paused' : 'open'),
    );
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

  /** Idle open counters call, the one idle longest first, each taking what the policy gives it. */
  private dispatch(): void {
    if (this.closed || this.waiting.length === 0) return;
    const idle = this.counters
      .filter((c) => c.status === 'open' && !c.busy)
      .sort((a, b) => a.idleSince - b.idleSince);
    const fcfs = this.options.policy === 'fcfs';
    for (const c of idle) {
      if (this.waiting.length === 0) return;
      const t = fcfs ? pickFcfs(c, this.waiting) : pickNext(c, this.waiting, this.weights, this.now);
      if (t) this.call(c, t);
    }
  }

  private nextOccupied = (t: SimTicket): number =>
    callMinutes(this.s, t, t.draws[Math.min(t.calls, t.draws.length - 1)]!).occupied;

  private call(c: SimCounter, t: SimTicket): void {
    this.waiting.splice(this.waiting.indexOf(t), 1);
    const episode = this.openEpisodes.get(t.id);
    if (episode) episode.calledAt = this.now;
    this.openEpisodes.delete(t.id);
    t.firstCalledAt ??= this.now;
    this.lastEntered.set(`${t.matterId}|${t.class}`, (this.now - t.queueTime) / MINUTE);
    const draw = t.draws[Math.min(t.calls, t.draws.length - 1)]!;
    t.calls++;
    const { noShow, occupied, service } = callMinutes(this.s, t, draw);
    t.status = noShow ? 'called' : 'serving';
    const endAt = this.now + occupied * MINUTE;
    c.busy = {
      ticket: t,
      matterId: t.matterId,
      calledAt: this.now,
      startedAt: endAt - service * MINUTE,
      endAt,
      noShow,
    };
    this.events.push(endAt, { kind: 'end', counter: c });
  }

  private finish(c: SimCounter): void {
    const busy = c.busy!;
    const t = busy.ticket;
    const next = () => t.later.shift() ?? 0.5;
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
      if (t.requeues === 0 && next() < ns.requeueProbability) {
        t.status = 'away';
        const [lo, hi] = ns.requeueDelayMinutes;
        this.events.push(this.now + (lo + (hi - lo) * next()) * MINUTE, { kind: 'requeue', ticket: t });
      } else {
        t.status = 'no_show';
      }
      return;
    }
    if (t.transfers === 0 && next() < this.s.transfer.probability) {
      record.outcome = 'transferred';
      const from = this.s.matters.find((m) => m.id === busy.matterId)!;
      const targets = from.transferTo ?? this.s.matters.map((m) => m.id).filter((id) => id !== from.id);
      const to = targets[Math.floor(next() * targets.length)];
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

  private observe(t: SimTicket): void {
    const { ahead, estimates } = this.options.observe!({
      scenario: this.s,
      weights: this.weights,
      now: this.now,
      ticket: t,
      waiting: this.waiting,
      counters: this.counters,
      finished: this.finished,
      lunch: this.times.lunch,
      lastEntered: this.lastEntered,
      episodes: this.episodes,
      nextOccupied: this.nextOccupied,
    });
    const mustWait = !this.counters.some(
      (c) => c.status === 'open' && !c.busy && c.matterIds.includes(t.matterId),
    );
    this.issues.push({
      ticketId: t.id,
      matterId: t.matterId,
      class: t.class,
      issuedAt: this.now,
      ahead,
      mustWait,
      estimates,
      actual: null,
    });
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

/** The days of a scenario: seeds seed, seed + 1, … */
export function scenarioDays(scenario: Scenario): Scenario[] {
  return Array.from({ length: scenario.days }, (_, d) => ({ ...scenario, seed: scenario.seed + d }));
}

/** Every counter serves every matter (its own primary first): the pooled hall. */
export function pooledCounters(
  s: Scenario,
  counters: readonly ScenarioCounter[] = s.counters,
): ScenarioCounter[] {
  const all = s.matters.map((m) => m.id);
  return counters.map((c) => ({
    ...c,
    matterIds: [...c.matterIds, ...all.filter((m) => !c.matterIds.includes(m))],
  }));
}
