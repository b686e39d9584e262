import { confirmedYears } from '../appointments/schedule-store.ts';
import type { Db, Tx } from '../db/index.ts';
import type { ComplaintKind, ComplaintNoteKind, FollowUpOutcomeRow } from '../db/types.ts';
import { yearKnown } from '../domain/calendar.ts';
import { followUpOverdue } from '../domain/case-deadlines.ts';
import {
  complaintNextStatuses,
  complaintOverdue,
  LEVEL_LABELS,
  type ComplaintStatus,
  type Score,
} from '../domain/ratings.ts';

// How a case of the 差评 ledger reads: the query that joins what a handler needs (the ticket,
// the counter, the matter, the clerk who served, what the resident said) and the mapping of its
// rows to the API's shape. Never who the resident is: the contact shows only masked, and only
// to managers (`contactMasked`); the number itself is behind the audited "show contact" action.

export interface ComplaintNote {
  id: string;
  kind: ComplaintNoteKind;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus;
  note: string;
  staffId: string | null;
  staffName: string | null;
  at: string;
}

export interface Complaint {
  id: string;
  hallId: string;
  /** 'rating': a 差评 case; 'unresolved': a 办不成事 case from the hall's 办不成事 window. */
  kind: ComplaintKind;
  /** 办不成事: the clerk's summary of what could not be done (null for a 差评 case). */
  summary: string | null;
  /** Null for a 办不成事 case (it has no rating). */
  ratingId: string | null;
  ticketId: string;
  ticketNumber: string;
  serviceDay: string;
  counterId: string | null;
  counterNumber: number | null;
  counterName: string | null;
  matterId: string;
  matterName: string;
  clerkId: string | null;
  clerkName: string | null;
  score: number | null;
  level: string | null;
  reasons: string[];
  comment: string | null;
  /** When the rating was given, or the 办不成事 case opened. */
  ratedAt: string;
  status: ComplaintStatus;
  nextStatuses: ComplaintStatus[];
  dueDate: string;
  /** The due date lies in a year whose holiday arrangement is not yet confirmed: it may move. */
  dueProvisional: boolean;
  overdue: boolean;
  /** 回访核实 due (working days after the rating, hall rule followUpWorkingDays). */
  followUpDue: string | null;
  followUpOverdue: boolean;
  followedUpAt: string | null;
  followUpOutcome: FollowUpOutcomeRow | null;
  /** When the case was rectified or explained (整改反馈). */
  rectifiedAt: string | null;
  /** The rater left a phone for 回访 (实名); only its masked form, and only to managers. */
  realName: boolean;
  contactMasked: string | null;
  appeal: boolean;
  appealDecision: 'upheld' | 'rejected' | null;
  appealReason: string | null;
  appealDecidedAt: string | null;
  /** An upheld appeal found the rating mistaken: kept and marked, counted in no figure. */
  ratingExcluded: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  notes: ComplaintNote[];
}

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function baseQuery(db: Db | Tx) {
  return db
    .selectFrom('complaints as c')
    .leftJoin('ratings as r', 'r.id', 'c.rating_id')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .leftJoin('counters as co', 'co.id', 'c.counter_id')
    .leftJoin('staff as s', 's.id', 'c.clerk_id')
    .select([
      'c.id',
      'c.hall_id',
      'c.kind',
      'c.summary',
      'c.rating_id',
      'c.ticket_id',
      'c.counter_id',
      'c.clerk_id',
      'c.matter_id',
      'c.status',
      'c.due_date',
      'c.appeal',
      'c.created_at',
      'c.updated_at',
      'c.closed_at',
      't.number as ticket_number',
      't.service_day',
      'co.number as counter_number',
      'co.name as counter_name',
      'm.name as matter_name',
      's.name as clerk_name',
      'r.score',
      'r.reasons',
      'r.comment',
      'r.created_at as rated_at',
      'c.follow_up_due',
      'c.followed_up_at',
      'c.follow_up_outcome',
      'c.rectified_at',
      'c.appeal_decision',
      'c.appeal_reason',
      'c.appeal_decided_at',
      'r.contact_phone_masked',
      'r.contact_erased_at',
      'r.excluded',
    ]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/** The rows as the API answers them, each with its notes in order. */
export async function toComplaints(db: Db | Tx, rows: CaseRow[], today: string): Promise<Complaint[]> {
  const ids = rows.map((r) => r.id);
  const confirmed = await confirmedYears(db);
  const notes = ids.length
    ? await db
        .selectFrom('complaint_notes as n')
        .leftJoin('staff as s', 's.id', 'n.staff_id')
        .select([
          'n.id',
          'n.complaint_id',
          'n.kind',
          'n.from_status',
          'n.to_status',
          'n.note',
          'n.staff_id',
          's.name as staff_name',
          'n.at',
        ])
        .where('n.complaint_id', 'in', ids)
        .orderBy('n.at')
        .orderBy('n.id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    hallId: r.hall_id,
    kind: r.kind,
    summary: r.summary,
    ratingId: r.rating_id,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    serviceDay: r.service_day,
    counterId: r.counter_id,
    counterNumber: r.counter_number,
    counterName: r.counter_name,
    matterId: r.matter_id,
    matterName: r.matter_name,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    score: r.score,
    level: r.score === null ? null : LEVEL_LABELS[r.score as Score],
    reasons: r.reasons ?? [],
    comment: r.comment,
    ratedAt: iso(r.rated_at ?? r.created_at)!,
    status: r.status,
    nextStatuses: complaintNextStatuses(r.status),
    dueDate: r.due_date,
    overdue: complaintOverdue(r.status, r.due_date, today),
    // Counted on a calendar whose year is not yet known: said, not hidden (issue 13).
    dueProvisional: !yearKnown(Number(r.due_date.slice(0, 4)), { confirmedYears: confirmed }),
    followUpDue: r.follow_up_due,
    followUpOverdue: followUpOverdue(r.status, r.follow_up_due, r.followed_up_at, today),
    followedUpAt: iso(r.followed_up_at),
    followUpOutcome: r.follow_up_outcome,
    rectifiedAt: iso(r.rectified_at),
    realName: (r.contact_phone_masked ?? null) !== null || (r.contact_erased_at ?? null) !== null,
    contactMasked: r.contact_phone_masked,
    appeal: r.appeal,
    appealDecision: r.appeal_decision,
    appealReason: r.appeal_reason,
    appealDecidedAt: iso(r.appeal_decided_at),
    ratingExcluded: r.excluded ?? false,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    closedAt: iso(r.closed_at),
    notes: notes
      .filter((n) => n.complaint_id === r.id)
      .map((n) => ({
        id: String(n.id),
        kind: n.kind,
        fromStatus: n.from_status,
        toStatus: n.to_status,
        note: n.note,
        staffId: n.staff_id,
        staffName: n.staff_name,
        at: iso(n.at)!,
      })),
  }));
}
