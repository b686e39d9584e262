// Words shared by the resident pages: the slot calendar, appointment statuses and what a refused
// booking, change or cancellation means.
import type { Strings } from '../ui/i18n.ts';

export const strings: Strings<
  | 'pickDate'
  | 'pickTime'
  | 'prevMonth'
  | 'nextMonth'
  | 'placesLeft'
  | 'full'
  | 'noSlotsMonth'
  | 'noSlots'
  | 'legend'
  | 'slotsOn'
  | 'slotAria'
  | 'current'
  | 'dayAria'
  | 'loadingSlots'
  | 'retry'
  | 'status_booked'
  | 'status_checked_in'
  | 'status_cancelled'
  | 'status_no_show'
  | 'status_done'
  | 'nextOffer'
  | 'takeNext'
  | 'noNext'
  | 'pickOther'
  | 'linkBroken'
  | 'bookingBlockedUntil'
> = {
  zh: {
    pickDate: '选择日期',
    pickTime: '选择时段',
    prevMonth: '上个月',
    nextMonth: '下个月',
    placesLeft: '余 {n}',
    full: '已满',
    noSlotsMonth: '这个月没有可预约的日期',
    noSlots: '近期没有可预约的时段。请过几天再来看，或到大厅现场取号。',
    legend: '蓝色日期可以预约；灰色日期是休息日、节假日或已约满。',
    slotsOn: '{day} 的可选时段',
    slotAria: '{time}，{left}',
    current: '当前预约',
    dayAria: '{day}，还可预约 {n} 人',
    loadingSlots: '正在查询可预约的时段…',
    retry: '重试',
    status_booked: '已预约',
    status_checked_in: '已签到',
    status_cancelled: '已取消',
    status_no_show: '已失约（未按时签到）',
    status_done: '已办结',
    nextOffer: '最近还能预约的时段是 {when}。',
    takeNext: '预约这个时段',
    noNext: '近期没有其他可预约的时段了。',
    pickOther: '另选时间',
    linkBroken: '链接不完整或已失效。请使用预约成功时得到的链接打开。',
    bookingBlockedUntil: '（{date} 起可以再预约）',
  },
  en: {
    pickDate: 'Choose a day',
    pickTime: 'Choose a time',
    prevMonth: 'Previous month',
    nextMonth: 'Next month',
    placesLeft: '{n} left',
    full: 'Full',
    noSlotsMonth: 'No day can be booked in this month',
    noSlots: 'Nothing can be booked in the coming days. Look again later, or take a ticket at the hall.',
    legend: 'Blue days can be booked; grey days are weekends, holidays or fully booked.',
    slotsOn: 'Times on {day}',
    slotAria: '{time}, {left}',
    current: 'Your booking',
    dayAria: '{day}, {n} places left',
    loadingSlots: 'Looking up free times…',
    retry: 'Try again',
    status_booked: 'Booked',
    status_checked_in: 'Checked in',
    status_cancelled: 'Cancelled',
    status_no_show: 'Missed (not checked in in time)',
    status_done: 'Done',
    nextOffer: 'The next free time is {when}.',
    takeNext: 'Book this time',
    noNext: 'No other time is free in the coming days.',
    pickOther: 'Choose another time',
    linkBroken: 'This link is incomplete or no longer valid. Please open the link you got when booking.',
    bookingBlockedUntil: '(you can book again from {date})',
  },
};

/** What a refused booking, change or cancellation means, per error code. */
export const refusals: Strings<
  | 'SLOT_FULL'
  | 'SLOT_UNAVAILABLE'
  | 'DUPLICATE_BOOKING'
  | 'TOO_MANY_BOOKINGS'
  | 'BOOKING_BLOCKED'
  | 'NOT_BOOKABLE'
  | 'TOO_LATE_TO_CANCEL'
  | 'INVALID_TRANSITION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
> = {
  zh: {
    SLOT_FULL: '您选的时段刚刚被别人约满了。',
    SLOT_UNAVAILABLE: '这个时段已经不能预约了（可能已过了提前预约的时间）。',
    DUPLICATE_BOOKING:
      '您这一天已经预约过这个事项了：同一事项每人每天只能预约一次。可以换一天，或用原预约的链接改约。',
    TOO_MANY_BOOKINGS: '您尚未办理的预约已经达到上限。请先取消或办完已有的预约，再来预约。',
    BOOKING_BLOCKED: '由于近期多次预约后没有到场，暂时不能在线预约。您仍然可以到大厅现场取号办理。',
    NOT_BOOKABLE: '这个事项不能在线预约，请到大厅现场取号办理。',
    TOO_LATE_TO_CANCEL: '已经过了可以取消或改约的时间（{limit} 截止）。如果不能按时到，请联系大厅。',
    INVALID_TRANSITION: '这个预约已经签到、取消或失效，不能再更改。',
    NOT_FOUND: '找不到这个预约，请检查链接是否完整。',
    FORBIDDEN: '链接不完整或已失效。请使用预约成功时得到的链接打开。',
    UNAUTHENTICATED: '链接不完整或已失效。请使用预约成功时得到的链接打开。',
  },
  en: {
    SLOT_FULL: 'Someone has just taken the last place at the time you chose.',
    SLOT_UNAVAILABLE: 'This time can no longer be booked (it may be too soon).',
    DUPLICATE_BOOKING:
      'You already have a booking for this matter on that day: one per person per day. Choose another day, or change your booking with its link.',
    TOO_MANY_BOOKINGS:
      'You have as many open bookings as allowed. Cancel one, or book again once one is done.',
    BOOKING_BLOCKED:
      'After several missed bookings, booking online is paused for a while. You can still take a ticket at the hall.',
    NOT_BOOKABLE: 'This matter cannot be booked online; please take a ticket at the hall.',
    TOO_LATE_TO_CANCEL:
      'It is too late to cancel or change this booking (the limit was {limit}). If you cannot come, please contact the hall.',
    INVALID_TRANSITION: 'This booking is checked in, cancelled or over, so it cannot be changed.',
    NOT_FOUND: 'This booking cannot be found; check that the link is complete.',
    FORBIDDEN: 'This link is incomplete or no longer valid. Please open the link you got when booking.',
    UNAUTHENTICATED: 'This link is incomplete or no longer valid. Please open the link you got when booking.',
  },
};

export type RefusalCode = keyof (typeof refusals)['zh'];
export const isRefusal = (code: string): code is RefusalCode => code in refusals.zh;

/** Refusals where another time may help: the page offers the next free slot. */
export const OFFER_NEXT = new Set(['SLOT_FULL', 'SLOT_UNAVAILABLE', 'DUPLICATE_BOOKING']);
