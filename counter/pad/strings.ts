import type { Strings } from '../../ui/i18n.ts';

const zh = {
  title: '服务评价',
  noCounter: '网址缺少窗口参数（?counter=…），请由管理人员设置',
  pairTitle: '此评价器尚未与窗口配对',
  pairLead: '请大厅负责人登录，将本平板与该窗口配对。配对后无需再次登录。',
  pairSignIn: '负责人登录并配对',
  pairing: '正在配对…',
  paired: '配对成功',
  unpaired: '配对已失效，请重新配对',
  idleTitle: '欢迎评价',
  idleLead: '办理完成后，请在此为本次服务评价',
  clerkOnDuty: '工作人员：{name}',
  promptTitle: '请为本次服务评价',
  promptTicket: '号码 {number} · {matter}',
  reasonsTitle: '请选择不满意的原因（至少一项）',
  commentLabel: '留言（可选）',
  commentPlaceholder: '您的意见和建议',
  submit: '提交评价',
  back: '返回',
  sending: '正在提交…',
  thanks: '感谢您的评价！',
  thanksLead: '您的意见将帮助我们改进服务',
  alreadyRated: '该号码已评价，感谢您的参与',
  ratingClosed: '评价时间已过，感谢您的参与',
  reasonRequired: '请至少选择一个原因',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Rate our service',
  noCounter: 'The address has no counter (?counter=…); please ask staff to set up this pad',
  pairTitle: 'This pad is not paired with a counter yet',
  pairLead: 'A hall manager signs in once to pair this tablet with the counter.',
  pairSignIn: 'Sign in and pair',
  pairing: 'Pairing…',
  paired: 'Paired',
  unpaired: 'The pairing no longer works; please pair again',
  idleTitle: 'Your opinion counts',
  idleLead: 'When your business is done, please rate our service here',
  clerkOnDuty: 'Clerk: {name}',
  promptTitle: 'How was our service?',
  promptTicket: 'Ticket {number} · {matter}',
  reasonsTitle: 'What went wrong? (choose at least one)',
  commentLabel: 'Comment (optional)',
  commentPlaceholder: 'Your comments and suggestions',
  submit: 'Send rating',
  back: 'Back',
  sending: 'Sending…',
  thanks: 'Thank you for your rating!',
  thanksLead: 'Your opinion helps us serve you better',
  alreadyRated: 'This ticket has been rated already; thank you',
  ratingClosed: 'The time to rate this ticket has passed; thank you',
  reasonRequired: 'Please choose at least one reason',
};
export const strings: Strings<Key> = { zh, en };

/** The national five levels in English (the API gives the Chinese names). */
export const LEVELS_EN: Record<number, string> = {
  5: 'Very satisfied',
  4: 'Satisfied',
  3: 'Basically satisfied',
  2: 'Dissatisfied',
  1: 'Very dissatisfied',
};

export { REASONS_EN } from '../../ui/reasons.ts';
