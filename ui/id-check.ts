// The real-name checks of the booking and check-in screens, run in the browser before anything
// is sent: the very functions the server uses (server/src/domain/id-number.ts is pure, so Vite
// bundles it), with their failures put in words.
import {
  checkIdNumber,
  isMainlandMobile,
  normalizePhone,
  type IdCheckFailure,
} from '../server/src/domain/id-number.ts';
import type { Strings } from './i18n.ts';

export { checkIdNumber, isMainlandMobile, normalizePhone };

export type IdProblem = IdCheckFailure | 'empty';

export const idWords: Strings<IdProblem> = {
  zh: {
    empty: '请填写身份证号',
    format: '身份证号应为 18 位：前 17 位是数字，最后一位是数字或 X',
    legacy15: '这是旧的 15 位身份证号，请填写现在使用的 18 位号码',
    birthDate: '身份证号里的出生日期不对，请核对',
    checkDigit: '身份证号校验不通过，可能有数字输错了，请逐位核对',
  },
  en: {
    empty: 'Please enter your ID number',
    format: 'An ID number has 18 characters: 17 digits, then a digit or X',
    legacy15: 'This is an old 15-digit number; please enter your 18-digit ID number',
    birthDate: 'The birth date inside this ID number is not right; please check it',
    checkDigit: 'This ID number does not add up; a digit may be mistyped, please check each one',
  },
};

/** What is wrong with an ID number as typed, or null when it is a valid one. */
export function idProblem(input: string, today: string): IdProblem | null {
  if (!input.trim()) return 'empty';
  const check = checkIdNumber(input, today);
  return check.ok ? null : check.reason;
}

/** Today's date (YYYY-MM-DD) in a time zone, by this device's clock. */
export function todayIn(timeZone: string, at = Date.now()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}
