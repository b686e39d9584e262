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
  }[];
  counters: {
    id: string;
    number: number;
    name: string;
    status: string;
    matterIds: string[];
    currentTicket: { id: string; number: string; status: string } | null;
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
  const calls = await db
    .selectFrom('tickets as t')
    .innerJoin('counters as c', 'c.id', 't.counter_id')
    .select([
      't.id',
      't.number',
      't.matter_id',
      't.status',
      't.called_at',
      't.call_count',
      'c.id as counter_id',
      'c.number as counter_number',
      'c.name as counter_name',
    ])
    .where('t.hall_id', '=', hallId)
    .where('t.service_day', '=', day)
    .where('t.called_at', 'is not', null)
    .where('t.status', 'in', ['called', 'serving', 'done', 'no_show'])
    .orderBy('t.called_at', 'desc')
    .limit(10)
    .execute();
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
    })),
    counters: snap.counters.map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      status: c.status,
      matterIds: c.matterIds,
      currentTicket: c.currentTicket
        ? { id: c.currentTicket.id, number: c.currentTicket.number, status: c.currentTicket.status }
        : null,
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
