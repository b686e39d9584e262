// Real-name booking checks: the 18-digit mainland resident ID number (GB 11643-1999) and the
// mainland mobile number. Pure: `today` is passed in. Messages never echo the number itself,
// so they are safe to log and to show on a shared kiosk screen.

export type IdCheckFailure = 'format' | 'legacy15' | 'birthDate' | 'checkDigit';

export type IdCheck =
  | { ok: true; /** YYYY-MM-DD */ birthDate: string; /** 18 characters, X upper-case */ normalized: string }
  | { ok: false; reason: IdCheckFailure; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Full-width digits and letters (typed with a Chinese IME) become ASCII; whitespace goes. */
function toAscii(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function fail(reason: IdCheckFailure, message: string): IdCheck {
  return { ok: false, reason, message };
}

export function checkIdNumber(id: string, today: string): IdCheck {
  const normalized = toAscii(id).toUpperCase();

  if (/^\d{15}$/.test(normalized)) {
    return fail(
      'legacy15',
      'This is an old 15-digit ID number. Please enter the 18-digit number on your current resident ID card.',
    );
  }
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return fail('format', 'An ID number has 18 characters: 17 digits followed by a digit or X.');
  }

  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isRealDate(year, month, day)) {
    return fail('birthDate', 'The birth date in this ID number is not a real date.');
  }
  // Same-length YYYY-MM-DD strings compare correctly as strings.
  if (birthDate > today) {
    return fail('birthDate', 'The birth date in this ID number is in the future.');
  }
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return fail('birthDate', 'The birth date in this ID number is before 1900.');
  }

  if (idCheckDigit(normalized.slice(0, 17)) !== normalized[17]) {
    return fail('checkDigit', 'This ID number is not valid. Please check it for typing mistakes.');
  }
  return { ok: true, birthDate, normalized };
}

/**
 * Strips what people type around a mobile number: spaces, dashes, and a leading +86 / 0086 / 86
 * country code. Full-width digits become ASCII. The result is what to validate and store.
 */
export function normalizePhone(phone: string): string {
  const compact = toAscii(phone).replace(/[-\u2010-\u2015\u2212\uFF0D]/g, '');
  const withoutCountryCode = /^(?:\+|\uFF0B|00)?86(1\d{10})$/.exec(compact);
  return withoutCountryCode?.[1] ?? compact;
}

/** A mainland mobile number, already normalized: 11 digits starting with 13–19. */
export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}
