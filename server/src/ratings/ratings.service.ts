import type { ScheduleService } from '../appointments/schedule.service.ts';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { RatingRow, RatingSource, TicketRow } from '../db/types.ts';
import { NO_CALENDAR_RULES, type CalendarRules } from '../domain/calendar.ts';
import { serviceDay } from '../domain/numbering.ts';
import { FieldCrypto } from '../crypto.ts';
import { caseDueDates } from '../domain/case-deadlines.ts';
import { cleanFreeText } from '../domain/free-text.ts';
import { maskPhone } from '../domain/mask.ts';
import {
  isPoorScore,
  LEVEL_LABELS,
  ratingClosesAt,
  ratingOpen,
  type RatingReason,
  type Score,
} from '../domain/ratings.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { isId } from '../schemas.ts';
import { tokenMatches } from '../tickets/tokens.ts';
import type { PadsService } from './pads.service.ts';
import type { RatingRulesService } from './rating-rules.ts';

/** A rating as the API answers it: never anything about who rated. */
export interface Rating {
  id: string;
  ticketId: string;
  score: number;
  level: string;
  reasons: string[];
  comment: string | null;
  source: RatingSource;
  realName: boolean;
  excluded: boolean;
  createdAt: string;
}

export interface RatingInput {
  /** 1..5, checked by the route's schema. */
  score: number;
  reasons?: RatingReason[] | undefined;
  comment?: string | undefined;
  /** 留下联系方式以便回访: normalized mainland mobile, checked by the route's schema. */
  contactPhone?: string | undefined;
}

/** Who rates: the holder with the ticket's token, or the pad of the counter that served it. */
export interface RatingCredentials {
  token?: string | undefined;
  padToken?: string | undefined;
  staff?: Staff | null;
}

/** Where a hall's own closed and extra working days come from (the appointments schedule). */
export type CalendarRulesSource = (hallId: string) => Promise<CalendarRules>;

/** The hall's calendar as its schedule has it (national overrides, closed and extra days). */
export const scheduleCalendar =
  (schedule: Pick<ScheduleService, 'calendar'>): CalendarRulesSource =>
  (hallId) =>
    schedule.calendar(hallId);

export const toRating = (r: RatingRow): Rating => ({
  id: r.id,
  ticketId: r.ticket_id,
  score: r.score,
  level: LEVEL_LABELS[r.score as Score],
  reasons: r.reasons ?? [],
  comment: r.comment,
  source: r.source,
  realName: r.contact_phone_enc !== null || r.contact_erased_at !== null,
  excluded: r.excluded,
  createdAt: new Date(r.created_at).toISOString(),
});

export class RatingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly halls: HallsService,
    private readonly pads: PadsService,
    private readonly rules: RatingRulesService,
    private readonly calendarSource?: CalendarRulesSource,
  ) {
    this.crypto = new FieldCrypto(secret);
  }

  private readonly crypto: FieldCrypto;

  /**
   * The hall's working-day calendar for ledger due dates. The national holidays and 调休 are
   * always applied (domain/calendar.ts); the hall's own closed and extra working days come from
   * `calendarSource` when app.ts wires one.
   */
  async calendarRulesFor(hallId: string): Promise<CalendarRules> {
    return this.calendarSource ? this.calendarSource(hallId) : NO_CALENDAR_RULES;
  }

  private async loadTicket(ticketId: string): Promise<TicketRow> {
    if (!isId(ticketId)) throw notFound('Ticket');
    const row = await this.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (!row) throw notFound('Ticket');
    return row;
  }

  /** The holder's token wins; otherwise the pad must be the one of the counter that served it. */
  private async rater(ticket: TicketRow, cred: RatingCredentials): Promise<RatingSource> {
    if (cred.token !== undefined) {
      if (tokenMatches(this.secret, 'ticket', ticket.id, cred.token)) return 'holder';
      throw forbidden('This link does not belong to this ticket');
    }
    if (cred.padToken !== undefined) {
      const pad = await this.pads.counterOf(cred.padToken);
      if (!pad)
        throw new AppError('UNAUTHENTICATED', 'Unknown pad token: pair the pad with its counter again');
      if (ticket.counter_id === null || pad.counterId !== ticket.counter_id)
        throw forbidden('A pad rates only tickets served at its own counter');
      return 'pad';
    }
    throw new AppError('UNAUTHENTICATED', 'Give the ticket’s token, or rate on the counter’s pad');
  }

  async rate(ticketId: string, input: RatingInput, cred: RatingCredentials): Promise<Rating> {
    const ticket = await this.loadTicket(ticketId);
    const source = await this.rater(ticket, cred);
    if (ticket.status !== 'done' || !ticket.finished_at)
      throw new AppError(
        'NOT_FINISHED',
        `Ticket ${ticket.number} is ${ticket.status}: rate it once it is served`,
      );
    const existing = await this.db
      .selectFrom('ratings')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirst();
    if (existing) throw alreadyRated(ticket.number);
    const now = this.clock.now();
    if (!ratingOpen(new Date(ticket.finished_at), now))
      throw new AppError(
        'RATING_CLOSED',
        `Ticket ${ticket.number} can no longer be rated (7 days have passed)`,
      );
    if (source === 'pad') {
      const ratable = await this.pads.ratableTicket(ticket.counter_id!, ticket.hall_id, now, {
        includeRated: true,
      });
      if (ratable?.ticketId !== ticket.id)
        throw new AppError(
          'RATING_CLOSED',
          `The pad rates only the service it just saw end; the holder can still rate ${ticket.number} with their ticket’s link`,
        );
    }
    const hall = await this.halls.get(ticket.hall_id);
    const served = await this.db
      .selectFrom('ticket_events')
      .select(['counter_id', 'staff_id', 'matter_id'])
      .where('ticket_id', '=', ticket.id)
      .where('action', '=', 'finish')
      .orderBy('at', 'desc')
      .executeTakeFirst();
    const poor = isPoorScore(input.score);
    // Read before the transaction: inside it, this.db would wait for the connection it holds.
    const due = poor
      ? caseDueDates(
          serviceDay(now, hall.timezone),
          {
            followUpWorkingDays: (await this.rules.get(hall.id)).followUpWorkingDays,
            rectifyWorkingDays: hall.settings.complaintDueWorkingDays,
          },
          await this.calendarRulesFor(hall.id),
        )
      : null;
    // The contact is kept only where there is something to follow up: a 差评 case.
    const contact = poor && input.contactPhone ? input.contactPhone : null;
    const counterId = served?.counter_id ?? ticket.counter_id;
    const clerkId = served?.staff_id ?? null;
    const matterId = served?.matter_id ?? ticket.matter_id;

    const row = await transact(this.db, async (tx) => {
      // The unique ticket_id decides between parallel ratings: the loser inserts nothing.
      const inserted = await tx
        .insertInto('ratings')
        .values({
          hall_id: ticket.hall_id,
          ticket_id: ticket.id,
          score: input.score,
          reasons: JSON.stringify(input.reasons ?? []),
          comment: cleanFreeText(input.comment),
          contact_phone_enc: contact ? this.crypto.encrypt(contact) : null,
          contact_phone_masked: contact ? maskPhone(contact) : null,
          source,
          counter_id: counterId,
          clerk_id: clerkId,
          matter_id: matterId,
          created_at: now,
        })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) throw alreadyRated(ticket.number);
      if (due) {
        await tx
          .insertInto('complaints')
          .values({
            hall_id: ticket.hall_id,
            rating_id: inserted.id,
            ticket_id: ticket.id,
            counter_id: counterId,
            clerk_id: clerkId,
            matter_id: matterId,
            due_date: due.rectifyDue,
            follow_up_due: due.followUpDue,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      await appendHallEvent(
        tx,
        ticket.hall_id,
        'rating.created',
        { ticketId: ticket.id, counterId, score: input.score },
        now,
      );
      return inserted;
    });
    return toRating(row);
  }

  /** Whether a ticket is rated and may still be: for the holder's page, the pad and staff. */
  async status(ticketId: string, cred: RatingCredentials) {
    const ticket = await this.loadTicket(ticketId);
    if (cred.token === undefined && cred.padToken === undefined && cred.staff)
      assertHallAccess(cred.staff, ticket.hall_id);
    else await this.rater(ticket, cred);
    const row = await this.db
      .selectFrom('ratings')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirst();
    const now = this.clock.now();
    const finishedAt = ticket.status === 'done' && ticket.finished_at ? new Date(ticket.finished_at) : null;
    return {
      ticketId: ticket.id,
      number: ticket.number,
      status: ticket.status,
      rated: row !== undefined,
      ratable: row === undefined && finishedAt !== null && ratingOpen(finishedAt, now),
      closesAt: finishedAt ? ratingClosesAt(finishedAt).toISOString() : null,
      rating: row ? toRating(row) : null,
    };
  }
}

const alreadyRated = (number: string) => new AppError('ALREADY_RATED', `Ticket ${number} is already rated`);
