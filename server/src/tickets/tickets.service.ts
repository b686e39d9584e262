import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import { lockCounterForActor, type CountersService } from '../counters/counters.service.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { TicketChannel, TicketClass, TicketRow, TicketStatus } from '../db/types.ts';
import { formatTicketNumber, localTime, serviceDay } from '../domain/numbering.ts';
import { pickNext, weightsFrom } from '../domain/policy.ts';
import { nextStatus, type TicketAction } from '../domain/ticket-state.ts';
import { AppError, forbidden, invalidTransition, notFound } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { isId } from '../schemas.ts';
import type { FieldCrypto } from '../crypto.ts';
import { toQueueTicket, type QueueService } from './queue.service.ts';
import * as repo from './tickets.repository.ts';
import { holderToken, sha256, tokenMatches } from './tokens.ts';

/** A ticket as the API answers it. */
export interface Ticket {
  id: string;
  number: string;
  hallId: string;
  matterId: string;
  class: TicketClass;
  status: TicketStatus;
  channel: TicketChannel;
  serviceDay: string;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  counterId: string | null;
  counterNumber: number | null;
  callCount: number;
  ahead: number;
  estimatedWaitMinutes: number | null;
  appointmentId: string | null;
  cancelReason: string | null;
  token?: string;
}

/** Who asks: a staff member, or the holder with the token printed on the ticket. */
export interface Actor {
  staff: Staff | null;
  token?: string | undefined;
}

export interface IssueInput {
  matterId: string;
  class?: 'normal' | 'green' | undefined;
  phone?: string | undefined;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The ID of an active counter or matter of the hall; NOT_FOUND for any other ID. */
async function activeInHall(
  tx: Tx,
  table: 'counters' | 'matters',
  id: string,
  hallId: string,
): Promise<string> {
  const what = table === 'counters' ? 'Counter' : 'Matter';
  if (!isId(id)) throw notFound(what);
  const row = await tx
    .selectFrom(table)
    .select(['id', 'hall_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.hall_id !== hallId || !row.active) throw notFound(what);
  return row.id;
}

export class TicketsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly fieldCrypto: FieldCrypto,
    private readonly halls: HallsService,
    private readonly counters: CountersService,
    private readonly queue: QueueService,
  ) {}

  // --- reading ---------------------------------------------------------------------------

  async toTicket(row: TicketRow, withToken = false): Promise<Ticket> {
    let counterNumber: number | null = null;
    if (row.counter_id) {
      const c = await this.db
        .selectFrom('counters')
        .select('number')
        .where('id', '=', row.counter_id)
        .executeTakeFirst();
      counterNumber = c?.number ?? null;
    }
    let ahead = 0;
    let estimatedWaitMinutes: number | null = 0;
    if (row.status === 'waiting')
      ({ ahead, estimatedWaitMinutes } = await this.queue.estimateFor(row.hall_id, row.id));
    return {
      id: row.id,
      number: row.number,
      hallId: row.hall_id,
      matterId: row.matter_id,
      class: row.class,
      status: row.status,
      channel: row.channel,
      serviceDay: row.service_day,
      issuedAt: iso(row.issued_at)!,
      calledAt: iso(row.called_at),
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
      counterId: row.counter_id,
      counterNumber,
      callCount: row.call_count,
      ahead,
      estimatedWaitMinutes,
      appointmentId: row.appointment_id,
      cancelReason: row.cancel_reason,
      ...(withToken ? { token: holderToken(this.secret, 'ticket', row.id) } : {}),
    };
  }

  private async load(ticketId: string): Promise<TicketRow> {
    if (!isId(ticketId)) throw notFound('Ticket');
    const row = await repo.findTicket(this.db, ticketId);
    if (!row) throw notFound('Ticket');
    return row;
  }

  /** The holder (token) or staff of the ticket's hall may see it. */
  assertHolderOrStaff(row: TicketRow, actor: Actor): void {
    if (tokenMatches(this.secret, 'ticket', row.id, actor.token)) return;
    if (actor.staff) {
      assertHallAccess(actor.staff, row.hall_id);
      return;
    }
    if (actor.token) throw forbidden('This link does not belong to this ticket');
    throw new AppError('UNAUTHENTICATED', 'Give the ticket’s token or sign in');
  }

  async get(ticketId: string, actor: Actor): Promise<Ticket> {
    const row = await this.load(ticketId);
    this.assertHolderOrStaff(row, actor);
    return this.toTicket(row);
  }

  // --- issuing ---------------------------------------------------------------------------

  async issue(
    hallId: string,
    input: IssueInput,
    opts: { staff: Staff | null; idempotencyKey?: string | undefined; channel?: TicketChannel },
  ): Promise<Ticket> {
    const hall = await this.halls.get(hallId);
    const ticketClass = input.class ?? 'normal';
    if (ticketClass === 'green') {
      if (!opts.staff)
        throw new AppError('UNAUTHENTICATED', 'A green-channel ticket is issued by staff at the help desk');
      assertHallAccess(opts.staff, hallId);
    }
    const channel: TicketChannel = opts.channel ?? (opts.staff ? 'desk' : 'kiosk');
    const key = opts.idempotencyKey;
    const now = this.clock.now();
    const day = serviceDay(now, hall.timezone);
    const phoneEnc = input.phone ? this.fieldCrypto.encrypt(input.phone) : null;

    const result = await transact(this.db, async (tx): Promise<{ row: TicketRow; replay: boolean }> => {
      if (key && !(await repo.claimIdempotencyKey(tx, hallId, key))) {
        const existing = await repo.ticketByIdempotencyKey(tx, hallId, key);
        if (!existing) throw new AppError('CONFLICT', 'This request is still being processed; retry shortly');
        return { row: existing, replay: true };
      }
      const matter = await tx
        .selectFrom('matters')
        .selectAll()
        .where('id', '=', input.matterId)
        .where('hall_id', '=', hallId)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!matter) throw notFound('Matter');
      if (!matter.walk_in)
        throw new AppError('ISSUING_CLOSED', `${matter.name}: walk-in tickets are not issued; please book`);
      if (matter.last_issue_time && localTime(now, hall.timezone) >= matter.last_issue_time) {
        throw new AppError(
          'ISSUING_CLOSED',
          `${matter.name}: tickets are issued until ${matter.last_issue_time}`,
        );
      }
      // The number row lock also serializes the quota count for this matter and day.
      const seq = await repo.nextTicketSeq(tx, hallId, matter.prefix, day);
      if (
        matter.daily_quota !== null &&
        (await repo.countWalkInsToday(tx, matter.id, day)) >= matter.daily_quota
      ) {
        throw new AppError(
          'QUOTA_REACHED',
          `${matter.name}: today's ${matter.daily_quota} tickets are all issued`,
        );
      }
      const row = await this.insertIssued(tx, {
        hallId,
        matterId: matter.id,
        prefix: matter.prefix,
        seq,
        day,
        ticketClass,
        channel,
        now,
        phoneEnc,
        idempotencyKey: key ?? null,
        staffId: opts.staff?.id ?? null,
      });
      return { row, replay: false };
    });
    return this.toTicket(result.row, true);
  }

  /**
   * Inserts a newly issued ticket with its transition and hall event. Shared by walk-in
   * issuing and appointment check-in.
   */
  async insertIssued(
    tx: Tx,
    t: {
      hallId: string;
      matterId: string;
      prefix: string;
      seq: number;
      day: string;
      ticketClass: TicketClass;
      channel: TicketChannel;
      now: Date;
      phoneEnc: string | null;
      idempotencyKey: string | null;
      staffId: string | null;
      dueAt?: Date | null;
      appointmentId?: string | null;
    },
  ): Promise<TicketRow> {
    const id = randomUUID();
    const row = await repo.insertTicket(tx, {
      id,
      hall_id: t.hallId,
      matter_id: t.matterId,
      prefix: t.prefix,
      seq: t.seq,
      number: formatTicketNumber(t.prefix, t.seq),
      service_day: t.day,
      class: t.ticketClass,
      status: 'waiting',
      channel: t.channel,
      issued_at: t.now,
      queue_time: t.now,
      due_at: t.dueAt ?? null,
      token_hash: sha256(holderToken(this.secret, 'ticket', id)),
      phone_enc: t.phoneEnc,
      idempotency_key: t.idempotencyKey,
      appointment_id: t.appointmentId ?? null,
      updated_at: t.now,
    });
    if (t.idempotencyKey) {
      await tx
        .updateTable('idempotency_keys')
        .set({ ticket_id: row.id })
        .where('hall_id', '=', t.hallId)
        .where('key', '=', t.idempotencyKey)
        .execute();
    }
    await repo.appendTicketEvent(tx, {
      ticket: row,
      action: 'issue',
      from: null,
      to: 'waiting',
      staffId: t.staffId,
      counterId: null,
      at: t.now,
      data: { channel: t.channel, class: t.ticketClass },
    });
    await appendHallEvent(tx, t.hallId, 'ticket.issued', ticketEventData(row), t.now);
    return row;
  }

  // --- the clerk's actions ---------------------------------------------------------------

  /** Call-next: one transaction, exactly as DESIGN.md says. Null when nobody eligible waits. */
  async callNext(counterId: string, staff: Staff): Promise<Ticket | null> {
    if (!isId(counterId)) throw notFound('Counter');
    const now = this.clock.now();
    const called = await transact(this.db, async (tx): Promise<TicketRow | null> => {
      const counter = await lockCounterForActor(tx, counterId, staff, { managerMayAct: false });
      if (counter.status !== 'open')
        throw new AppError('COUNTER_NOT_OPEN', `The counter is ${counter.status}`);
      const current = await repo.lockCurrentTicket(tx, counterId);
      if (current?.status === 'called') {
        throw new AppError(
          'CURRENT_TICKET_CALLED',
          `Ticket ${current.number} is called: start it, recall it or mark it no-show first`,
        );
      }
      // Configuration is read before the finish: the finish appends a hall event, whose hall
      // row lock is held until commit and serializes the hall's writes (and its picks, so a
      // 204 means nothing is left waiting); the less done under it, the better.
      const hall = await tx
        .selectFrom('halls')
        .select(['timezone', 'settings'])
        .where('id', '=', counter.hall_id)
        .executeTakeFirstOrThrow();
      const matterIds = (
        await tx
          .selectFrom('counter_matters')
          .select('matter_id')
          .where('counter_id', '=', counterId)
          .orderBy('position')
          .execute()
      ).map((r) => r.matter_id);
      if (current?.status === 'serving')
        await this.transition(tx, current, 'finish', staff, counterId, now, {});
      const day = serviceDay(now, hall.timezone);
      const domainCounter = { id: counterId, matterIds, status: 'open' as const };
      let candidates = (
        await repo.eligibleWaitingTickets(tx, counter.hall_id, day, counterId, matterIds)
      ).map(toQueueTicket);
      const weights = weightsFrom(hall.settings?.policy);
      // Rank without locks, then lock the best one nobody else holds (SKIP LOCKED): a ticket
      // another counter is calling right now is skipped, never called twice.
      for (;;) {
        const best = pickNext(domainCounter, candidates, weights, now.getTime());
        if (!best) return null;
        const locked = await repo.tryLockWaiting(tx, best.id);
        if (locked) {
          const called = await this.transition(
            tx,
            locked,
            'call',
            staff,
            counterId,
            now,
            { counter_id: counterId, called_at: now, call_count: 1 },
            {},
            counter,
          );
          return called;
        }
        candidates = candidates.filter((t) => t.id !== best.id);
      }
    });
    return called ? this.toTicket(called) : null;
  }

  /** 特呼: call a chosen waiting ticket to this counter. */
  async callChosen(counterId: string, ticketId: string, staff: Staff): Promise<Ticket> {
    if (!isId(counterId)) throw notFound('Counter');
    if (!isId(ticketId)) throw notFound('Ticket');
    const now = this.clock.now();
    const row = await transact(this.db, async (tx) => {
      const counter = await lockCounterForActor(tx, counterId, staff, { managerMayAct: false });
      if (counter.status !== 'open')
        throw new AppError('COUNTER_NOT_OPEN', `The counter is ${counter.status}`);
      const current = await repo.lockCurrentTicket(tx, counterId);
      if (current?.status === 'called') {
        throw new AppError(
          'CURRENT_TICKET_CALLED',
          `Ticket ${current.number} is called: start it or mark it no-show first`,
        );
      }
      const ticket = await repo.lockTicket(tx, ticketId);
      if (!ticket || ticket.hall_id !== counter.hall_id) throw notFound('Ticket');
      if (ticket.status !== 'waiting')
        throw invalidTransition(`Ticket ${ticket.number} is ${ticket.status}, not waiting`);
      if (ticket.reserved_counter_id && ticket.reserved_counter_id !== counterId) {
        throw new AppError('NOT_ELIGIBLE', `Ticket ${ticket.number} was transferred to another counter`);
      }
      if (current?.status === 'serving')
        await this.transition(tx, current, 'finish', staff, counterId, now, {});
      return this.transition(
        tx,
        ticket,
        'call',
        staff,
        counterId,
        now,
        { counter_id: counterId, called_at: now, call_count: 1 },
        { chosen: true },
      );
    });
    return this.toTicket(row);
  }

  /** An action on a ticket by the clerk at its counter: recall, start, finish, no-show. */
  async act(
    ticketId: string,
    action: 'recall' | 'start' | 'finish' | 'no_show',
    staff: Staff,
  ): Promise<Ticket> {
    return this.onTicket(ticketId, staff, async (tx, ticket, now) => {
      const counterId = ticket.counter_id;
      if (!counterId) throw invalidTransition(`Ticket ${ticket.number} is not at a counter`);
      await lockCounterForActor(tx, counterId, staff, { managerMayAct: false });
      switch (action) {
        case 'recall':
          return this.transition(tx, ticket, 'recall', staff, counterId, now, {
            call_count: ticket.call_count + 1,
            called_at: now,
          });
        case 'start':
          return this.transition(tx, ticket, 'start', staff, counterId, now, { started_at: now });
        case 'finish':
          return this.transition(tx, ticket, 'finish', staff, counterId, now, {});
        case 'no_show':
          if (ticket.status === 'called' && ticket.call_count < 1)
            throw invalidTransition('Call the ticket at least once first');
          return this.transition(tx, ticket, 'no_show', staff, counterId, now, {});
      }
    });
  }

  /** 过号重排: a no-show ticket re-enters at the back of its class, keeping its number. */
  async requeue(ticketId: string, staff: Staff): Promise<Ticket> {
    return this.onTicket(ticketId, staff, async (tx, ticket, now) => {
      if (staff.role === 'clerk') {
        const atCounter = await tx
          .selectFrom('counters')
          .select('id')
          .where('clerk_id', '=', staff.id)
          .executeTakeFirst();
        if (!atCounter) throw forbidden('Open a counter first');
      }
      return this.transition(tx, ticket, 'requeue', staff, ticket.counter_id, now, {
        queue_time: now,
        counter_id: null,
        called_at: null,
        reserved_counter_id: null,
        transferred: false,
      });
    });
  }

  /** Sends a called or serving ticket back to waiting for another matter or a named counter. */
  async transfer(
    ticketId: string,
    target: { matterId?: string | undefined; counterId?: string | undefined },
    staff: Staff,
  ): Promise<Ticket> {
    return this.onTicket(ticketId, staff, async (tx, ticket, now) => {
      const fromCounter = ticket.counter_id;
      if (!fromCounter) throw invalidTransition(`Ticket ${ticket.number} is not at a counter`);
      await lockCounterForActor(tx, fromCounter, staff, { managerMayAct: false });
      let matterId = ticket.matter_id;
      let reserved: string | null = null;
      if (target.counterId) {
        const to = await activeInHall(tx, 'counters', target.counterId, ticket.hall_id);
        if (to === fromCounter) throw invalidTransition('Transfer to another counter');
        reserved = to;
      }
      if (target.matterId) matterId = await activeInHall(tx, 'matters', target.matterId, ticket.hall_id);
      return this.transition(
        tx,
        ticket,
        'transfer',
        staff,
        fromCounter,
        now,
        {
          matter_id: matterId,
          reserved_counter_id: reserved,
          transferred: true,
          counter_id: null,
          queue_time: now,
        },
        { toMatterId: matterId, toCounterId: reserved, fromMatterId: ticket.matter_id },
      );
    });
  }

  /** The holder (token) or staff cancels a waiting ticket. */
  async cancel(ticketId: string, actor: Actor): Promise<Ticket> {
    const row = await this.load(ticketId);
    this.assertHolderOrStaff(row, actor);
    const now = this.clock.now();
    const updated = await transact(this.db, async (tx) => {
      const ticket = await repo.lockTicket(tx, ticketId);
      if (!ticket) throw notFound('Ticket');
      return this.transition(tx, ticket, 'cancel', actor.staff, null, now, {
        cancel_reason: actor.staff ? 'staff' : 'holder',
      });
    });
    return this.toTicket(updated);
  }

  /** At the service-day rollover, what is left waiting or called is cancelled as expired. */
  async expireStale(hallId: string): Promise<number> {
    const hall = await this.halls.get(hallId);
    const now = this.clock.now();
    const day = serviceDay(now, hall.timezone);
    const n = await transact(this.db, async (tx) => {
      const stale = await repo.staleTickets(tx, hallId, day);
      for (const t of stale)
        await this.transition(tx, t, 'expire', null, t.counter_id, now, { cancel_reason: 'expired' });
      return stale.length;
    });
    return n;
  }

  private async onTicket(
    ticketId: string,
    staff: Staff,
    fn: (tx: Tx, ticket: TicketRow, now: Date) => Promise<TicketRow>,
  ): Promise<Ticket> {
    const row = await this.load(ticketId);
    assertHallAccess(staff, row.hall_id);
    const now = this.clock.now();
    const updated = await transact(this.db, async (tx) => {
      const ticket = await repo.lockTicket(tx, ticketId);
      if (!ticket) throw notFound('Ticket');
      return fn(tx, ticket, now);
    });
    return this.toTicket(updated);
  }

  /**
   * Applies one state-machine step: checks it is allowed, updates the row, appends the
   * ticket_event and the hall event. Everything in the caller's transaction.
   */
  private async transition(
    tx: Tx,
    ticket: TicketRow,
    action: Exclude<TicketAction, 'issue'>,
    staff: Staff | null,
    counterId: string | null,
    now: Date,
    values: Parameters<typeof repo.updateTicket>[2],
    data: Record<string, unknown> = {},
    /** The counter's row when the caller has it locked already (saves a read under the hall lock). */
    counterRow?: { id: string; number: number; name: string },
  ): Promise<TicketRow> {
    const to = nextStatus(ticket.status, action);
    if (!to)
      throw invalidTransition(
        `Cannot ${action.replace('_', '-')} ticket ${ticket.number}: it is ${ticket.status}`,
      );
    const extra = action === 'finish' ? { finished_at: now } : {};
    const row = await repo.updateTicket(tx, ticket.id, { ...values, ...extra, status: to, updated_at: now });
    await repo.appendTicketEvent(tx, {
      ticket: row,
      action,
      from: ticket.status,
      to,
      staffId: staff?.id ?? null,
      counterId,
      at: now,
      data,
    });
    let eventData = ticketEventData(row);
    if (action === 'call' || action === 'recall') {
      const c =
        counterRow?.id === counterId
          ? counterRow
          : await tx
              .selectFrom('counters')
              .select(['number', 'name'])
              .where('id', '=', counterId!)
              .executeTakeFirstOrThrow();
      eventData = { ...eventData, counterNumber: c.number, counterName: c.name, recall: action === 'recall' };
    }
    await appendHallEvent(
      tx,
      row.hall_id,
      action === 'call' || action === 'recall' ? 'ticket.called' : 'ticket.updated',
      { ...eventData, action },
      now,
    );
    return row;
  }
}

/** What a hall event says about a ticket: never personal data. */
export function ticketEventData(row: TicketRow): Record<string, unknown> {
  return {
    ticketId: row.id,
    number: row.number,
    matterId: row.matter_id,
    class: row.class,
    status: row.status,
    counterId: row.counter_id,
    callCount: row.call_count,
    calledAt: iso(row.called_at),
    reservedCounterId: row.reserved_counter_id,
  };
}

/** Today's date in a zone, for callers outside the service. */
export const todayIn = (timezone: string, at: Date) =>
  DateTime.fromJSDate(at, { zone: timezone }).toISODate()!;
