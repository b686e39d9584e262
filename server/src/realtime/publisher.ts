import type { Db } from '../db/index.ts';
import { onCommitted } from '../db/transaction.ts';
import { eventsAfter, type HallEvent } from './hall-events.ts';

export type EventSink = (event: HallEvent) => void;

/**
 * Delivers committed hall events to the sockets, in seq order and each exactly once per
 * process. A poke (after a local commit, or a NOTIFY from another process) reads whatever
 * this process has not delivered yet from `hall_events`, so nothing is sent before it
 * committed and nothing is skipped.
 */
export class EventPublisher {
  private delivered = new Map<string, number>();
  private running = new Map<string, Promise<void>>();
  private again = new Set<string>();
  /** Halls whose log must be read: something may have committed that this process did not. */
  private readLog = new Set<string>();
  private sinks: EventSink[] = [];
  private closed = false;

  /** Events this process committed, not delivered yet: sent without reading them back. */
  private committed = new Map<string, Map<number, HallEvent>>();

  constructor(private readonly db: Db) {
    onCommitted(db, (events) => {
      if (this.closed) return;
      for (const ev of events) {
        const byHall = this.committed.get(ev.hallId) ?? new Map<number, HallEvent>();
        this.committed.set(ev.hallId, byHall);
        byHall.set(ev.seq, ev as HallEvent);
      }
      for (const hallId of new Set(events.map((e) => e.hallId))) this.poke(hallId, { local: true });
    });
  }

  /** Starts from the current end of every hall's log (history is replayed on request only). */
  async init(): Promise<void> {
    const halls = await this.db.selectFrom('halls').select(['id', 'event_seq']).execute();
    for (const h of halls) this.delivered.set(h.id, h.event_seq);
  }

  onEvent(sink: EventSink): void {
    this.sinks.push(sink);
  }

  deliveredSeq(hallId: string): number {
    return this.delivered.get(hallId) ?? 0;
  }

  /**
   * Asks for delivery of a hall's new events. `local`: this process committed them and knows
   * them (no log read needed unless a gap shows). `seq`: a NOTIFY's event, skipped when it is
   * delivered already (every process hears its own NOTIFYs too).
   */
  poke(hallId: string, opts: { local?: boolean; seq?: number } = {}): void {
    if (this.closed) return;
    if (opts.seq !== undefined && opts.seq <= this.deliveredSeq(hallId)) return;
    if (!opts.local) this.readLog.add(hallId);
    if (this.running.has(hallId)) {
      this.again.add(hallId);
      return;
    }
    const run = this.drain(hallId)
      .catch(() => {
        // The database was unreachable; the next poke or the periodic sweep catches up.
      })
      .finally(() => {
        this.running.delete(hallId);
        if (this.again.delete(hallId)) this.poke(hallId);
      });
    this.running.set(hallId, run);
  }

  /** Waits until every poke so far has been delivered (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  /** Catches up every known hall: a safety net for a missed NOTIFY. */
  async sweep(): Promise<void> {
    const halls = await this.db.selectFrom('halls').select(['id', 'event_seq']).execute();
    for (const h of halls) {
      if (!this.delivered.has(h.id)) this.delivered.set(h.id, 0);
      if (h.event_seq > this.deliveredSeq(h.id)) this.poke(h.id);
    }
  }

  close(): void {
    this.closed = true;
  }

  private deliver(hallId: string, ev: HallEvent): void {
    this.delivered.set(hallId, ev.seq);
    for (const sink of this.sinks) {
      try {
        sink(ev);
      } catch {
        // A failing sink must not stop delivery to the others.
      }
    }
  }

  private async drain(hallId: string): Promise<void> {
    // First what this process committed itself, in seq order while it has no gap; then the log,
    // for events of other processes and anything not known here.
    const known = this.committed.get(hallId);
    if (known) {
      for (let next = this.deliveredSeq(hallId) + 1; known.has(next); next++) {
        this.deliver(hallId, known.get(next)!);
      }
      for (const seq of known.keys()) if (seq <= this.deliveredSeq(hallId)) known.delete(seq);
    }
    // A known event left over means a gap: an earlier one came from another process.
    const gap = (known?.size ?? 0) > 0;
    if (!this.readLog.delete(hallId) && !gap) return;
    const batch = 500;
    for (;;) {
      const after = this.deliveredSeq(hallId);
      const events = await eventsAfter(this.db, hallId, after, batch);
      if (!events.length) return;
      for (const ev of events) {
        if (ev.seq !== this.deliveredSeq(hallId) + 1) return; // a gap: not committed yet
        this.deliver(hallId, ev);
      }
      // A short batch was the end of the log when read: anything committed since then poked
      // and runs this drain again (`again`), so no second read is needed to find nothing.
      if (events.length < batch) return;
    }
  }
}
