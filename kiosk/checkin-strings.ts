import type { Strings } from '../ui/i18n.ts';

export const checkinStrings: Strings<
  | 'button'
  | 'buttonSub'
  | 'title'
  | 'lead'
  | 'byCode'
  | 'byId'
  | 'codeLabel'
  | 'codeEmpty'
  | 'delete'
  | 'clear'
  | 'submit'
  | 'checking'
  | 'back'
  | 'codeShort'
  | 'notFoundCode'
  | 'notFoundId'
  | 'tooEarly'
  | 'tooLate'
  | 'tooEarlyNoTime'
  | 'tooLateNoTime'
  | 'offerNormal'
  | 'takeNormal'
  | 'normalClosed'
  | 'alreadyIn'
  | 'alreadyInNoNumber'
  | 'notActive'
  | 'askStaff'
  | 'typeInto'
  | 'nationality'
> = {
  zh: {
    button: '预约签到',
    buttonSub: 'Check in a booking',
    title: '预约签到',
    lead: '请输入手机上的 10 位预约码，或选择预约时使用的证件并输入证件号码',
    byCode: '用预约码',
    byId: '用证件号码',
    codeLabel: '预约码（10 位数字）',
    codeEmpty: '请用下方数字键输入',
    delete: '退格',
    clear: '清空',
    submit: '签到取号',
    checking: '正在签到，请稍候…',
    back: '返回',
    codeShort: '预约码是 10 位数字，请输入完整',
    notFoundCode: '没有找到这个预约码的预约。请核对手机上的预约码，或改用身份证号签到。',
    notFoundId: '没有找到这个证件号码在本大厅的预约。请核对证件类型和号码，或改用预约码签到。',
    tooEarly: '您的预约时间是 {slot}。签到从 {from} 开始，请到时再来签到。',
    tooEarlyNoTime: '现在还不能签到。签到在预约时间前开始，预约时间请看预约短信。',
    tooLateNoTime: '这个预约的签到时间已过，不能再签到了。',
    tooLate: '您的预约时间是 {slot}，签到已于 {until} 截止，这个预约不能再签到了。',
    offerNormal: '您可以现场取一个普通号，办理同一事项「{matter}」：',
    takeNormal: '取普通号',
    normalClosed: '该事项现在不能现场取号，请到咨询台找工作人员。',
    alreadyIn: '这个预约已经签到过了，您的号码是 {number}，请留意叫号。',
    alreadyInNoNumber: '这个预约已经签到过了，请留意叫号。',
    notActive: '这个预约已取消或已失效，不能签到。如需办理，请取普通号或到咨询台。',
    askStaff: '如有疑问，请到咨询台找工作人员。',
    typeInto: '按键输入到',
    nationality: '国籍代码',
  },
  en: {
    button: '预约签到',
    buttonSub: 'Check in a booking',
    title: 'Check in a booking',
    lead: 'Enter the 10-digit booking code from your phone, or pick the document you booked with and enter its number',
    byCode: 'Booking code',
    byId: 'Document number',
    codeLabel: 'Booking code (10 digits)',
    codeEmpty: 'Use the keys below',
    delete: 'Delete',
    clear: 'Clear',
    submit: 'Check in',
    checking: 'Checking in…',
    back: 'Back',
    codeShort: 'A booking code has 10 digits; please enter all of them',
    notFoundCode: 'No booking has this code. Check the code on your phone, or check in with your ID number.',
    notFoundId:
      'No booking at this hall has this document number. Check the document and number, or check in with your booking code.',
    tooEarly: 'Your booking is at {slot}. Check-in opens at {from}; please come back then.',
    tooEarlyNoTime:
      'Check-in is not open yet. It opens shortly before your booked time; see your booking text message.',
    tooLateNoTime: 'Check-in for this booking has closed.',
    tooLate: 'Your booking was at {slot}; check-in closed at {until}, so it can no longer be checked in.',
    offerNormal: 'You can take a normal ticket for the same matter, “{matter}”:',
    takeNormal: 'Take a normal ticket',
    normalClosed: 'This matter issues no walk-in tickets now; please ask the staff at the help desk.',
    alreadyIn: 'This booking is already checked in: your number is {number}. Listen for it.',
    alreadyInNoNumber: 'This booking is already checked in. Listen for your number.',
    notActive:
      'This booking is cancelled or over and cannot be checked in. Take a normal ticket or ask the staff.',
    askStaff: 'If in doubt, ask the staff at the help desk.',
    typeInto: 'The keys type into',
    nationality: 'Nationality code',
  },
};
