import type { Strings } from '../../ui/i18n.ts';

export const strings: Strings<
  | 'title'
  | 'limit'
  | 'limitNoMinutes'
  | 'reschedule'
  | 'cancel'
  | 'cancelConfirm'
  | 'cancelYes'
  | 'cancelNo'
  | 'cancelling'
  | 'cancelled'
  | 'rescheduled'
  | 'rescheduleTitle'
  | 'rescheduleTo'
  | 'rescheduling'
  | 'newTime'
  | 'keep'
  | 'bookAgain'
  | 'bookOther'
  | 'checkedInNote'
  | 'cancelledNote'
  | 'noShowNote'
  | 'doneNote'
  | 'bookedNote'
> = {
  zh: {
    title: '我的预约',
    limit: '最晚可在 {time} 前取消或改约（预约开始前 {n}截止）。',
    limitNoMinutes: '最晚可在 {time} 前取消或改约。',
    reschedule: '改约其他时间',
    cancel: '取消预约',
    cancelConfirm: '确定要取消这个预约吗？取消后这个时段会立即让给别人。',
    cancelYes: '确定取消',
    cancelNo: '不取消',
    cancelling: '正在取消…',
    cancelled: '预约已取消。',
    rescheduled: '已改约到 {when}。',
    rescheduleTitle: '选择新的时间',
    rescheduleTo: '改约到这个时间',
    rescheduling: '正在改约…',
    newTime: '新的时间',
    keep: '不改了',
    bookAgain: '重新预约',
    bookOther: '预约其他事项',
    checkedInNote: '您已签到，请在大厅留意叫号。',
    cancelledNote: '这个预约已取消。如仍需办理，可以重新预约或到大厅现场取号。',
    noShowNote: '这个预约没有按时签到，已记为失约。如仍需办理，可以重新预约或到大厅现场取号。',
    doneNote: '这个预约的事项已办结。',
    bookedNote: '请按时到大厅，在自助机“预约签到”处输入预约码取号。',
  },
  en: {
    title: 'My booking',
    limit: 'You can cancel or change it until {time} ({n} before the start).',
    limitNoMinutes: 'You can cancel or change it until {time}.',
    reschedule: 'Change the time',
    cancel: 'Cancel the booking',
    cancelConfirm: 'Cancel this booking? The place goes to someone else at once.',
    cancelYes: 'Yes, cancel it',
    cancelNo: 'No, keep it',
    cancelling: 'Cancelling…',
    cancelled: 'The booking is cancelled.',
    rescheduled: 'Changed to {when}.',
    rescheduleTitle: 'Choose the new time',
    rescheduleTo: 'Change to this time',
    rescheduling: 'Changing…',
    newTime: 'New time',
    keep: 'Keep the old time',
    bookAgain: 'Book again',
    bookOther: 'Book something else',
    checkedInNote: 'You are checked in; watch for your number in the hall.',
    cancelledNote: 'This booking is cancelled. You can book again, or take a ticket at the hall.',
    noShowNote:
      'This booking was not checked in in time and counts as missed. You can book again, or take a ticket at the hall.',
    doneNote: 'This booking has been dealt with.',
    bookedNote: 'Come to the hall on time and enter your booking code at a kiosk under “Check in a booking”.',
  },
};
