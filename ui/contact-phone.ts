// "留下联系方式以便回访" (issue 15): the optional phone a resident may leave with a 差评 so the hall
// can follow up (实名差评回访). Shared by the phone's rating form and the counter's pad. Left
// empty, the rating stays anonymous; the server keeps the phone encrypted and masked and erases it
// after the case closes.
import type { Strings } from './i18n.ts';
import { isMainlandMobile, normalizePhone } from './id-check.ts';

export const contactWords: Strings<'label' | 'hint' | 'bad'> = {
  zh: {
    label: '留下联系方式以便回访（可选）',
    hint: '手机号仅用于核实情况和告知处理结果，加密保存，办结后删除；不填则匿名评价。',
    bad: '请输入 11 位手机号码，或留空匿名评价',
  },
  en: {
    label: 'Leave a phone number so we can follow up (optional)',
    hint: 'Used only to check what happened and tell you the outcome; kept encrypted, erased after the case closes. Leave it empty to rate anonymously.',
    bad: 'Please enter an 11-digit mobile number, or leave it empty',
  },
};

/** The phone to send (normalised), `null` for none, or `'bad'` when what was typed is no mobile. */
export function contactPhone(typed: string): string | null | 'bad' {
  if (!typed.trim()) return null;
  const phone = normalizePhone(typed);
  return isMainlandMobile(phone) ? phone : 'bad';
}
