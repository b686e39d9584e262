import type { Strings } from '../../ui/i18n.ts';

export const strings: Strings<
  | 'title'
  | 'yourNumber'
  | 'appointment'
  | 'status_waiting'
  | 'status_called'
  | 'status_serving'
  | 'status_done'
  | 'status_no_show'
  | 'status_cancelled'
  | 'ahead'
  | 'aheadNone'
  | 'wait'
  | 'goTo'
  | 'goToCounter'
  | 'calledLead'
  | 'calledAgain'
  | 'gotIt'
  | 'servingAt'
  | 'noShowNote'
  | 'cancelledNote'
  | 'expiredNote'
  | 'doneNote'
  | 'live'
  | 'sleepOk'
  | 'issuedAt'
  | 'cancel'
  | 'cancelConfirm'
  | 'cancelYes'
  | 'cancelNo'
  | 'cancelling'
  | 'badLink'
> = {
  zh: {
    title: '排队进度',
    yourNumber: '您的号码',
    appointment: '预约',
    status_waiting: '排队中',
    status_called: '正在叫您',
    status_serving: '办理中',
    status_done: '已办结',
    status_no_show: '已过号',
    status_cancelled: '已取消',
    ahead: '前面还有 {n} 人',
    aheadNone: '前面没有人了，请留意叫号',
    wait: '预计等候 {wait}',
    goTo: '请到 {n} 号窗口',
    goToCounter: '请到窗口办理',
    calledLead: '轮到您了',
    calledAgain: '第 {n} 次呼叫，请尽快前往',
    gotIt: '知道了',
    servingAt: '正在 {n} 号窗口办理',
    noShowNote: '叫号时您不在窗口，号码已过号。如仍需办理，请到窗口或咨询台说明，可以重新排队。',
    cancelledNote: '这个号码已取消。如仍需办理，请重新取号。',
    expiredNote: '今天的办理时间已结束，号码已作废。如仍需办理，请改天取号或预约。',
    doneNote: '事项已办结，感谢您的耐心等候。',
    live: '实时更新',
    sleepOk: '可以锁屏；回到本页会自动刷新。叫到您时手机会震动（如手机支持）。',
    issuedAt: '取号时间 {time}',
    cancel: '不排了，取消这个号',
    cancelConfirm: '确定不再排队了吗？取消后号码作废，要办理需重新取号。',
    cancelYes: '确定取消',
    cancelNo: '继续排队',
    cancelling: '正在取消…',
    badLink: '链接无效。请用手机扫描凭条上的二维码打开本页。',
  },
  en: {
    title: 'My place in the queue',
    yourNumber: 'Your number',
    appointment: 'Booked',
    status_waiting: 'Waiting',
    status_called: 'You are called',
    status_serving: 'Being served',
    status_done: 'Done',
    status_no_show: 'Missed',
    status_cancelled: 'Cancelled',
    ahead: '{n} ahead of you',
    aheadNone: 'Nobody is ahead of you; listen for your number',
    wait: 'Estimated wait {wait}',
    goTo: 'Please go to counter {n}',
    goToCounter: 'Please go to the counter',
    calledLead: 'It is your turn',
    calledAgain: 'Called {n} times; please hurry',
    gotIt: 'OK',
    servingAt: 'Being served at counter {n}',
    noShowNote:
      'You were not at the counter when called. If you still need it, tell the counter or the help desk: you can queue again.',
    cancelledNote: 'This ticket is cancelled. Take a new ticket if you still need to.',
    expiredNote:
      'The hall has closed for today and this ticket has lapsed. Take a ticket or book another day.',
    doneNote: 'All done. Thank you for waiting.',
    live: 'Live',
    sleepOk:
      'You can lock your phone; this page refreshes when you come back. It vibrates when you are called (if your phone can).',
    issuedAt: 'Taken at {time}',
    cancel: 'Leave the queue',
    cancelConfirm: 'Leave the queue? The number lapses and you would need a new ticket.',
    cancelYes: 'Yes, leave',
    cancelNo: 'Stay in the queue',
    cancelling: 'Cancelling…',
    badLink: 'This link is not valid. Scan the QR code on your ticket to open this page.',
  },
};

export const ratingStrings: Strings<
  | 'title'
  | 'lead'
  | 'level'
  | 'reasons'
  | 'reasonsRequired'
  | 'scoreRequired'
  | 'comment'
  | 'commentHint'
  | 'submit'
  | 'sending'
  | 'thanks'
  | 'thanksPoor'
  | 'rated'
  | 'closed'
  | 'level_5'
  | 'level_4'
  | 'level_3'
  | 'level_2'
  | 'level_1'
> = {
  zh: {
    title: '请为本次服务评价',
    lead: '评价是匿名的，工作人员看不到是谁评价的。',
    level: '满意程度',
    reasons: '请选择不满意的原因（至少一项）',
    reasonsRequired: '请至少选择一项不满意的原因',
    scoreRequired: '请先选择满意程度',
    comment: '意见或建议（选填）',
    commentHint: '最多 {n} 字',
    submit: '提交评价',
    sending: '正在提交…',
    thanks: '感谢您的评价！',
    thanksPoor: '我们会核实您反映的问题并尽快整改。',
    rated: '您已评价：{level}。感谢您的反馈！',
    closed: '已超过评价期限（办结后 {n} 天内可以评价）。',
    level_5: '非常满意',
    level_4: '满意',
    level_3: '基本满意',
    level_2: '不满意',
    level_1: '非常不满意',
  },
  en: {
    title: 'How was the service?',
    lead: 'Your rating is anonymous: the staff cannot see who gave it.',
    level: 'How satisfied are you',
    reasons: 'What was wrong? (choose at least one)',
    reasonsRequired: 'Please choose at least one reason',
    scoreRequired: 'Please choose how satisfied you are first',
    comment: 'Comments or suggestions (optional)',
    commentHint: 'At most {n} characters',
    submit: 'Send my rating',
    sending: 'Sending…',
    thanks: 'Thank you for your rating!',
    thanksPoor: 'We will look into what you told us and put it right.',
    rated: 'You rated this: {level}. Thank you!',
    closed: 'Rating has closed (it is open for {n} days after the service).',
    level_5: 'Very satisfied',
    level_4: 'Satisfied',
    level_3: 'Basically satisfied',
    level_2: 'Dissatisfied',
    level_1: 'Very dissatisfied',
  },
};

export { REASONS_EN } from '../../ui/reasons.ts';
