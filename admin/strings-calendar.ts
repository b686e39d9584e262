// The console's words for the calendar years, dated hours and weekend/evening hours (issue 13).
import type { Strings } from '../ui/i18n.ts';

const zh = {
  title: '全国节假日安排（按年）',
  lead: '预约只在放假安排已知的年份开放：节假日数据包收录的年份，或管理员依据国务院办公厅关于部分节假日安排的通知录入并确认的年份。',
  warnUnknown:
    '{year} 年的放假安排尚未确认：该年不开放预约，跨入该年的期限只是暂定。请录入国务院办公厅通知并确认。',
  warnEntered: '{year} 年已录入部分安排，但尚未确认：确认之前该年仍不开放预约。',
  source_package: '节假日数据包已收录',
  source_confirmed: '已由管理员确认',
  source_unknown: '未知（不开放预约）',
  adminOnly: '录入和确认由系统管理员完成。',
  noticeTitle: '录入 {year} 年国务院办公厅放假通知',
  daysOff: '放假（每行一天或一段，可加说明）',
  daysOffHint: '如：2027-10-01 至 2027-10-07 国庆节',
  workdays: '调休上班（每行一天，可加说明）',
  workdaysHint: '如：2027-10-09 国庆节调休',
  saveNotice: '检查并保存（不确认）',
  confirmAsIs: '按已录入内容确认',
  confirm: '检查并确认 {year} 年',
  savedNotice: '{year} 年安排已保存，尚未确认',
  confirmed: '{year} 年安排已确认，该年开放预约',
  dateHoursTitle: '特定日期的办公时间（延时服务、缩短办公）',
  dateHoursLead:
    '某一天与平常不同的办公时间，如周四延时到 19:00 的某个日期、节前提前下班。闭厅请写在“闭厅日期”。',
  date: '日期',
  addDate: '添加日期',
  remove: '删除',
  noDateHours: '暂无',
  weekendHint:
    '周六、周日勾选“开放”并填写时间即为周末办公；晚间延时服务把关门时间填晚即可（如 19:00），个别日期见下方。',
  lastTicketHint: '闭厅前多少分钟停止现场取号，默认 30；各事项可单独设置。',
};
type Key = keyof typeof zh;

export const calendarStrings: Strings<Key> = {
  zh,
  en: {
    title: 'National holiday arrangement (by year)',
    lead: 'Booking opens only in years whose arrangement is known: from the holiday package, or entered by an admin from the State Council General Office notice and confirmed.',
    warnUnknown:
      'The holiday arrangement for {year} is not confirmed: nothing is booked in {year} and deadlines into it are provisional. Please enter the State Council notice and confirm it.',
    warnEntered:
      'Part of the {year} arrangement is entered but not confirmed: {year} stays closed for booking until it is confirmed.',
    source_package: 'known from the holiday package',
    source_confirmed: 'confirmed by an admin',
    source_unknown: 'unknown (not bookable)',
    adminOnly: 'An admin enters and confirms the arrangement.',
    noticeTitle: 'Enter the State Council holiday notice for {year}',
    daysOff: 'Days off (one day or range a line, a note may follow)',
    daysOffHint: 'e.g. 2027-10-01 至 2027-10-07 国庆节',
    workdays: 'Make-up working days (one a line, a note may follow)',
    workdaysHint: 'e.g. 2027-10-09 国庆节调休',
    saveNotice: 'Check and save (not confirmed)',
    confirmAsIs: 'Confirm as entered',
    confirm: 'Check and confirm {year}',
    savedNotice: 'The {year} arrangement is saved, not yet confirmed',
    confirmed: 'The {year} arrangement is confirmed; {year} is open for booking',
    dateHoursTitle: 'Hours of given dates (evening service, shorter days)',
    dateHoursLead:
      'A day whose hours differ from its weekday’s: a Thursday open until 19:00, a short day before a holiday. A closure goes under “Closed dates”.',
    date: 'Date',
    addDate: 'Add a date',
    remove: 'Remove',
    noDateHours: 'None',
    weekendHint:
      'Tick “Open” for Saturday or Sunday and give the hours to open at weekends; for evening service set a later closing (e.g. 19:00), for single dates see below.',
    lastTicketHint:
      'Walk-in tickets stop this many minutes before closing (default 30); a matter may set its own.',
  },
};
