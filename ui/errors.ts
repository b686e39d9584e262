// What went wrong, in words, for every error code the API can answer (server/src/errors.ts)
// and the two the browser makes itself (NETWORK, TIMEOUT). One table for every screen;
// tests/unit/error-words.test.ts checks each server code has both languages here.
import type { Lang } from './i18n.ts';

type Words = { zh: string; en: string };

export const ERROR_WORDS: Record<string, Words> = {
  NETWORK: { zh: '无法连接服务器，请稍后再试', en: 'Cannot reach the server; please try again' },
  TIMEOUT: { zh: '服务器响应超时，请稍后再试', en: 'The server took too long to answer; please try again' },
  VALIDATION_FAILED: {
    zh: '填写的内容有误，请检查后重试',
    en: 'Something entered is not valid; please check it',
  },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { zh: '您没有权限进行此操作', en: 'You may not do this' },
  NOT_FOUND: { zh: '找不到要操作的内容，可能已被更改', en: 'Not found; it may have changed meanwhile' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大', en: 'What was sent is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '提交的格式不受支持', en: 'The format of what was sent is not supported' },
  RATE_LIMITED: { zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; please wait a moment' },
  CONFLICT: { zh: '该请求正在处理中，请稍候', en: 'This request is still being processed; please wait' },
  INVALID_TRANSITION: {
    zh: '该号码当前的状态不允许此操作',
    en: 'The ticket is not in a state that allows this',
  },
  SUMMARY_REQUIRED: {
    zh: '办不成事窗口的号码须填写情况说明后再结束办理',
    en: 'A ticket at the could-not-be-done window needs a summary of what could not be done before it is finished',
  },
  HELP_ALREADY_REQUESTED: {
    zh: '已通知工作人员，请稍候，工作人员马上就到',
    en: 'The staff have been told already; someone is on the way',
  },
  CURRENT_TICKET_CALLED: {
    zh: '当前号码已呼叫：请先开始办理、重呼或标记过号',
    en: 'The current ticket is called: start it, recall it or mark it a no-show first',
  },
  COUNTER_NOT_OPEN: { zh: '窗口未开放（已暂停或关闭）', en: 'The counter is not open (paused or closed)' },
  COUNTER_TAKEN: { zh: '该窗口已有其他工作人员在岗', en: 'Another clerk is at this counter' },
  CLERK_AT_OTHER_COUNTER: {
    zh: '您已在其他窗口在岗，请先关闭那个窗口',
    en: 'You are at another counter; close it first',
  },
  NOT_ELIGIBLE: { zh: '该号码已转给其他窗口', en: 'This ticket was transferred to another counter' },
  ISSUING_CLOSED: { zh: '该事项现在不能现场取号', en: 'This matter issues no walk-in tickets now' },
  NO_CONTACT: {
    zh: '评价人未留下联系方式，无法回访',
    en: 'The rater left no phone number to follow up on',
  },
  CALENDAR_NOT_CONFIRMED: {
    zh: '该年度的节假日安排尚未公布确认，暂不能预约该日期',
    en: 'That year’s holiday arrangement is not yet published and confirmed; the date cannot be booked yet',
  },
  CALENDAR_INCONSISTENT: {
    zh: '节假日安排与国家规定不一致，请核对放假通知',
    en: 'The holiday arrangement does not agree with the national rules; check the notice',
  },
  HALL_CLOSED: {
    zh: '大厅现在不办公，请在开放时间取号',
    en: 'The hall is closed now; please take a ticket during opening hours',
  },
  MATTER_UNSERVED: {
    zh: '该事项今天暂无窗口办理，请咨询导服台',
    en: 'No counter serves this matter today; please ask at the help desk',
  },
  NOT_ENOUGH_HISTORY: {
    zh: '历史数据不足：至少需要一个工作日的取号和办结记录',
    en: 'Not enough history: at least one working day of issued and finished tickets is needed',
  },
  QUOTA_REACHED: { zh: '该事项今日的号已发完', en: 'Today’s tickets for this matter are all taken' },
  SLOT_FULL: { zh: '该时段已约满，请选择其他时段', en: 'This time slot is full; please choose another' },
  SLOT_UNAVAILABLE: {
    zh: '该时段不能预约（已过去、太近或不在办公时间内），请选择其他时段',
    en: 'This time slot cannot be booked (past, too soon or outside hours); please choose another',
  },
  NOT_BOOKABLE: {
    zh: '该事项不接受网上预约，请到大厅现场取号',
    en: 'This matter cannot be booked; take a ticket in the hall',
  },
  DUPLICATE_BOOKING: {
    zh: '您当天已预约过该事项，无需重复预约',
    en: 'You already have a booking for this matter on that day',
  },
  TOO_MANY_BOOKINGS: {
    zh: '您的有效预约已达上限，请先取消或办完已有的预约',
    en: 'You have as many active bookings as allowed; cancel or use one first',
  },
  BOOKING_BLOCKED: {
    zh: '因多次预约未到，暂时不能网上预约，请到大厅现场取号',
    en: 'Booking is blocked for a while after repeated no-shows; take a ticket in the hall',
  },
  CONFIRMATION_CODE_WRONG: {
    zh: '验证码不正确，请核对短信后重新输入',
    en: 'This is not the code we sent; please check the text message',
  },
  CONFIRMATION_LOCKED: {
    zh: '验证码输错次数过多，此预约无法确认，请重新预约',
    en: 'The code was mistyped too often; please book again',
  },
  CONFIRMATION_EXPIRED: {
    zh: '验证码已过期，预约已释放，请重新预约',
    en: 'The code has expired and the booking was released; please book again',
  },
  CHECK_IN_DEVICE_REQUIRED: {
    zh: '凭证件号签到请在大厅的自助机上办理，或使用预约码',
    en: 'Check in with your ID number at a hall kiosk, or use the booking code',
  },
  TOO_LATE_TO_CANCEL: {
    zh: '已过可取消或更改的时间，如需帮助请联系大厅工作人员',
    en: 'It is too late to cancel or change this booking; please contact the hall',
  },
  CHECK_IN_TOO_EARLY: {
    zh: '还未到签到时间，请在预约时段前不久再来签到',
    en: 'Too early to check in; please check in shortly before your time',
  },
  CHECK_IN_TOO_LATE: {
    zh: '已过签到时间，请现场取号或询问工作人员',
    en: 'Too late to check in; please take a ticket or ask staff',
  },
  ALREADY_CHECKED_IN: { zh: '该预约已经签到过了', en: 'This booking is already checked in' },
  ALREADY_RATED: { zh: '这次服务已经评价过了，谢谢', en: 'This service has been rated already; thank you' },
  RATING_CLOSED: { zh: '已超过可评价的期限', en: 'The time to rate this service is over' },
  NOT_FINISHED: { zh: '办理完成后才能评价', en: 'A service can be rated once it is finished' },
  ALREADY_EXISTS: {
    zh: '已有相同的编号、前缀或用户名，请换一个',
    en: 'That code, prefix, number or user name is taken; choose another',
  },
  INTERNAL: {
    zh: '系统出错，请稍后再试或联系工作人员',
    en: 'Something went wrong; please try again or ask staff',
  },
  UNAVAILABLE: { zh: '系统暂时不可用，请稍后再试', en: 'The system is unavailable for a moment' },
};

/** Words for an error code in `lang`; an unknown code gets a general sentence. */
export function errorWordsIn(code: string, serverMessage: string | undefined, lang: Lang): string {
  const known = ERROR_WORDS[code];
  if (known) return known[lang];
  if (lang === 'en' && serverMessage) return serverMessage;
  return lang === 'zh'
    ? '操作未成功，请重试或联系工作人员'
    : 'That did not work; please try again or ask staff';
}
