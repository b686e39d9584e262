// Issuing a walk-in ticket (kiosk, help desk, API) and inserting any newly issued ticket, which
// appointment check-in shares: the number, the quota and the ticket's first event in one
// transaction.
import { randomUUID } from 'node:crypto';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { TicketChannel, TicketClass, TicketRow } from '../db/types.ts';
import { formatTicketNumber, localTime, serviceDay } from '../domain/numbering.ts';
import { AppError, notFound } from '../errors.ts';
import { appendHallEventIf } from '../realtime/hall-events.ts';
import type { TicketsContext } from './tickets.service.ts';
import * as repo from './tickets.repository.ts';
import { holderToken, sha256 } from './tokens.ts';
import { ticketEventData } from './transition.ts';

export interface IssueInput {
  matterId: string;
  class?: 'normal' | 'green' | undefined;
  /** Green channel category code; implies class green. */
  category?: string | undefined;
  phone?: string | undefined;
}

export async function issueTicket(
  ctx: TicketsContext,
  hallId: string,
  input: IssueInput,
  opts: { staff: Staff | null; idempotencyKey?: string | undefined; channel?: TicketChannel },
): Promise<TicketRow> {
  const now = ctx.clock.now();
  // Staff at the desk decide for themselves; the kiosk and the public API ask the hall's hours
  // (the gate answers the hall from memory, so a walk-in issue reads it only inside its transaction).
  const gate = !opts.staff ? ctx.issuingGate : undefined;
  const hall = gate ? await gate(hallId, input.matterId, now) : await ctx.halls.get(hallId);
  const ticketClass = input.category ? 'green' : (input.class ?? 'normal');
  if (input.category) {
    const cat = hall.settings.greenCategories.find((c) => c.code === input.category && c.active);
    if (!cat) {
      throw new AppError('VALIDATION_FAILED', `This hall has no green-channel category ${input.category}`, [
        { path: ['body', 'category'], message: 'not a category of this hall' },
      ]);
    }
  } else if (ticketClass === 'green' && !opts.staff) {
    throw new AppError('UNAUTHENTICATED', 'A green-channel ticket from the kiosk needs a category');
  }
  if (opts.staff && ticketClass === 'green') assertHallAccess(opts.staff, hallId);
  const channel: TicketChannel = opts.channel ?? (opts.staff ? 'desk' : 'kiosk');
  const key = opts.idempotencyKey;
  const day = serviceDay(now, hall.timezone);
  const phoneEnc = input.phone ? ctx.fieldCrypto.encrypt(input.phone) : null;

  const result = await transact(ctx.db, async (tx): Promise<{ row: TicketRow; replay: boolean }> => {
    if (key && !(await repo.claimIdempotencyKey(tx, hallId, key))) {
      const existing = await repo.ticketByIdempotencyKey(tx, hallId, key);
      if (!existing) throw new AppError('CONFLICT', 'This request is still being processed; retry shortly');
      return { row: existing, replay: true };
    }
    // The matter and its next number in one statement (the number row lock also serializes the
    // quota count below for this matter and day).
    const matter = await repo.matterAndNextSeq(tx, hallId, input.matterId, day, { activeOnly: true });
    if (!matter) throw notFound('Matter');
    if (!matter.walk_in)
      throw new AppError('ISSUING_CLOSED', `${matter.name}: walk-in tickets are not issued; please book`);
    if (matter.last_issue_time && localTime(now, hall.timezone) >= matter.last_issue_time) {
      throw new AppError(
        'ISSUING_CLOSED',
        `${matter.name}: tickets are issued until ${matter.last_issue_time}`,
      );
    }
    const seq = matter.next_seq;
    if (
      matter.daily_quota !== null &&
      (await repo.countWalkInsToday(tx, matter.id, day)) >= matter.daily_quota
    ) {
      throw new AppError(
        'QUOTA_REACHED',
        `${matter.name}: today's ${matter.daily_quota} tickets are all issued`,
      );
    }
    const row = await insertIssued(ctx.secret, tx, {
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
      category: input.category ?? null,
    });
    return { row, replay: false };
  });
  return result.row;
}

/**
 * Inserts a newly issued ticket with its transition and hall event. Shared by walk-in
 * issuing and appointment check-in.
 */
export async function insertIssued(
  secret: string,
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
    category?: string | null;
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
    token_hash: sha256(holderToken(secret, 'ticket', id)),
    phone_enc: t.phoneEnc,
    idempotency_key: t.idempotencyKey,
    appointment_id: t.appointmentId ?? null,
    priority_category: t.category ?? null,
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
  // The ticket_event and the hall event in one statement (one round trip under the hall lock).
  const ctes = repo.ticketEventCte([
    {
      ticket: row,
      action: 'issue',
      from: null,
      to: 'waiting',
      staffId: t.staffId,
      counterId: null,
      at: t.now,
      data: { channel: t.channel, class: t.ticketClass, ...(t.category ? { category: t.category } : {}) },
    },
  ]);
  if (
    (await appendHallEventIf(tx, t.hallId, 'ticket.issued', ticketEventData(row), t.now, { ctes })) === null
  )
    throw notFound('Hall');
  return row;
}
