// Checks a year's national arrangement as entered from the State Council's notice (国务院办公厅
// 关于某年部分节假日安排的通知) before an admin may confirm it. The fixed-date holidays and the
// 13 days off come from 《全国年节及纪念日放假办法》 as revised in 2024 (in force from 2025):
// 元旦 1 day (1 January), 春节 4, 清明 1, 劳动节 2 (1–2 May), 端午 1, 中秋 1, 国庆 3 (1–3 October).
// Pure.
import { isoWeekday } from './calendar.ts';

export interface NoticeDay {
  date: string;
  kind: 'holiday' | 'workday';
}

/** Days the law fixes by date (from 2025): each must be a day off in the notice. */
const FIXED_HOLIDAYS = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];
/** Statutory days off a year (from 2025); a notice lists at least these, usually with weekends. */
const STATUTORY_DAYS = 13;

export interface NoticeProblem {
  code: 'other_year' | 'fixed_holiday_missing' | 'too_few_days_off' | 'workday_not_weekend' | 'both_kinds';
  date?: string;
  message: string;
}

/** What is inconsistent in a year's arrangement; empty when it can be confirmed. */
export function checkNotice(year: number, days: readonly NoticeDay[]): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const d of days) {
    if (!d.date.startsWith(`${year}-`)) {
      problems.push({ code: 'other_year', date: d.date, message: `${d.date} is not in ${year}` });
      continue;
    }
    (d.kind === 'holiday' ? holidays : workdays).add(d.date);
  }
  for (const date of workdays) {
    if (holidays.has(date))
      problems.push({
        code: 'both_kinds',
        date,
        message: `${date} is given as a day off and as a working day`,
      });
    // 调休: the notice moves working days onto weekends; a weekday is a working day anyway.
    else if (isoWeekday(date) <= 5)
      problems.push({
        code: 'workday_not_weekend',
        date,
        message: `${date} is a weekday; a make-up working day (调休) falls on a Saturday or Sunday`,
      });
  }
  for (const md of FIXED_HOLIDAYS) {
    const date = `${year}-${md}`;
    if (!holidays.has(date))
      problems.push({
        code: 'fixed_holiday_missing',
        date,
        message: `${date} is a statutory holiday and must be a day off`,
      });
  }
  if (holidays.size < STATUTORY_DAYS)
    problems.push({
      code: 'too_few_days_off',
      message: `${holidays.size} days off given; the law grants ${STATUTORY_DAYS} a year`,
    });
  return problems;
}
