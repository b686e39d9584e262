// 办不成事反映窗口 (issue 14): a hall marks a matter as its 办不成事 window. A ticket of that matter
// is finished only with the clerk's summary of what could not be done (and, optionally, which
// matter it concerned); the finish opens a case of kind 'unresolved' in the complaints ledger in
// the same transaction, followed up to closure like a 差评 case. Call-next and 特呼 refuse to
// finish such a ticket silently (409 SUMMARY_REQUIRED): the clerk finishes it first.
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import type { TicketRow } from '../db/types.ts';
import type { CalendarRules } from '../domain/calendar.ts';
import { caseDueDates } from '../domain/case-deadlines.ts';
import { cleanFreeText } from '../domain/free-text.ts';
import { serviceDay } from '../domain/numbering.ts';
import { AppError } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import type { RatingRulesService } from '../ratings/rating-rules.ts';
import { isId } from '../schemas.ts';
import type { Ticket, TicketsService } from '../tickets/tickets.service.ts';
import { activeInHall } from '../tickets/transition.ts';

export interface FinishInput {
  /** 办不成事: what could not be done (required at the 办不成事 window, ignored elsewhere). */
  summary?: string | undefined;
  /** The matter the resident could not get done; the window's own matter when not given. */
  concernedMatterId?: string | undefined;
}

export const summaryRequired = (number: string) =>
  new AppError(
    'SUMMARY_REQUIRED',
    `Ticket ${number} is at the 办不成事 window: finish it with a summary of what could not be done`,
  );

/** Whether the matter is its hall's 办不成事 window. */
async function isUnresolvedWindow(tx: Db | Tx, matterId: string): Promise<boolean> {
  const m = await tx
    .selectFrom('matters')
    .select('unresolved_window')
    .where('id', '=', matterId)
    .executeTakeFirst();
  return m?.unresolved_window === true;
}

/** A finish without a summary (plain finish, call-next, 特呼) of a 办不成事 ticket is refused. */
export async function refuseSilentFinish(tx: Tx, ticket: TicketRow): Promise<void> {
  if (ticket.status === 'serving' && (await isUnresolvedWindow(tx, ticket.matter_id)))
    throw summaryRequired(ticket.number);
}

export class UnresolvedCases {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
    private readonly tickets: TicketsService,
    private readonly rules: RatingRulesService,
    private readonly calendar: (hallId: string) => Promise<CalendarRules>,
  ) {}

  /** The clerk finishes a ticket; at the 办不成事 window this opens the case. */
  async finish(ticketId: string, staff: Staff, input: FinishInput): Promise<Ticket> {
    const pre = isId(ticketId)
      ? await this.db
          .selectFrom('tickets as t')
          .innerJoin('matters as m', 'm.id', 't.matter_id')
          .select(['t.hall_id', 't.number', 'm.unresolved_window'])
          .where('t.id', '=', ticketId)
          .executeTakeFirst()
      : undefined;
    if (!pre?.unresolved_window) return this.tickets.act(ticketId, 'finish', staff);
    assertHallAccess(staff, pre.hall_id);
    const summary = cleanFreeText(input.summary);
    if (!summary) throw summaryRequired(pre.number);
    // Read before the transaction: inside it, this.db would wait for the connection it holds.
    const hall = await this.halls.get(pre.hall_id);
    const due = caseDueDates(
      serviceDay(this.clock.now(), hall.timezone),
      {
        followUpWorkingDays: (await this.rules.get(hall.id)).followUpWorkingDays,
        rectifyWorkingDays: hall.settings.complaintDueWorkingDays,
      },
      await this.calendar(hall.id),
    );
    return this.tickets.act(ticketId, 'finish', staff, async (tx, row, now) => {
      const matterId = input.concernedMatterId
        ? await activeInHall(tx, 'matters', input.concernedMatterId, row.hall_id)
        : row.matter_id;
      await tx
        .insertInto('complaints')
        .values({
          hall_id: row.hall_id,
          kind: 'unresolved',
          rating_id: null,
          summary,
          ticket_id: row.id,
          counter_id: row.counter_id,
          clerk_id: staff.id,
          matter_id: matterId,
          due_date: due.rectifyDue,
          follow_up_due: due.followUpDue,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
  }
}
