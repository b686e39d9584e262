import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { CountersService, Counter } from '../counters/counters.service.ts';
import type { Db } from '../db/index.ts';
import { estimateNewTicket, type TicketEstimate } from '../domain/estimate.ts';
import { serviceDay } from '../domain/numbering.ts';
import { rankForCounter } from '../domain/policy.ts';
import type { HallsService, Hall } from '../halls/halls.service.ts';
import type { MattersService, Matter } from '../matters/matters.service.ts';
import type { HallEvent } from '../realtime/hall-events.ts';
import { queueEstimates, type LunchBreak, PRIORITY_WINDOW_MINUTES } from './queue-estimates.ts';
import { HallQueueState, RECENT_HOURS, RECENT_PER_MATTER, type QueueTicketInfo } from './queue-state.ts';
import { arrivalsSince, recentServices, waitingTickets, type WaitingRow } from './tickets.repository.ts';

// The computation itself lives in queue-estimates.ts; these are re-exported for its users.
export {
  PRIORITY_WINDOW_MINUTES,
  queueEstimates,
  RUNNING_SERVICE_FLOOR,
  type EstimateCounterSource,
  type LunchBreak,
  type PriorityRecent,
} from './queue-estimates.ts';
export type { QueueTicketInfo } from './queue-state.ts';

const MINUTE = 60_000;

/** Everything the estimates need about a hall at one moment, and the estimates themselves. */
export interface QueueSnapshot {
  at: number;
  seq: number;
  hall: Hall;
  matters: Matter[];
  counters: Counter[];
  tickets: QueueTicketInfo[];
  serviceMinutes: Map<string, number>;
  estimates: Map<string, TicketEstimate>;
  /** Per matter: waiting count and what a new ticket would wait. */
  byMatter: Map<string, { waiting: number; estimatedWaitMinutes: number | null; longestWaitMinutes: number }>;
}

export const toQueueTicket = (r: WaitingRow): QueueTicketInfo => ({
  id: r.id,
  seq: r.seq,
  number: r.number,
  matterId: r.matter_id,
  class: r.class,
  queueTime: new Date(r.queue_time).getTime(),
  dueAt: r.due_at ? new Date(r.due_at).getTime() : null,
  reservedCounterId: r.reserved_counter_id,
  transferred: r.transferred,
  category: r.priority_category,
});

export const roundWait = (m: number | null) => (m === null ? null : Math.round(m));

/** A hall's state is read again after this long even when its events kept it current. */
const STATE_MAX_AGE_MS = 60_000;
/** A computed snapshot is reused while the hall's seq stays and it is younger than this. */
const SNAPSHOT_MAX_AGE_MS = 5_000;

/**
 * Queue snapshots and estimates. Each hall's queue is kept in memory (queue-state.ts), moved by
 * its committed events as the publisher delivers them (`follow`), and read from the database
 * again on a gap, after a change the events do not describe, on a new service day, or once a
 * minute. An estimate for a ticket the state holds needs no statement at all; a snapshot asks
 * only the hall's seq, to see that no other process committed something not delivered yet.
 */
export class QueueService {
  /** How many times a hall's queue was read from the database (the rest came from memory). */
  reads = 0;
  private states = new Map<string, HallQueueState>();
  /** Per hall, the last snapshot computed from its state. */
  private views = new Map<string, QueueSnapshot>();
  /** Per hall: events delivered while a read runs, applied to what it reads. */
  private pending = new Map<string, HallEvent[]>();
  /** Per hall: the read being built, and the one queued behind it that later callers share. */
  private building = new Map<string, Promise<HallQueueState>>();
  private queued = new Map<string, Promise<HallQueueState>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
    private readonly matters: MattersService,
    private readonly counters: CountersService,
  ) {}

  /** Keeps each hall's state current from its committed events (services.ts wires the publisher). */
  follow(publisher: { onEvent(sink: (ev: HallEvent) => void): void }): void {
    publisher.onEvent((ev) => this.observe(ev));
  }

  private observe(ev: HallEvent): void {
    this.pending.get(ev.hallId)?.push(ev);
    const state = this.states.get(ev.hallId);
    if (state && !state.apply(ev)) this.invalidate(ev.hallId);
  }

  /** The hall's state if it may answer at `now` (same service day, not too old). */
  private usable(hallId: string, now: Date): HallQueueState | null {
    const state = this.states.get(hallId);
    if (!state) return null;
    if (now.getTime() - state.readAt > STATE_MAX_AGE_MS || serviceDay(now, state.hall.timezone) !== state.day)
      return null;
    return state;
  }

  /**
   * The hall's queue as this process holds it (read first if it holds none): its hall, active
   * matters and counters with their status, for questions that need no seq check (issuing's gate).
   */
  async current(hallId: string): Promise<HallQueueState> {
    return this.usable(hallId, this.clock.now()) ?? (await this.nextRead(hallId));
  }

  async snapshot(hallId: string): Promise<QueueSnapshot> {
    const now = this.clock.now();
    const seqRow = await this.db
      .selectFrom('halls')
      .select('event_seq')
      .where('id', '=', hallId)
      .executeTakeFirst();
    const state = this.usable(hallId, now);
    if (state && seqRow && state.seq >= seqRow.event_seq) return this.view(state, now);
    return this.view(await this.nextRead(hallId), now);
  }

  /** The snapshot of a state at `now`, reused while its seq stays and it is young. */
  private view(state: HallQueueState, now: Date): QueueSnapshot {
    const cached = this.cachedView(state, now);
    if (cached) return cached;
    const snap = this.compute(state, now.getTime());
    this.views.set(state.hall.id, snap);
    return snap;
  }

  private cachedView(state: HallQueueState, now: Date): QueueSnapshot | null {
    const cached = this.views.get(state.hall.id);
    return cached && cached.seq === state.seq && Math.abs(now.getTime() - cached.at) < SNAPSHOT_MAX_AGE_MS
      ? cached
      : null;
  }

  /** What the estimates are computed from: the state's hall, counters and queue at `at`. */
  private estimateArgs(state: HallQueueState, at: number) {
    const inputs = state.inputs(at);
    return {
      now: at,
      policy: state.hall.settings.policy,
      matters: state.matters,
      counters: state.counters,
      tickets: inputs.tickets,
      recent: inputs.recent,
      resumeAt: state.resumeAt,
      priorityRecent: inputs.priorityRecent,
      lunchBreak: state.lunchBreak,
    };
  }

  /**
   * One waiting ticket's estimate from the state, as the whole snapshot would give it, but with
   * only its plays run, each up to its call (an issue's answer: every issue moves the seq, so a
   * whole snapshot per issue was most of issuing's time).
   */
  private estimateOne(state: HallQueueState, now: Date, ticketId: string): TicketEstimate | undefined {
    const cached = this.cachedView(state, now);
    if (cached) return cached.estimates.get(ticketId);
    return queueEstimates({ ...this.estimateArgs(state, now.getTime()), only: ticketId }).estimates.get(
      ticketId,
    );
  }

  /**
   * A read that starts after this call, so it sees everything committed before it. Reads of a
   * hall run one at a time: callers arriving while one runs share the single read queued behind
   * it, so a burst costs two reads, not one per request.
   */
  private nextRead(hallId: string): Promise<HallQueueState> {
    const queued = this.queued.get(hallId);
    if (queued) return queued;
    const start = (): Promise<HallQueueState> => {
      this.queued.delete(hallId);
      const build = this.read(hallId, this.clock.now()).finally(() => {
        if (this.building.get(hallId) === build) this.building.delete(hallId);
      });
      this.building.set(hallId, build);
      return build;
    };
    const running = this.building.get(hallId);
    if (!running) return start();
    const next = running.then(start, start);
    this.queued.set(hallId, next);
    return next;
  }

  private async read(hallId: string, now: Date): Promise<HallQueueState> {
    // Events delivered from here on may be newer than what the read sees: kept, and applied.
    const pending: HallEvent[] = [];
    this.pending.set(hallId, pending);
    this.reads++;
    try {
      // Configuration is read first; the queue itself in one consistent read with its seq.
      // (Never use this.db inside the callback: PGlite has one connection, held by the tx.)
      const hall = await this.halls.get(hallId);
      const matters = await this.matters.list(hallId);
      const day = serviceDay(now, hall.timezone);
      const read = await this.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          const seq = (
            await tx
              .selectFrom('halls')
              .select('event_seq')
              .where('id', '=', hallId)
              .executeTakeFirstOrThrow()
          ).event_seq;
          const since = new Date(now.getTime() - RECENT_HOURS * 3600_000);
          const windowStart = new Date(now.getTime() - PRIORITY_WINDOW_MINUTES * MINUTE);
          return {
            seq,
            counters: await this.counters.list(hallId, undefined, tx),
            waiting: await waitingTickets(tx, hallId, day),
            recent: await recentServices(tx, hallId, since, RECENT_PER_MATTER),
            arrivals: await arrivalsSince(tx, hallId, day, windowStart),
          };
        });
      // The schedule is asked only when a counter is paused (to know when lunch ends).
      const resumeAt = read.counters.some((c) => c.status === 'paused')
        ? await this.pausedUntil(hallId, now)
        : null;
      const state = new HallQueueState({
        seq: read.seq,
        day,
        at: now.getTime(),
        hall,
        matters,
        counters: read.counters,
        tickets: read.waiting.map(toQueueTicket),
        startedAt: new Map(
          read.waiting.flatMap((r) => (r.started_at ? [[r.id, new Date(r.started_at).toISOString()]] : [])),
        ),
        recent: read.recent,
        arrivals: read.arrivals.arrivals,
        firstIssuedAt: read.arrivals.firstIssuedAt,
        resumeAt,
        lunchBreak: await this.lunchBreak(hallId, now),
      });
      const current = pending.every((ev) => state.apply(ev));
      if (current) this.states.set(hallId, state);
      else this.states.delete(hallId);
      return state;
    } finally {
      if (this.pending.get(hallId) === pending) this.pending.delete(hallId);
    }
  }

  /** The whole snapshot of a state at `now`: every waiting ticket's estimate and each matter's figures. */
  private compute(state: HallQueueState, now: number): QueueSnapshot {
    const args = this.estimateArgs(state, now);
    const { seq, hall, matters, counters } = state;
    const { tickets } = args;
    const { serviceMinutes, input, estimates } = queueEstimates(args);
    const byMatter = new Map<
      string,
      { waiting: number; estimatedWaitMinutes: number | null; longestWaitMinutes: number }
    >();
    for (const m of matters) {
      const mine = tickets.filter((t) => t.matterId === m.id);
      const longest = mine.reduce((max, t) => Math.max(max, (now - t.queueTime) / MINUTE), 0);
      byMatter.set(m.id, {
        waiting: mine.length,
        estimatedWaitMinutes: roundWait(estimateNewTicket(input, m.id).waitMinutes),
        longestWaitMinutes: Math.round(longest),
      });
    }
    return { at: now, seq, hall, matters, counters, tickets, serviceMinutes, estimates, byMatter };
  }

  /** Position and wait of one waiting ticket (0 / 0 once it is called). */
  async estimateFor(
    hallId: string,
    ticketId: string,
  ): Promise<{ ahead: number; estimatedWaitMinutes: number | null }> {
    // A ticket the state holds (one just issued, delivered at its commit) needs no statement.
    const now = this.clock.now();
    const state = this.usable(hallId, now);
    const e = state?.has(ticketId)
      ? this.estimateOne(state, now, ticketId)
      : (await this.snapshot(hallId)).estimates.get(ticketId);
    if (!e) return { ahead: 0, estimatedWaitMinutes: null };
    return { ahead: e.ahead, estimatedWaitMinutes: roundWait(e.waitMinutes) };
  }

  /** The tickets a counter may take, in the order the policy would call them now. */
  async forCounter(
    counter: Counter,
  ): Promise<(QueueTicketInfo & { waitedMinutes: number; estimatedWaitMinutes: number | null })[]> {
    const snap = await this.snapshot(counter.hallId);
    const ranked = rankForCounter(
      { id: counter.id, matterIds: counter.matterIds, status: 'open' },
      snap.tickets,
      snap.hall.settings.policy,
      snap.at,
    );
    return ranked.map((t) => ({
      ...t,
      waitedMinutes: Math.round((snap.at - t.queueTime) / MINUTE),
      estimatedWaitMinutes: roundWait(snap.estimates.get(t.id)?.waitMinutes ?? null),
    }));
  }

  /** Walk-in tickets issued today per matter (for the daily quota). */
  async walkInsIssuedToday(hallId: string): Promise<Map<string, number>> {
    const hall = await this.halls.get(hallId);
    const rows = await this.db
      .selectFrom('tickets')
      .select(['matter_id', sql<number>`count(*)::int`.as('n')])
      .where('hall_id', '=', hallId)
      .where('service_day', '=', serviceDay(this.clock.now(), hall.timezone))
      .where('channel', '!=', 'check-in')
      .groupBy('matter_id')
      .execute();
    return new Map(rows.map((r) => [r.matter_id, r.n]));
  }

  /** Tells the estimates when paused counters come back (set by the schedule: lunch break). */
  setPausedUntil(fn: (hallId: string, now: Date) => Promise<number | null>): void {
    this.pausedUntil = fn;
  }
  private pausedUntil: (hallId: string, now: Date) => Promise<number | null> = async () => null;

  /** Tells the estimates of the lunch break ahead (set from the schedule and the hall's history). */
  setLunchBreak(fn: (hallId: string, now: Date) => Promise<LunchBreak | null>): void {
    this.lunchBreak = fn;
  }
  private lunchBreak: (hallId: string, now: Date) => Promise<LunchBreak | null> = async () => null;

  /** Drops the hall's state: the next question reads it again. */
  invalidate(hallId: string): void {
    this.states.delete(hallId);
    this.views.delete(hallId);
  }
}
