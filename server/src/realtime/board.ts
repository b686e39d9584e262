import { DateTime } from 'luxon';
import type { Counter } from '../counters/counters.service.ts';
import type { Db } from '../db/index.ts';
import { serviceDay } from '../domain/numbering.ts';
import type { QueueService } from '../tickets/queue.service.ts';

export interface Board {
  hallId: string;
  seq: number;
  at: string;
  calls: {
    ticketId: string;
    number: string;
    matterId: string;
    status: string;
    counterId: string;
    counterNumber: number;
    counterName: string;
    calledAt: string;
    callCount: number;
    /** 优先: a green-channel ticket, and its category code. */
    class: string;
    category: string | null;
  }[];
  counters: {
    id: string;
    number: number;
    name: string;
    status: string;
    matterIds: string[];
    currentTicket: { id: string; number: string; status: string } | null;
    /** 亮证上岗: null when the hall keeps staff details private. */
    clerk: Counter['clerk'];
    resumeAt: string | null;
  }[];
  waiting: {
    matterId: string;
    count: number;
    estimatedWaitMinutes: number | null;
    longestWaitMinutes: number;
  }[];
}

/** What a wall display shows: the latest calls, the counters and the waiting per matter. */
export async function buildBoard(db: Db, queue: QueueService, hallId: string): Promise<Board> {
  const snap = await queue.snapshot(hallId);
  const day = serviceDay(new Date(snap.at), snap.hall.timezone);
  // The day's calls as the wall saw them happen: each ticket once, at its latest call (or
  // recall) and that call's counter, with the ticket's status now. A ticket transferred or
  // requeued since keeps its place (its row no longer names the counter), so a reloaded wall
  // shows what a wall that stayed on shows.
  const dayStart = DateTime.fromISO(day, { zone: snap.hall.timezone }).startOf('day').toJSDate();
  const latest = db
    .selectFrom('ticket_events as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .innerJoin('counters as c', 'c.id', 'e.counter_id')
    .distinctOn('e.ticket_id')
    .select([
      't.id',
      't.number',
      't.matter_id',
      't.status',
      't.call_count',
      'e.at as called_at',
      't.class',
      't.priority_category',
      'c.id as counter_id',
      'c.number as counter_number',
      'c.name as counter_name',
    ])
    .where('e.hall_id', '=', hallId)
    .where('e.at', '>=', dayStart)
    .where('e.action', 'in', ['call', 'recall'])
    .where('t.service_day', '=', day)
    .orderBy('e.ticket_id')
    .orderBy('e.at', 'desc')
    .as('l');
  const calls = await db.selectFrom(latest).selectAll().orderBy('l.called_at', 'desc').limit(10).execute();
  return {
    hallId,
    seq: snap.seq,
    at: new Date(snap.at).toISOString(),
    calls: calls.map((c) => ({
      ticketId: c.id,
      number: c.number,
      matterId: c.matter_id,
      status: c.status,
      counterId: c.counter_id,
      counterNumber: c.counter_number,
      counterName: c.counter_name,
      calledAt: new Date(c.called_at!).toISOString(),
      callCount: c.call_count,
      class: c.class,
      category: c.priority_category,
    })),
    counters: snap.counters.map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      nameEn: c.nameEn,
      status: c.status,
      matterIds: c.matterIds,
      currentTicket: c.currentTicket
        ? { id: c.currentTicket.id, number: c.currentTicket.number, status: c.currentTicket.status }
        : null,
      clerk: snap.hall.settings.staffDetailsPublic ? c.clerk : null,
      resumeAt: c.resumeAt,
    })),
    waiting: snap.matters.map((m) => {
      const q = snap.byMatter.get(m.id);
      return {
        matterId: m.id,
        count: q?.waiting ?? 0,
        estimatedWaitMinutes: q?.estimatedWaitMinutes ?? null,
        longestWaitMinutes: q?.longestWaitMinutes ?? 0,
      };
    }),
  };
}
