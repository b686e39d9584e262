import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Counter } from '../counters/counters.service.ts';
import type { Db } from '../db/index.ts';
import type { HallsService } from '../halls/halls.service.ts';
import type { QueueService } from '../tickets/queue.service.ts';

// The live floor dashboard: per matter the queue and an alert when its longest wait passes the
// hall's threshold (with the closed or paused counters that could take it), per counter who is
// there and for how long. The page refetches it on every hall event and every half minute
// (waits grow with time alone).

const MINUTE = 60_000;
const minutesSince = (iso: string | null, now: number) =>
  iso === null ? null : Math.max(0, Math.floor((now - new Date(iso).getTime()) / MINUTE));

export interface SuggestedCounter {
  id: string;
  number: number;
  name: string;
  status: 'closed' | 'paused';
  /** The matter's position in the counter's list (0 = its primary matter). */
  position: number;
}

export class FloorService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
    private readonly queue: QueueService,
  ) {}

  async floor(hallId: string, staff: Staff) {
    assertHallAccess(staff, hallId);
    const hall = await this.halls.get(hallId);
    const snap = await this.queue.snapshot(hallId);
    const now = this.clock.now().getTime();
    const threshold = hall.settings.waitAlertMinutes;
    const servedToday = await this.servedToday(hallId, hall.timezone);

    const matters = snap.matters.map((m) => {
      const q = snap.byMatter.get(m.id) ?? { waiting: 0, estimatedWaitMinutes: null, longestWaitMinutes: 0 };
      const alert = q.waiting > 0 && q.longestWaitMinutes > threshold;
      const openCounters = snap.counters.filter(
        (c) => c.status === 'open' && c.matterIds.includes(m.id),
      ).length;
      return {
        matterId: m.id,
        code: m.code,
        prefix: m.prefix,
        name: m.name,
        waiting: q.waiting,
        longestWaitMinutes: q.longestWaitMinutes,
        estimatedWaitMinutes: q.estimatedWaitMinutes,
        openCounters,
        servedToday: servedToday.byMatter.get(m.id) ?? 0,
        alert,
        suggestedCounters: alert ? suggest(snap.counters, m.id) : [],
      };
    });

    const counters = snap.counters.map((c) => {
      const t = c.currentTicket;
      return {
        id: c.id,
        number: c.number,
        name: c.name,
        matterIds: c.matterIds,
        status: c.status,
        statusSince: c.statusSince,
        pausedMinutes: c.status === 'paused' ? minutesSince(c.statusSince, now) : null,
        clerk: c.clerk,
        currentTicket: t
          ? {
              id: t.id,
              number: t.number,
              status: t.status,
              matterId: t.matterId,
              callCount: t.callCount,
              calledAt: t.calledAt,
              startedAt: t.startedAt,
              // Serving: since the start; called and not yet come: since the call.
              minutesAtCounter: minutesSince(t.startedAt ?? t.calledAt, now),
            }
          : null,
        servedToday: servedToday.byCounter.get(c.id) ?? 0,
      };
    });

    return {
      hallId,
      at: new Date(now).toISOString(),
      seq: snap.seq,
      waitAlertMinutes: threshold,
      totals: {
        waiting: matters.reduce((n, m) => n + m.waiting, 0),
        servedToday: servedToday.total,
        openCounters: counters.filter((c) => c.status === 'open').length,
        pausedCounters: counters.filter((c) => c.status === 'paused').length,
        closedCounters: counters.filter((c) => c.status === 'closed').length,
        alerts: matters.filter((m) => m.alert).length,
      },
      matters,
      counters,
    };
  }

  /** Tickets finished today (hall zone), per counter and per matter, from the event log. */
  private async servedToday(hallId: string, timezone: string) {
    const start = DateTime.fromMillis(this.clock.now().getTime(), { zone: timezone })
      .startOf('day')
      .toJSDate();
    const rows = await this.db
      .selectFrom('ticket_events')
      .select(['counter_id', 'matter_id', sql<number>`count(*)::int`.as('n')])
      .where('hall_id', '=', hallId)
      .where('action', '=', 'finish')
      .where('at', '>=', start)
      .groupBy(['counter_id', 'matter_id'])
      .execute();
    const byCounter = new Map<string, number>();
    const byMatter = new Map<string, number>();
    let total = 0;
    for (const r of rows) {
      total += r.n;
      if (r.counter_id) byCounter.set(r.counter_id, (byCounter.get(r.counter_id) ?? 0) + r.n);
      byMatter.set(r.matter_id, (byMatter.get(r.matter_id) ?? 0) + r.n);
    }
    return { total, byCounter, byMatter };
  }
}

/** Counters not open now that serve the matter: those with it first (primary) first, paused before closed. */
function suggest(counters: Counter[], matterId: string): SuggestedCounter[] {
  return counters
    .filter((c) => c.status !== 'open' && c.matterIds.includes(matterId))
    .map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      status: c.status as 'closed' | 'paused',
      position: c.matterIds.indexOf(matterId),
    }))
    .sort(
      (a, b) =>
        a.position - b.position ||
        (a.status === b.status ? 0 : a.status === 'paused' ? -1 : 1) ||
        a.number - b.number,
    );
}
