import type { Strings } from '../../ui/i18n.ts';

export const strings: Strings<
  | 'title'
  | 'lead'
  | 'stepMatter'
  | 'stepTime'
  | 'stepPerson'
  | 'noBookable'
  | 'materialsTitle'
  | 'noMaterials'
  | 'change'
  | 'matter'
  | 'time'
  | 'rules'
  | 'name'
  | 'nameHint'
  | 'idNumber'
  | 'idHint'
  | 'phone'
  | 'phoneHint'
  | 'privacy'
  | 'submit'
  | 'submitting'
  | 'fixErrors'
  | 'nameEmpty'
  | 'nameLong'
  | 'phoneEmpty'
  | 'phoneBad'
  | 'doneTitle'
  | 'otpTitle'
  | 'otpHint'
  | 'otpLabel'
  | 'otpSubmit'
  | 'otpShort'
  | 'otpDone'
  | 'codeLabel'
  | 'codeHint'
  | 'qrAlt'
  | 'person'
  | 'checkIn'
  | 'changeUntil'
  | 'changeClosed'
  | 'idLine'
  | 'phoneLine'
  | 'manageTitle'
  | 'manageLink'
  | 'manageHint'
  | 'copy'
  | 'copied'
  | 'bookAnother'
  | 'myBookings'
> = {
  zh: {
    title: '预约办事',
    lead: '选好事项和时间，到时凭预约码在大厅自助机签到，优先叫号。',
    stepMatter: '1. 选择要办理的事项',
    stepTime: '2. 选择日期和时段',
    stepPerson: '3. 填写预约人信息',
    noBookable: '目前没有可以在线预约的事项，请到大厅现场取号。',
    materialsTitle: '一次性告知：办理时请带齐以下材料',
    noMaterials: '本事项无需准备材料。',
    change: '更改',
    matter: '事项',
    time: '时间',
    rules:
      '可预约今后 {days} 个工作日。最晚可在开始前 {cancel}取消或改约。请在预约时间前 {before} 分钟到后 {after} 分钟之间到大厅签到。',
    name: '姓名',
    nameHint: '与身份证上的姓名一致',
    idNumber: '身份证号',
    idHint: '18 位，最后一位可能是 X',
    phone: '手机号',
    phoneHint: '11 位手机号，用于接收预约提醒',
    privacy: '身份证号只用于核验和防止重复预约，系统不保存完整号码；手机号加密保存，到期自动删除。',
    submit: '确认预约',
    submitting: '正在提交…',
    fixErrors: '请先改正标出的内容',
    nameEmpty: '请填写姓名',
    nameLong: '姓名最多 30 个字',
    phoneEmpty: '请填写手机号',
    phoneBad: '请填写 11 位中国大陆手机号（以 1 开头）',
    doneTitle: '预约成功',
    otpTitle: '请确认手机号',
    otpHint: '验证码已发送到 {phone}。请在 30 分钟内输入，否则预约将被释放。',
    otpLabel: '短信验证码（6 位数字）',
    otpSubmit: '确认预约',
    otpShort: '验证码是 6 位数字，请输入完整',
    otpDone: '手机号已确认，预约已生效',
    codeLabel: '预约码',
    codeHint: '到大厅后，在自助机点“预约签到”，输入预约码（或身份证号）即可取号。',
    qrAlt: '预约码 {code} 的二维码',
    person: '预约人',
    idLine: '身份证',
    phoneLine: '手机',
    checkIn: '签到时间',
    changeUntil: '{time} 前可取消或改约',
    changeClosed: '已不能取消或改约（开始前 {n}截止）',
    manageTitle: '查看、改约或取消',
    manageLink: '打开我的预约',
    manageHint: '请收藏这个链接或截图保存本页，改约和取消都要用到。',
    copy: '复制链接',
    copied: '已复制',
    bookAnother: '再预约一项',
    myBookings: '在本手机上预约过的',
  },
  en: {
    title: 'Book a visit',
    lead: 'Choose a matter and a time; at the hall, check in at a kiosk with your booking code and be called first.',
    stepMatter: '1. What do you need to do?',
    stepTime: '2. Choose a day and a time',
    stepPerson: '3. Who is coming',
    noBookable: 'Nothing can be booked online at the moment; please take a ticket at the hall.',
    materialsTitle: 'Please bring all of these',
    noMaterials: 'Nothing needs to be brought for this matter.',
    change: 'Change',
    matter: 'Matter',
    time: 'Time',
    rules:
      'You can book up to {days} working days ahead, and cancel or change until {cancel} before the start. Check in at the hall between {before} min before and {after} min after your time.',
    name: 'Name',
    nameHint: 'As on your ID card',
    idNumber: 'Resident ID number',
    idHint: '18 characters; the last may be X',
    phone: 'Mobile number',
    phoneHint: '11 digits, for the reminder',
    privacy:
      'Your ID number is only checked and used against double bookings; the full number is not kept. The mobile number is stored encrypted and deleted later.',
    submit: 'Book',
    submitting: 'Sending…',
    fixErrors: 'Please correct what is marked first',
    nameEmpty: 'Please enter your name',
    nameLong: 'A name has at most 30 characters',
    phoneEmpty: 'Please enter your mobile number',
    phoneBad: 'Please enter an 11-digit mainland mobile number starting with 1',
    doneTitle: 'Booked',
    otpTitle: 'Confirm your phone',
    otpHint: 'We texted a code to {phone}. Enter it within 30 minutes, or the booking is released.',
    otpLabel: 'Code from the text message (6 digits)',
    otpSubmit: 'Confirm booking',
    otpShort: 'The code has 6 digits; please enter all of them',
    otpDone: 'Phone confirmed: the booking counts',
    codeLabel: 'Booking code',
    codeHint: 'At the hall, touch “Check in a booking” on a kiosk and enter this code (or your ID number).',
    qrAlt: 'QR code of booking code {code}',
    person: 'Booked for',
    idLine: 'ID',
    phoneLine: 'Mobile',
    checkIn: 'Check in',
    changeUntil: 'Cancel or change until {time}',
    changeClosed: 'Can no longer be cancelled or changed (closes {n} before the start)',
    manageTitle: 'See, change or cancel',
    manageLink: 'Open my booking',
    manageHint: 'Bookmark this link or take a screenshot: you need it to change or cancel.',
    copy: 'Copy link',
    copied: 'Copied',
    bookAnother: 'Book something else',
    myBookings: 'Booked on this phone',
  },
};
