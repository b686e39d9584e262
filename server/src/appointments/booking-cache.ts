// The booking context of each hall (hall, matters, slot settings, schedule, overrides) and its
// slot tables, kept in memory so a booking reads none of them (issue 19). A hall's entry is
// dropped when its schedule, matters, calendar or the hall itself change: every such change
// appends `hall.updated` or `matter.updated` to the hall's event log, and each process drops its
// copy when it sees that event, its own at commit (onCommitted) and another process's through
// the log's NOTIFY (realtime/listen.ts; the periodic sweep catches a lost one).
import { DateTime } from 'luxon';
import type { Db } from '../db/index.ts';
import { onCommitted } from '../db/transaction.ts';
import { generateSlots, type Slot, type SlotQuery } from '../domain/slots.ts';
import type { Hall } from '../halls/halls.service.ts';
import type { StoredSchedule } from './schedule-store.ts';
import type { BookingContext } from './schedule.service.ts';

/** Event types after which a hall's booking context may differ. */
const CHANGES = new Set(['hall.updated', 'matter.updated']);

interface Entry {
  hall?: Hall;
  stored?: StoredSchedule;
  /** Per matter, its own 截止取号 minutes (matter_slot_settings; a change appends matter.updated). */
  lastTicket?: Map<string, number>;
  contexts: Map<string, BookingContext>;
}

/** Slots of a context's matter for one hall day, by start (epoch ms), ignoring the notice. */
const slotTables = new WeakMap<BookingContext, Map<string, Map<number, Slot>>>();

export class BookingCache {
  private halls = new Map<string, Entry>();
  /** Bumped by every drop: a load that began before a drop must not store what it read. */
  private generation = new Map<string, number>();

  constructor(db: Db) {
    onCommitted(db, (events) => {
      for (const ev of events) this.observe(ev);
    });
  }

  /** For the publisher's sink too: the events of every process. */
  observe(ev: { hallId: string; type: string }): void {
    if (CHANGES.has(ev.type)) this.drop(ev.hallId);
  }

  drop(hallId: string): void {
    this.halls.delete(hallId);
    this.generation.set(hallId, (this.generation.get(hallId) ?? 0) + 1);
  }

  private entry(hallId: string): Entry {
    let e = this.halls.get(hallId);
    if (!e) {
      e = { contexts: new Map() };
      this.halls.set(hallId, e);
    }
    return e;
  }

  /** Reads through the cache: `load` runs on a miss, its answer kept unless dropped meanwhile. */
  async get<K extends 'hall' | 'stored' | 'lastTicket'>(
    hallId: string,
    key: K,
    load: () => Promise<NonNullable<Entry[K]>>,
  ): Promise<NonNullable<Entry[K]>> {
    const have = this.halls.get(hallId)?.[key];
    if (have) return have as NonNullable<Entry[K]>;
    const before = this.generation.get(hallId) ?? 0;
    const value = await load();
    if ((this.generation.get(hallId) ?? 0) === before) this.entry(hallId)[key] = value as Entry[K];
    return value;
  }

  /** A matter's booking context; `load` throws (404) for a matter that is not bookable here. */
  async context(
    hallId: string,
    matterId: string,
    load: () => Promise<BookingContext>,
  ): Promise<BookingContext> {
    const have = this.halls.get(hallId)?.contexts.get(matterId);
    if (have) return have;
    const before = this.generation.get(hallId) ?? 0;
    const value = await load();
    if ((this.generation.get(hallId) ?? 0) === before) {
      const e = this.entry(hallId);
      if (e.contexts.size > 500) e.contexts.clear();
      e.contexts.set(matterId, value);
    }
    return value;
  }
}

/**
 * The slot starting at `at` (epoch ms) on hall day `date`, or null: a day's slots are generated
 * once per context and hall day (luxon is the slow part), the notice checked against `now`.
 */
export function slotAt(ctx: BookingContext, query: SlotQuery, date: string, at: number): Slot | null {
  const today = DateTime.fromJSDate(query.now, { zone: query.timezone }).toISODate()!;
  const key = `${today}|${date}`;
  let tables = slotTables.get(ctx);
  if (!tables) {
    tables = new Map();
    slotTables.set(ctx, tables);
  }
  let table = tables.get(key);
  if (!table) {
    // As at the day's first instant with no notice, so no slot of the day is cut; the same today.
    const midnight = DateTime.fromISO(today, { zone: query.timezone }).toJSDate();
    const slots = generateSlots({
      ...query,
      now: midnight,
      settings: { ...query.settings, minNoticeMinutes: 0 },
      from: date,
      to: date,
    });
    table = new Map(slots.map((s) => [DateTime.fromISO(s.start).toMillis(), s]));
    if (tables.size > 400) tables.clear();
    tables.set(key, table);
  }
  const slot = table.get(at);
  if (!slot) return null;
  return at < query.now.getTime() + query.settings.minNoticeMinutes * 60_000 ? null : slot;
}
