// 好差评: the national five levels, the fixed list of reasons for a poor rating, and the 差评
// ledger's state machine and due date. Pure: no I/O; dates are service days `YYYY-MM-DD`.
import { addWorkingDays, type CalendarRules } from './calendar.ts';

export const SCORES = [5, 4, 3, 2, 1] as const;
export type Score = (typeof SCORES)[number];

/** The national 政务服务好差评 levels. */
export const LEVEL_LABELS: Record<Score, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** Reasons a resident may give for a score of 2 or 1 (at least one is required). */
export const RATING_REASONS = ['服务态度', '办事效率', '一次性告知', '多次跑腿', '环境设施', '其他'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

/** A ticket can be rated for this long after it was finished. */
export const RATING_WINDOW_DAYS = 7;
export const COMMENT_MAX_LENGTH = 500;

/** 差评: a score that needs a reason and opens a case in the ledger. */
export const isPoorScore = (score: number) => score <= 2;

/**
 * 满意 in the national 好差评 convention: 非常满意, 满意 and 基本满意 (5, 4, 3) count as
 * satisfied (好评); 不满意 and 非常不满意 (2, 1) are 差评 and open a ledger case.
 */
export const SATISFIED_MIN_SCORE = 3;
export const isSatisfiedScore = (score: number) => score >= SATISFIED_MIN_SCORE;

/** Whether a rating made at `now` of a ticket finished at `finishedAt` is still in time. */
export function ratingOpen(finishedAt: Date, now: Date): boolean {
  return now.getTime() - finishedAt.getTime() <= RATING_WINDOW_DAYS * 24 * 3600_000;
}

export const ratingClosesAt = (finishedAt: Date) =>
  new Date(finishedAt.getTime() + RATING_WINDOW_DAYS * 24 * 3600_000);

// --- the 差评 ledger ------------------------------------------------------------------------

export const COMPLAINT_STATUSES = ['open', 'contacted', 'rectified', 'explained', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** open → contacted → rectified | explained → closed. */
const NEXT: Record<ComplaintStatus, ComplaintStatus[]> = {
  open: ['contacted'],
  contacted: ['rectified', 'explained'],
  rectified: ['closed'],
  explained: ['closed'],
  closed: [],
};

export const complaintNextStatuses = (from: ComplaintStatus): ComplaintStatus[] => [...NEXT[from]];

export const complaintMayMove = (from: ComplaintStatus, to: ComplaintStatus) => NEXT[from].includes(to);

export const DEFAULT_COMPLAINT_DUE_WORKING_DAYS = 5;

/**
 * A case opened on service day `openedDay` is due `workingDays` working days later (the day it
 * was opened does not count), with the national holidays, 调休 and the hall's own days applied.
 */
export function complaintDueDate(openedDay: string, workingDays: number, rules: CalendarRules): string {
  return addWorkingDays(openedDay, workingDays, rules);
}

/** Overdue: still not closed after its due date (the due date itself is still in time). */
export function complaintOverdue(status: ComplaintStatus, dueDate: string, today: string): boolean {
  return status !== 'closed' && dueDate < today;
}
