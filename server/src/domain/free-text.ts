// Free text that staff and residents type (rating comments, case notes) must not keep an ID
// number or a phone someone typed into it (issue 15): it is masked on write, with the same masks
// the rest of hallq shows (110***********1234, 138****5678). Pure: no I/O.
import { maskIdNumber, maskPhone } from './mask.ts';

// Digits may be typed with spaces or dashes between groups (138 0013 8000, 110105-1949…).
const SEP = '[\\s-]?';
const digits = (n: number) => Array.from({ length: n }, () => '\\d').join(SEP);
// 18-digit resident ID (last may be X), an old 15-digit one, and mainland mobiles (+86 optional).
const ID_18 = new RegExp(`(?<![\\dA-Za-z])${digits(17)}${SEP}[\\dXx](?![\\dA-Za-z])`, 'g');
const ID_15 = new RegExp(`(?<![\\dA-Za-z])${digits(15)}(?![\\dA-Za-z])`, 'g');
const MOBILE = new RegExp(
  `(?<![\\dA-Za-z])(?:\\+?86${SEP})?1${SEP}[3-9]${SEP}${digits(9)}(?![\\dA-Za-z])`,
  'g',
);

const onlyDigits = (s: string) => s.replace(/[^\dXx]/g, '');

/** The text with every ID number and mobile number in it masked. */
export function maskFreeText(text: string): string {
  return text
    .replace(ID_18, (m) => maskIdNumber(onlyDigits(m)))
    .replace(ID_15, (m) => maskIdNumber(onlyDigits(m)))
    .replace(MOBILE, (m) => maskPhone(onlyDigits(m).replace(/^86(?=1\d{10}$)/, '')));
}

/** Trimmed, masked, and null when empty: how a comment or note is stored. */
export function cleanFreeText(text: string | undefined | null): string | null {
  const t = text?.trim();
  return t ? maskFreeText(t) : null;
}
