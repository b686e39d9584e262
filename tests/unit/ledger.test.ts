import { describe, expect, it } from 'vitest';
import { NO_CALENDAR_RULES } from '../../server/src/domain/calendar.ts';
import {
  COMPLAINT_STATUSES,
  complaintDueDate,
  complaintMayMove,
  complaintNextStatuses,
  complaintOverdue,
  isPoorScore,
  isSatisfiedScore,
  ratingOpen,
} from '../../server/src/domain/ratings.ts';

// 2026 National Day: 10-01 … 10-07 off; Sunday 09-20 and Saturday 10-10 are make-up working days.
describe('差评 ledger due dates', () => {
  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat make-up (3), 10-12 Mon (4), 10-13 Tue (5).
    expect(complaintDueDate('2026-09-30', 5, NO_CALENDAR_RULES)).toBe('2026-10-13');
    // 09-30 (1), then straight to 10-08 (2).
    expect(complaintDueDate('2026-09-29', 2, NO_CALENDAR_RULES)).toBe('2026-10-08');
    // A case opened on the holiday itself runs from the first working day after it.
    expect(complaintDueDate('2026-10-03', 1, NO_CALENDAR_RULES)).toBe('2026-10-08');
    expect(complaintDueDate('2026-10-03', 3, NO_CALENDAR_RULES)).toBe('2026-10-10');
  });

  it('counts the make-up Sunday before the holiday', () => {
    // Opened Saturday 09-19: 09-20 Sun make-up (1), 09-21 … 09-24 (2 … 5).
    expect(complaintDueDate('2026-09-19', 5, NO_CALENDAR_RULES)).toBe('2026-09-24');
    // Opened Friday 09-18: the weekend's Sunday counts, Saturday does not.
    expect(complaintDueDate('2026-09-18', 1, NO_CALENDAR_RULES)).toBe('2026-09-20');
  });

  it('skips plain weekends and follows the hall’s own closed and extra days', () => {
    expect(complaintDueDate('2026-11-18', 5, NO_CALENDAR_RULES)).toBe('2026-11-25');
    expect(
      complaintDueDate('2026-11-18', 5, {
        closedDates: ['2026-11-19'],
        extraWorkingDays: ['2026-11-21'],
        overrides: [],
      }),
    ).toBe('2026-11-25'); // 19 closed; 20 (1), Saturday 21 extra (2), 23 (3), 24 (4), 25 (5)
    expect(
      complaintDueDate('2026-11-18', 5, { closedDates: ['2026-11-19'], extraWorkingDays: [], overrides: [] }),
    ).toBe('2026-11-26');
  });

  it('is overdue only after the due date and while not closed', () => {
    expect(complaintOverdue('open', '2026-10-13', '2026-10-13')).toBe(false);
    expect(complaintOverdue('open', '2026-10-13', '2026-10-14')).toBe(true);
    expect(complaintOverdue('explained', '2026-10-13', '2026-10-20')).toBe(true);
    expect(complaintOverdue('closed', '2026-10-13', '2026-10-20')).toBe(false);
  });
});

describe('差评 ledger steps', () => {
  it('allows exactly open → contacted → rectified | explained → closed', () => {
    const allowed = COMPLAINT_STATUSES.flatMap((from) =>
      COMPLAINT_STATUSES.filter((to) => complaintMayMove(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'open→contacted',
        'contacted→rectified',
        'contacted→explained',
        'rectified→closed',
        'explained→closed',
      ].sort(),
    );
    expect(complaintNextStatuses('closed')).toEqual([]);
  });
});

describe('rating levels and window', () => {
  it('treats 2 and 1 as 差评 and 5, 4, 3 as satisfied', () => {
    expect([5, 4, 3, 2, 1].map(isPoorScore)).toEqual([false, false, false, true, true]);
    expect([5, 4, 3, 2, 1].map(isSatisfiedScore)).toEqual([true, true, true, false, false]);
  });

  it('stays open for 7 days after the finish', () => {
    const finished = new Date('2026-11-18T02:00:00Z');
    expect(ratingOpen(finished, new Date('2026-11-25T02:00:00Z'))).toBe(true);
    expect(ratingOpen(finished, new Date('2026-11-25T02:00:01Z'))).toBe(false);
  });
});
