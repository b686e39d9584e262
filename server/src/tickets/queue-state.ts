// The queue of one hall as each server process keeps it in memory: read from the database once
// (at the first question, on a gap in the events, after a change the events do not describe) and
// then moved by the hall's committed events as the publisher delivers them, in seq order. An
// issue's answer then estimates from memory instead of reading the whole queue back after its
// own commit (issue 19). Every ticket event carries what the queue needs of the ticket
// (realtime/protocol.ts TicketEventData: queueTime, dueAt, transferred); an event of another
// kind that changes the queue (a counter opened or paused, a matter or the schedule changed)
// drops the state, and the next question reads it again.
import type { Counter } from '../counters/counters.service.ts';
import type { Hall } from '../halls/halls.service.ts';
import type { Matter } from '../matters/matters.service.ts';
import type { HallEvent } from '../realtime/hall-events.ts';
import type { HallEventData } from '../realtime/protocol.ts';
import type { QueueTicket } from '../domain/policy.ts';
import type { PriorityIssue, RecentService } from './tickets.repository.ts';

const MINUTE = 60_000;

/** Recent services kept per matter, and how far back they count. */
export const RECENT_PER_MATTER = 20;
export const RECENT_HOURS = 24;
/** Priority arrival rates are read over the last hour (or since opening, but at least this long). */
export const PRIORITY_WINDOW_MINUTES = 60;

export interface QueueTicketInfo extends QueueTicket {
  seq: number;
  number: string;
}

/** Priority tickets issued recently per matter and class, over `minutes`: the expected arrival rates. */
export interface PriorityRecent {
  counts: { matterId: string; class: 'green' | 'appointment'; n: number }[];
  minutes: number;
}

/** What one read of the database gives (QueueService.build). */
export interface QueueRead {
  seq: number;
  day: string;
  /** When it was read (the clock's milliseconds). */
  at: number;
  hall: Hall;
  matters: Matter[];
  counters: Counter[];
  tickets: QueueTicketInfo[];
  /** Waiting tickets whose earlier service began (the row keeps started_at when it waits again). */
  startedAt: Map<string, string>;
  recent: RecentService[];
  priority: PriorityIssue[];
  firstIssuedAt: number | null;
  /** When paused counters are expected back (the end of the lunch break), if known. */
  resumeAt: number | null;
}

/** What the estimates are computed from at one moment. */
export interface QueueInputs {
  tickets: QueueTicketInfo[];
  recent: Map<string, number[]>;
  priorityRecent: PriorityRecent;
}

type TicketData = HallEventData<'ticket.issued'> & { action?: string };

/** The ticket's place in its number (A012 → 12): matter prefixes are letters only. */
const seqOf = (number: string) => Number(number.replace(/^[A-Z]+/, '')) || 0;

/** Events that change nothing the estimates use. */
const NEUTRAL = new Set(['appointment.updated', 'rating.created']);

export class HallQueueState {
  seq: number;
  readonly day: string;
  readonly readAt: number;
  readonly hall: Hall;
  readonly matters: Matter[];
  readonly resumeAt: number | null;
  /** Replaced, never changed in place: a snapshot handed out keeps what it was computed from. */
  counters: Counter[];
  private readonly tickets = new Map<string, QueueTicketInfo>();
  /** Waiting tickets whose row keeps the start of an earlier service, as a counter shows it. */
  private readonly startedAt: Map<string, string>;
  /** Per matter, newest first. */
  private readonly recent = new Map<string, RecentService[]>();
  private readonly priority = new Map<string, PriorityIssue>();
  private firstIssuedAt: number | null;

  constructor(read: QueueRead) {
    this.seq = read.seq;
    this.day = read.day;
    this.readAt = read.at;
    this.hall = read.hall;
    this.matters = read.matters;
    this.resumeAt = read.resumeAt;
    this.counters = read.counters;
    this.firstIssuedAt = read.firstIssuedAt;
    this.startedAt = read.startedAt;
    for (const t of read.tickets) this.tickets.set(t.id, t);
    for (const r of read.recent) this.addRecent(r);
    for (const p of read.priority) this.priority.set(p.ticketId, p);
  }

  has(ticketId: string): boolean {
    return this.tickets.has(ticketId);
  }

  /**
   * Moves the state by the hall's next event. False when it cannot: a gap in the seq, or an event
   * the state cannot follow (then it must be read again).
   */
  apply(ev: HallEvent): boolean {
    if (ev.seq <= this.seq) return true;
    if (ev.seq !== this.seq + 1) return false;
    if (ev.type.startsWith('ticket.')) {
      if (!this.applyTicket(ev.data as TicketData, Date.parse(ev.at))) return false;
    } else if (!NEUTRAL.has(ev.type)) {
      return false;
    }
    this.seq = ev.seq;
    return true;
  }

  private applyTicket(d: TicketData, at: number): boolean {
    // An event written by an older server version does not say where the ticket stands.
    if (d.queueTime === undefined) return false;
    const id = d.ticketId;
    this.tickets.delete(id);
    let before: Counter['currentTicket'] = null;
    const freed = this.counters.map((c) => {
      if (c.currentTicket?.id !== id) return c;
      before = c.currentTicket;
      return { ...c, currentTicket: null };
    });
    this.counters = freed;
    const prior = before as Counter['currentTicket'];
    const started = prior?.startedAt ?? this.startedAt.get(id) ?? null;
    this.startedAt.delete(id);
    switch (d.status) {
      case 'waiting':
        if (started !== null) this.startedAt.set(id, started);
        this.tickets.set(id, {
          id,
          seq: seqOf(d.number),
          number: d.number,
          matterId: d.matterId,
          class: d.class,
          queueTime: Date.parse(d.queueTime),
          dueAt: d.dueAt ? Date.parse(d.dueAt) : null,
          reservedCounterId: d.reservedCounterId,
          transferred: d.transferred ?? false,
          category: d.category,
        });
        break;
      case 'called':
      case 'serving': {
        if (!this.counters.some((c) => c.id === d.counterId)) return false;
        const startedAt = d.action === 'start' ? new Date(at).toISOString() : started;
        this.counters = this.counters.map((c) =>
          c.id === d.counterId
            ? {
                ...c,
                currentTicket: {
                  id,
                  number: d.number,
                  status: d.status,
                  matterId: d.matterId,
                  callCount: d.callCount,
                  calledAt: d.calledAt,
                  startedAt,
                },
              }
            : c,
        );
        break;
      }
      case 'done': {
        const from = d.calledAt ?? started;
        if (d.action === 'finish' && from !== null)
          this.addRecent({ matterId: d.matterId, finishedAt: at, minutes: (at - Date.parse(from)) / MINUTE });
        break;
      }
      default:
        break;
    }
    if (d.class === 'green' || d.class === 'appointment') {
      const p = this.priority.get(id);
      if (p) p.matterId = d.matterId;
      else if (d.action === undefined)
        this.priority.set(id, { ticketId: id, matterId: d.matterId, class: d.class, issuedAt: at });
    }
    if (d.action === undefined && this.firstIssuedAt === null) this.firstIssuedAt = at;
    return true;
  }

  private addRecent(r: RecentService): void {
    const list = this.recent.get(r.matterId) ?? [];
    this.recent.set(r.matterId, list);
    let i = 0;
    while (i < list.length && list[i]!.finishedAt >= r.finishedAt) i++;
    list.splice(i, 0, r);
    if (list.length > RECENT_PER_MATTER) list.length = RECENT_PER_MATTER;
  }

  /** The estimates' inputs at `now`: the waiting tickets, the recent services and the priority rates. */
  inputs(now: number): QueueInputs {
    const tickets = [...this.tickets.values()].sort((a, b) => a.queueTime - b.queueTime || a.seq - b.seq);
    const recent = new Map<string, number[]>();
    const since = now - RECENT_HOURS * 60 * MINUTE;
    for (const [matterId, list] of this.recent) {
      const minutes = list.filter((r) => r.finishedAt >= since).map((r) => r.minutes);
      if (minutes.length) recent.set(matterId, minutes);
    }
    const windowStart = now - PRIORITY_WINDOW_MINUTES * MINUTE;
    const counts = new Map<string, { matterId: string; class: 'green' | 'appointment'; n: number }>();
    for (const [id, p] of this.priority) {
      if (p.issuedAt < windowStart) {
        this.priority.delete(id);
        continue;
      }
      if (p.issuedAt > now) continue;
      const key = `${p.matterId}:${p.class}`;
      const c = counts.get(key) ?? { matterId: p.matterId, class: p.class, n: 0 };
      c.n++;
      counts.set(key, c);
    }
    const first = this.firstIssuedAt ?? now;
    const minutes = Math.min(PRIORITY_WINDOW_MINUTES, Math.max(0, (now - first) / MINUTE));
    return { tickets, recent, priorityRecent: { counts: [...counts.values()], minutes } };
  }
}
