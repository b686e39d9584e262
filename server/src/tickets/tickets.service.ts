// Tickets as the API sees them: reading (with the holder's token or a staff session), and the
// entry points for issuing (issuing.ts), calling (calling.ts), the clerk's actions
// (clerk-actions.ts), cancelling and the day's expiry. Each write is one transaction; the state
// machine step itself is transition.ts.
import { DateTime } from 'luxon';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { CountersService } from '../counters/counters.service.ts';
import type { FieldCrypto } from '../crypto.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { TicketChannel, TicketClass, TicketRow, TicketStatus } from '../db/types.ts';
import { serviceDay } from '../domain/numbering.ts';
import { AppError, forbidden, invalidTransition, notFound } from '../errors.ts';
import type { Hall, HallsService } from '../halls/halls.service.ts';
import { isId } from '../schemas.ts';
import { callChosen, callNext } from './calling.ts';
import {
  actOn,
  requeueTicket,
  transferTicket,
  type Acted,
  type ClerkAction,
  type FinishHook,
} from './clerk-actions.ts';
import { insertIssued, issueTicket, type IssueInput } from './issuing.ts';
import type { QueueService } from './queue.service.ts';
import * as repo from './tickets.repository.ts';
import { holderToken, tokenMatches } from './tokens.ts';
import { iso, ticketEventData, transition } from './transition.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';

export type { IssueInput } from './issuing.ts';
export { ticketEventData } from './transition.ts';

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
  /** Where a transferred ticket now waits: its matter and, when sent to one, the counter (issue 17). */
  transferredTo: { matterId: string; counterNumber: number | null } | null;
  /** Green channel: the category code. */
  category: string | null;
  /** 帮办: served with the help desk's assistance. */
  assisted: boolean;
  token?: string;
}

/** Who asks: a staff member, or the holder with the token printed on the ticket. */
export interface Actor {
  staff: Staff | null;
  token?: string | undefined;
}

/** What the issuing and calling functions need from the service. */
export interface TicketsContext {
  db: Db;
  clock: Clock;
  secret: string;
  fieldCrypto: FieldCrypto;
  halls: HallsService;
  /**
   * Refuses a walk-in ticket outside the hall's hours or for an unserved matter (issue 13);
   * answers the hall, as this process holds it, when the ticket may be issued.
   */
  issuingGate?: (hallId: string, matterId: string, now: Date) => Promise<Hall>;
}

export class TicketsService {
  private readonly ctx: TicketsContext;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly secret: string,
    fieldCrypto: FieldCrypto,
    private readonly halls: HallsService,
    _counters: CountersService,
    private readonly queue: QueueService,
  ) {
    this.ctx = { db, clock, secret, fieldCrypto, halls };
  }

  /** Wired after the schedule exists (services.ts). */
  setIssuingGate(gate: NonNullable<TicketsContext['issuingGate']>): void {
    this.ctx.issuingGate = gate;
  }

  // --- reading ---------------------------------------------------------------------------

  /** The API's ticket; `counterNumber`: the number of the ticket's counter when the caller has it. */
  async toTicket(row: TicketRow, withToken = false, counterNumber: number | null = null): Promise<Ticket> {
    if (row.counter_id && counterNumber === null) {
      const c = await this.db
        .selectFrom('counters')
        .select('number')
        .where('id', '=', row.counter_id)
        .executeTakeFirst();
      counterNumber = c?.number ?? null;
    }
    let transferredTo: Ticket['transferredTo'] = null;
    if (row.transferred) {
      const to = row.reserved_counter_id
        ? await this.db
            .selectFrom('counters')
            .select('number')
            .where('id', '=', row.reserved_counter_id)
            .executeTakeFirst()
        : undefined;
      transferredTo = { matterId: row.matter_id, counterNumber: to?.number ?? null };
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
      transferredTo,
      category: row.priority_category,
      assisted: row.assisted,
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

  // --- the help desk (导服台) -------------------------------------------------------------

  /** Reprint a resident's lost ticket: the ticket with its holder token, for staff of the hall. */
  async reprint(ticketId: string, staff: Staff): Promise<Ticket> {
    const row = await this.load(ticketId);
    assertHallAccess(staff, row.hall_id);
    if (row.status !== 'waiting' && row.status !== 'called')
      throw invalidTransition(`Ticket ${row.number} is ${row.status}: there is nothing to reprint`);
    return this.toTicket(row, true);
  }

  /** Help desk: today's tickets of the hall with this number (a resident who lost theirs). */
  async findToday(hallId: string, number: string, staff: Staff): Promise<Ticket[]> {
    assertHallAccess(staff, hallId);
    const hall = await this.halls.get(hallId);
    const rows = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('hall_id', '=', hallId)
      .where('service_day', '=', serviceDay(this.clock.now(), hall.timezone))
      .where('number', '=', number.trim().toUpperCase())
      .execute();
    return Promise.all(rows.map((r) => this.toTicket(r)));
  }

  /** 帮办: the help desk assisted this resident (the audit log records who marked it). */
  async markAssisted(ticketId: string, staff: Staff): Promise<Ticket> {
    const row = await this.load(ticketId);
    assertHallAccess(staff, row.hall_id);
    const updated = await transact(this.db, async (tx) => {
      const u = await tx
        .updateTable('tickets')
        .set({ assisted: true })
        .where('id', '=', ticketId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendHallEvent(
        tx,
        u.hall_id,
        'ticket.updated',
        { ...ticketEventData(u), action: 'assist' },
        this.ctx.clock.now(),
      );
      return u;
    });
    return this.toTicket(updated);
  }

  // --- issuing ---------------------------------------------------------------------------

  async issue(
    hallId: string,
    input: IssueInput,
    opts: { staff: Staff | null; idempotencyKey?: string | undefined; channel?: TicketChannel },
  ): Promise<Ticket> {
    return this.toTicket(await issueTicket(this.ctx, hallId, input, opts), true);
  }

  /** Inserts a newly issued ticket with its first event; appointment check-in shares it. */
  insertIssued(tx: Tx, t: Parameters<typeof insertIssued>[2]): Promise<TicketRow> {
    return insertIssued(this.secret, tx, t);
  }

  // --- the clerk's actions ---------------------------------------------------------------

  /** Call-next: one transaction, exactly as DESIGN.md says. Null when nobody eligible waits. */
  async callNext(counterId: string, staff: Staff): Promise<Ticket | null> {
    const called = await callNext(this.ctx, counterId, staff);
    return called ? this.toTicket(called.ticket, false, called.counterNumber) : null;
  }

  /** 特呼: call a chosen waiting ticket to this counter. */
  async callChosen(counterId: string, ticketId: string, staff: Staff): Promise<Ticket> {
    return this.toTicket(await callChosen(this.ctx, counterId, ticketId, staff));
  }

  /** An action on a ticket by the clerk at its counter: recall, start, finish, no-show. */
  act(ticketId: string, action: ClerkAction, staff: Staff, onFinish?: FinishHook): Promise<Ticket> {
    return this.onTicket(ticketId, staff, (tx, ticket, now) =>
      actOn(tx, ticket, now, action, staff, onFinish),
    );
  }

  /** 过号重排: a no-show ticket re-enters at the back of its class, keeping its number. */
  requeue(ticketId: string, staff: Staff): Promise<Ticket> {
    return this.onTicket(ticketId, staff, (tx, ticket, now) => requeueTicket(tx, ticket, now, staff));
  }

  /** Sends a called or serving ticket back to waiting for another matter or a named counter. */
  transfer(
    ticketId: string,
    target: { matterId?: string | undefined; counterId?: string | undefined },
    staff: Staff,
  ): Promise<Ticket> {
    return this.onTicket(ticketId, staff, (tx, ticket, now) =>
      transferTicket(tx, ticket, now, target, staff),
    );
  }

  /** The holder (token) or staff cancels a waiting ticket. */
  async cancel(ticketId: string, actor: Actor): Promise<Ticket> {
    const row = await this.load(ticketId);
    this.assertHolderOrStaff(row, actor);
    const now = this.clock.now();
    const updated = await transact(this.db, async (tx) => {
      const ticket = await repo.lockTicket(tx, ticketId);
      if (!ticket) throw notFound('Ticket');
      return transition(tx, ticket, 'cancel', actor.staff, null, now, {
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
        await transition(tx, t, 'expire', null, t.counter_id, now, { cancel_reason: 'expired' });
      return stale.length;
    });
    return n;
  }

  /**
   * One action on a locked ticket, by staff of its hall (checked on the locked row: no read
   * before the transaction). `fn` may give the number of the ticket's counter it read.
   */
  private async onTicket(
    ticketId: string,
    staff: Staff,
    fn: (tx: Tx, ticket: TicketRow, now: Date) => Promise<TicketRow | Acted>,
  ): Promise<Ticket> {
    if (!isId(ticketId)) throw notFound('Ticket');
    const now = this.clock.now();
    const done = await transact(this.db, async (tx) => {
      const ticket = await repo.lockTicket(tx, ticketId);
      if (!ticket) throw notFound('Ticket');
      assertHallAccess(staff, ticket.hall_id);
      return fn(tx, ticket, now);
    });
    return 'row' in done ? this.toTicket(done.row, false, done.counterNumber) : this.toTicket(done);
  }
}

/** Today's date in a zone, for callers outside the service. */
export const todayIn = (timezone: string, at: Date) =>
  DateTime.fromJSDate(at, { zone: timezone }).toISODate()!;
