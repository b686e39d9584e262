// The two deadlines of a 差评 case (国办发〔2019〕51号: 回访核实, then 整改反馈), in working days
// of the hall's calendar from the day the case opened (that day does not count). Pure.
import { addWorkingDays, type CalendarRules } from './calendar.ts';
import type { ComplaintStatus } from './ratings.ts';

export const FOLLOW_UP_OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable', 'verified'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** What each outcome means, for screens and the feed. */
export const FOLLOW_UP_OUTCOME_LABELS: Record<FollowUpOutcome, string> = {
  satisfied: '回访满意',
  unsatisfied: '回访不满意',
  unreachable: '联系不上',
  verified: '已核实（匿名评价，无法回访）',
};

export function caseDueDates(
  openedDay: string,
  days: { followUpWorkingDays: number; rectifyWorkingDays: number },
  rules: CalendarRules,
): { followUpDue: string; rectifyDue: string } {
  return {
    followUpDue: addWorkingDays(openedDay, days.followUpWorkingDays, rules),
    rectifyDue: addWorkingDays(openedDay, days.rectifyWorkingDays, rules),
  };
}

/** 回访核实 overdue: not followed up (nor closed) after its due day. */
export function followUpOverdue(
  status: ComplaintStatus,
  followUpDue: string | null,
  followedUpAt: Date | string | null,
  today: string,
): boolean {
  return status !== 'closed' && followedUpAt === null && followUpDue !== null && followUpDue < today;
}
