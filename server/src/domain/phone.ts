// Phone numbers of residents: mainland mobiles (kept as 11 digits, as before) and numbers of
// other places in E.164 (+852…, +853…, +886…, +44…), checked with libphonenumber-js's mobile
// metadata, not a regular expression. Pure; the browser shares it (ui/id-check.ts).
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { isMainlandMobile, normalizePhone } from './id-number.ts';

export type PhoneCheck =
  | { ok: true; /** 11 digits for a mainland mobile, else E.164 */ phone: string; international: boolean }
  | { ok: false; reason: 'mainland' | 'international'; message: string };

/** A mainland mobile (with or without +86), or a mobile number of another place in E.164. */
export function checkPhone(input: string): PhoneCheck {
  const mainland = normalizePhone(input);
  if (isMainlandMobile(mainland)) return { ok: true, phone: mainland, international: false };
  const compact = mainland
    .replace(/[()\s.]/g, '')
    .replace(/^00/, '+')
    .replace(/^\uFF0B/, '+');
  if (!compact.startsWith('+')) {
    return {
      ok: false,
      reason: 'mainland',
      message:
        'A mainland mobile has 11 digits starting with 1; a number of another place starts with + and its country code',
    };
  }
  const parsed = parsePhoneNumberFromString(compact);
  if (
    !parsed ||
    !parsed.isValid() ||
    (parsed.getType() !== undefined &&
      parsed.getType() !== 'MOBILE' &&
      parsed.getType() !== 'FIXED_LINE_OR_MOBILE')
  ) {
    return {
      ok: false,
      reason: 'international',
      message: 'This is not a mobile number of the place its country code names; please check it',
    };
  }
  if (parsed.country === 'CN') return { ok: true, phone: parsed.nationalNumber, international: false };
  return { ok: true, phone: parsed.number, international: true };
}
