import { sql, type Updateable } from 'kysely';
import { DateTime } from 'luxon';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import type { ComplaintKind, ComplaintNoteKind, ComplaintRow, ComplaintsTable } from '../db/types.ts';
import { transact } from '../db/transaction.ts';
import { serviceDay } from '../domain/numbering.ts';
import {
  COMPLAINT_STATUSES,
  complaintMayMove,
  complaintNextStatuses,
  type ComplaintStatus,
} from '../domain/ratings.ts';
import { maskFreeText } from '../domain/free-text.ts';
import { invalidTransition, notFound } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { isId } from '../schemas.ts';
import { baseQuery, toComplaints, type CaseRow, type Complaint } from './complaint-view.ts';

export type { Complaint, ComplaintNote } from './complaint-view.ts';

// The 差评 ledger: every rating of 2 or 1 is a case (and, since issue 14, every ticket finished at
// the hall's 办不成事 window: server/src/complaints/unresolved.ts) a manager follows up, with a note at each
// step. It shows the ticket, the counter, the matter, the clerk who served and what the resident
// said, and never who the resident is (a ticket holds no name, and its token, phone and
// idempotency key are never read here).

/** The ledger of a hall: the cases the filter picks, and counts over all of them. */
export interface ComplaintLedger {
  /** Today in the hall's zone: what `overdue` is measured against. */
  today: string;
  complaints: Complaint[];
  summary: Record<ComplaintStatus | 'overdue' | 'followUpOverdue' | 'unresolved' | 'total', number>;
}

export interface ComplaintFilter {
  status?: ComplaintStatus | undefined;
  kind?: ComplaintKind | undefined;
  overdue?: boolean | undefined;
  /** Only cases not followed up (回访核实) by their follow-up due day and not closed. */
  followUpOverdue?: boolean | undefined;
  /** Opened on or after this service day (hall zone). */
  from?: string | undefined;
  /** Opened on or before this service day (hall zone). */
  to?: string | undefined;
  limit?: number | undefined;
}

type ComplaintUpdate = Updateable<ComplaintsTable>;

/** One step of a case: what to set, the note's kind and resulting status, and what else to do. */
export interface CaseChange {
  set: ComplaintUpdate;
  kind: ComplaintNoteKind;
  to: ComplaintStatus;
  after?: (tx: Tx, c: ComplaintRow) => Promise<void>;
}

export class ComplaintsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
  ) {}

  async list(hallId: string, staff: Staff, filter: ComplaintFilter = {}): Promise<ComplaintLedger> {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    const hall = await this.halls.get(hallId);
    const today = serviceDay(this.clock.now(), hall.timezone);
    let q = baseQuery(this.db).where('c.hall_id', '=', hallId);
    if (filter.status) q = q.where('c.status', '=', filter.status);
    if (filter.kind) q = q.where('c.kind', '=', filter.kind);
    if (filter.overdue === true) q = q.where('c.status', '!=', 'closed').where('c.due_date', '<', today);
    if (filter.overdue === false)
      q = q.where((eb) => eb.or([eb('c.status', '=', 'closed'), eb('c.due_date', '>=', today)]));
    if (filter.followUpOverdue === true)
      q = q
        .where('c.status', '!=', 'closed')
        .where('c.followed_up_at', 'is', null)
        .where('c.follow_up_due', '<', today);
    if (filter.from) q = q.where('c.created_at', '>=', dayStart(filter.from, hall.timezone));
    if (filter.to) q = q.where('c.created_at', '<', dayStart(filter.to, hall.timezone, 1));
    const rows = await q
      .orderBy('c.due_date')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(filter.limit ?? 200)
      .execute();
    const complaints = await toComplaints(this.db, rows, today);
    const counts = await this.db
      .selectFrom('complaints')
      .select([
        'status',
        sql<number>`count(*)::int`.as('n'),
        sql<number>`(count(*) filter (where due_date < ${today}::date))::int`.as('late'),
        sql<number>`(count(*) filter (where followed_up_at is null and follow_up_due < ${today}::date))::int`.as(
          'follow_up_late',
        ),
        sql<number>`(count(*) filter (where kind = 'unresolved'))::int`.as('unresolved'),
      ])
      .where('hall_id', '=', hallId)
      .groupBy('status')
      .execute();
    const summary = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, 0])) as Record<
      ComplaintStatus,
      number
    >;
    let overdue = 0;
    let followUpOverdue = 0;
    let total = 0;
    let unresolved = 0;
    for (const c of counts) {
      unresolved += c.unresolved;
      summary[c.status] = c.n;
      total += c.n;
      if (c.status !== 'closed') overdue += c.late;
      if (c.status !== 'closed') followUpOverdue += c.follow_up_late;
    }
    return { today, complaints, summary: { ...summary, overdue, followUpOverdue, unresolved, total } };
  }

  async get(complaintId: string, staff: Staff): Promise<Complaint> {
    const row = await this.load(complaintId);
    assertHallAccess(staff, row.hall_id, ['admin', 'manager']);
    return this.view(row);
  }

  /** The case as the API shows it; a clerk (their own case, after an appeal) never sees the contact. */
  private async view(row: CaseRow, staff?: Staff): Promise<Complaint> {
    const hall = await this.halls.get(row.hall_id);
    const [c] = await toComplaints(this.db, [row], serviceDay(this.clock.now(), hall.timezone));
    if (staff?.role === 'clerk') return { ...c!, contactMasked: null };
    return c!;
  }

  /** One step of open → contacted → rectified | explained → closed, with its note. */
  async transition(complaintId: string, input: { to: ComplaintStatus; note: string }, staff: Staff) {
    return this.changeCase(complaintId, staff, input.note, (c, now) => {
      if (!complaintMayMove(c.status, input.to)) {
        const next = complaintNextStatuses(c.status);
        throw invalidTransition(
          `The case is ${c.status}; ` + (next.length ? `it can go to ${next.join(' or ')}` : 'it is closed'),
        );
      }
      const result = input.to === 'rectified' || input.to === 'explained';
      return {
        set: {
          status: input.to,
          ...(input.to === 'closed' ? { closed_at: now } : {}),
          ...(result ? { rectified_at: now } : {}),
        },
        kind: 'transition',
        to: input.to,
        ...(result && this.onResult
          ? { after: (tx: Tx, c: ComplaintRow) => this.onResult!(tx, c, input.to, now) }
          : {}),
      };
    });
  }

  /** Told of a case rectified or explained, in its transaction (the rater's text message). */
  onResult: ((tx: Tx, c: ComplaintRow, to: ComplaintStatus, now: Date) => Promise<void>) | null = null;

  /**
   * 申诉: the clerk's unit disputes the rating (the clerk who served, or a manager); the case keeps
   * its status and gets the flag until an admin reviews it.
   */
  async appeal(complaintId: string, input: { note: string }, staff: Staff) {
    return this.changeCase(
      complaintId,
      staff,
      input.note,
      (c) => {
        if (c.status === 'closed') throw invalidTransition('The case is closed');
        if (c.appeal) throw invalidTransition('The case is already under appeal');
        return { set: { appeal: true }, kind: 'appeal', to: c.status };
      },
      (row) => {
        if (staff.role === 'clerk' && row.clerk_id === staff.id) assertHallAccess(staff, row.hall_id);
        else assertHallAccess(staff, row.hall_id, ['admin', 'manager']);
      },
    );
  }

  /**
   * Changes one case and records the step in its notes, in one transaction. `change` looks at
   * the locked case, throws when the step is not allowed, and says what to set and the note's
   * kind and resulting status.
   */
  async changeCase(
    complaintId: string,
    staff: Staff,
    note: string,
    change: (c: ComplaintRow, now: Date) => CaseChange,
    access: (row: CaseRow) => void = (row) => assertHallAccess(staff, row.hall_id, ['admin', 'manager']),
  ): Promise<Complaint> {
    const row = await this.load(complaintId);
    access(row);
    const now = this.clock.now();
    await transact(this.db, async (tx) => {
      const c = await lockComplaint(tx, row.id);
      const { set, kind, to, after } = change(c, now);
      await tx
        .updateTable('complaints')
        .set({ ...set, updated_at: now })
        .where('id', '=', c.id)
        .execute();
      await tx
        .insertInto('complaint_notes')
        .values({
          complaint_id: c.id,
          hall_id: c.hall_id,
          staff_id: staff.id,
          kind,
          from_status: c.status,
          to_status: to,
          // Free text never keeps an ID number or phone someone typed into it.
          note: maskFreeText(note),
          at: now,
        })
        .execute();
      if (after) await after(tx, c);
    });
    return this.view(await this.load(complaintId), staff);
  }

  async load(complaintId: string): Promise<CaseRow> {
    if (!isId(complaintId)) throw notFound('Case');
    const row = await baseQuery(this.db).where('c.id', '=', complaintId).executeTakeFirst();
    if (!row) throw notFound('Case');
    return row;
  }
}

async function lockComplaint(tx: Tx, id: string) {
  const c = await tx.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!c) throw notFound('Case');
  return c;
}

/** Midnight starting the service day `date` (+ `plusDays`) in the hall's zone. */
function dayStart(date: string, timezone: string, plusDays = 0): Date {
  return DateTime.fromISO(date, { zone: timezone }).plus({ days: plusDays }).startOf('day').toJSDate();
}
