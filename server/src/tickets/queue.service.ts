import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { CountersService, Counter } from '../counters/counters.service.ts';
import type { Db } from '../db/index.ts';
import { estimateNewTicket, type TicketEstimate } from '../domain/estimate.ts';
import { serviceDay } from '../domain/numbering.ts';
import { rankForCounter, type QueueTicket } from '../domain/policy.ts';
import type { HallsService, Hall } from '../halls/halls.service.ts';
import type { MattersService, Matter } from '../matters/matters.service.ts';
import { recentServiceMinutes, waitingTickets, type WaitingRow } from './tickets.repository.ts';
import { recentPriorityArrivals } from './priority-arrivals.ts';
import {
  PRIORITY_WINDOW_MINUTES,
  queueEstimates,
  type LunchBreak,
  type PriorityRecent,
} from './queue-estimates.ts';

// The computation itself lives in queue-estimates.ts; these are re-exported for its users.
export {
  PRIORITY_WINDOW_MINUTES,
  queueEstimates,
  RUNNING_SERVICE_FLOOR,
  type EstimateCounterSource,
  type LunchBreak,
  type PriorityRecent,
} from './queue-estimates.ts';

const MINUTE = 60_000;

export interface QueueTicketInfo extends QueueTicket {
  number: string;
  issuedAt: number;
}

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
  issuedAt: new Date(r.issued_at).getTime(),
  dueAt: r.due_at ? new Date(r.due_at).getTime() : null,
  reservedCounterId: r.reserved_counter_id,
  transferred: r.transferred,
  category: r.priority_category,
});

export const roundWait = (m: number | null) => (m === null ? null : Math.round(m));

/**
 * Builds queue snapshots. A snapshot is cached per hall until the hall's event seq moves (any
 * change to tickets or counters appends an event) or a few seconds pass (waits grow with time).
 */
export class QueueService {
  private cache = new Map<string, QueueSnapshot>();
  /** Per hall: the snapshot being built, and the one queued behind it that later callers share. */
  private building = new Map<string, Promise<QueueSnapshot>>();
  private queued = new Map<string, Promise<QueueSnapshot>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
    private readonly matters: MattersService,
    private readonly counters: CountersService,
  ) {}

  async snapshot(hallId: string): Promise<QueueSnapshot> {
    const now = this.clock.now();
    const seqRow = await this.db
      .selectFrom('halls')
      .select('event_seq')
      .where('id', '=', hallId)
      .executeTakeFirst();
    const cached = this.cache.get(hallId);
    if (cached && seqRow && cached.seq === seqRow.event_seq && Math.abs(now.getTime() - cached.at) < 5_000) {
      return cached;
    }
    return this.nextBuild(hallId);
  }

  /**
   * A build that starts after this call, so it sees everything committed before it (a ticket
   * just issued is in it). Builds of a hall run one at a time: callers arriving while one runs
   * share the single build queued behind it, so a burst of writes costs two builds, not one
   * per request.
   */
  private nextBuild(hallId: string): Promise<QueueSnapshot> {
    const queued = this.queued.get(hallId);
    if (queued) return queued;
    const start = (): Promise<QueueSnapshot> => {
      this.queued.delete(hallId);
      const build = this.build(hallId, this.clock.now()).finally(() => {
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

  private async build(hallId: string, now: Date): Promise<QueueSnapshot> {
    // Configuration is read first; the queue itself in one consistent read with its seq.
    // (Never use this.db inside the callback: PGlite has one connection, held by the tx.)
    const hall = await this.halls.get(hallId);
    const matters = await this.matters.list(hallId);
    const read = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        const seq = (
          await tx.selectFrom('halls').select('event_seq').where('id', '=', hallId).executeTakeFirstOrThrow()
        ).event_seq;
        const day = serviceDay(now, hall.timezone);
        return {
          seq,
          counters: await this.counters.list(hallId, undefined, tx),
          waiting: await waitingTickets(tx, hallId, day),
          recent: await recentServiceMinutes(tx, hallId, new Date(now.getTime() - 24 * 3600_000)),
          priority: await recentPriorityArrivals(tx, hallId, day, now, PRIORITY_WINDOW_MINUTES),
        };
      });
    // The schedule is asked only when a counter is paused (to know when lunch ends).
    const resumeAt = read.counters.some((c) => c.status === 'paused')
      ? await this.pausedUntil(hallId, now)
      : null;
    const lunchBreak = await this.lunchBreak(hallId, now);
    const snap = this.compute(
      now.getTime(),
      read.seq,
      hall,
      matters,
      read.counters,
      read.waiting.map(toQueueTicket),
      read.recent,
      resumeAt,
      read.priority,
      lunchBreak,
    );
    this.cache.set(hallId, snap);
    return snap;
  }

  compute(
    now: number,
    seq: number,
    hall: Hall,
    matters: Matter[],
    counters: Counter[],
    tickets: QueueTicketInfo[],
    recent: Map<string, number[]>,
    /** When paused counters are expected back (the end of the lunch break), if known. */
    resumeAt: number | null = null,
    /** Priority tickets (green, appointment) issued in the last hour per matter, and the minutes that covers. */
    priorityRecent: PriorityRecent | null = null,
    /** Today's lunch break while still ahead, and the counters that serve through it. */
    lunchBreak: LunchBreak | null = null,
  ): QueueSnapshot {
    const { serviceMinutes, input, estimates } = queueEstimates({
      now,
      policy: hall.settings.policy,
      matters,
      counters,
      tickets,
      recent,
      resumeAt,
      priorityRecent,
      lunchBreak,
    });
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
    const snap = await this.snapshot(hallId);
    const e = snap.estimates.get(ticketId);
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

  invalidate(hallId: string): void {
    this.cache.delete(hallId);
  }
}
