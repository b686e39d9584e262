// Which counters serve through the lunch break, read from the hall's own history: the estimates
// expect every other open counter to stop calling when the break starts (issue 18). The schedule
// says when the break is; nothing stored says which counters stay open (综合窗口 usually do), but
// the calls do: a counter that called tickets well inside the break on recent days serves through it.
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { LunchBreak } from './queue-estimates.ts';

/** Days of history read. */
export const LUNCH_HISTORY_DAYS = 14;
/** A call this many minutes into the break counts (a clerk finishing up before lunch does not). */
export const LUNCH_GRACE_MINUTES = 15;

/**
 * Ids of the counters that called a ticket between `from` + LUNCH_GRACE_MINUTES and `to` (HH:mm,
 * the hall's local time) on one of the LUNCH_HISTORY_DAYS days before `before`.
 */
export async function countersServingAtLunch(
  db: Db,
  hallId: string,
  window: { from: string; to: string; timezone: string },
  before: Date,
): Promise<Set<string>> {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return h! * 60 + m!;
  };
  const lo = minutes(window.from) + LUNCH_GRACE_MINUTES;
  const hi = minutes(window.to);
  const since = new Date(before.getTime() - LUNCH_HISTORY_DAYS * 24 * 3600_000);
  const rows = await sql<{ counter_id: string }>`
    select distinct counter_id from (
      select counter_id,
             extract(hour from (at at time zone ${window.timezone})) * 60
               + extract(minute from (at at time zone ${window.timezone})) as m
      from ticket_events
      where hall_id = ${hallId} and action = 'call' and counter_id is not null
        and at >= ${since} and at < ${before}
    ) c where m >= ${lo} and m < ${hi}
  `.execute(db);
  return new Set(rows.rows.map((r) => r.counter_id));
}

/** Today's lunch break as the schedule gives it (null when none is ahead or under way). */
export type LunchWindowSource = (
  hallId: string,
  now: Date,
) => Promise<{ start: number; end: number; from: string; to: string; timezone: string } | null>;

/**
 * The lunch break ahead for the estimates: the schedule's window and the counters seen serving
 * through it, read once per hall and break (the history does not change within a day).
 */
export function lunchBreakSource(
  db: Db,
  window: LunchWindowSource,
): (hallId: string, now: Date) => Promise<LunchBreak | null> {
  const cache = new Map<string, Promise<Set<string>>>();
  return async (hallId, now) => {
    const w = await window(hallId, now);
    if (!w || now.getTime() >= w.start) return null;
    const key = `${hallId}|${w.start}`;
    let staysOpen = cache.get(key);
    if (!staysOpen) {
      if (cache.size > 1000) cache.clear();
      staysOpen = countersServingAtLunch(db, hallId, w, new Date(w.start));
      staysOpen.catch(() => cache.delete(key));
      cache.set(key, staysOpen);
    }
    return { start: w.start, end: w.end, staysOpen: await staysOpen };
  };
}
