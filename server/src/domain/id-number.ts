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

// --- every document a resident may book with ---------------------------------------------

/** The documents a hall accepts for booking and check-in. */
export const DOCUMENT_TYPES = [
  'resident_id', // 居民身份证 (GB 11643-1999, region GB/T 2260)
  'residence_permit', // 港澳台居民居住证 (GB 11643 layout, region 810000/820000/830000)
  'foreign_permanent', // 外国人永久居留身份证 (2017: 15 characters; 2023: 18 digits from 9)
  'hk_macau_permit', // 港澳居民来往内地通行证 (H/M + 8 digits, older cards + 2)
  'tw_permit', // 台湾居民来往大陆通行证 (8 digits, older 10)
  'passport', // 护照, with the holder's nationality
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type DocumentCheckFailure = IdCheckFailure | 'region' | 'nationality';

export type DocumentCheck =
  | { ok: true; type: DocumentType; normalized: string; /** what the keyed hash is made of */ key: string }
  | { ok: false; reason: DocumentCheckFailure; message: string };

const PERMIT_REGIONS = ['810000', '820000', '830000'];

/** 18 characters in the GB 11643 layout: birth date and check digit as for the resident ID. */
function checkGb11643(n: string, today: string, what: string): DocumentCheck | null {
  if (!/^\d{17}[\dX]$/.test(n))
    return fail2('format', `A ${what} number has 18 characters: 17 digits followed by a digit or X.`);
  const birth = checkBirth(n.slice(6, 14), today, what);
  if (birth) return birth;
  if (idCheckDigit(n.slice(0, 17)) !== n[17])
    return fail2('checkDigit', `This ${what} number is not valid. Please check it for typing mistakes.`);
  return null;
}

function checkBirth(yyyymmdd: string, today: string, what: string): DocumentCheck | null {
  const [y, m, d] = [
    Number(yyyymmdd.slice(0, 4)),
    Number(yyyymmdd.slice(4, 6)),
    Number(yyyymmdd.slice(6, 8)),
  ];
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (!isRealDate(y, m, d) || date > today || date < EARLIEST_BIRTH_DATE)
    return fail2('birthDate', `The birth date in this ${what} number is not right.`);
  return null;
}

const fail2 = (reason: DocumentCheckFailure, message: string): DocumentCheck => ({
  ok: false,
  reason,
  message,
});

/**
 * Checks a document number by its type. `regionValid` checks a GB/T 2260 code (domain/region.ts;
 * passed in so this file stays free of the data). `nationality` (ISO 3166-1 alpha-2 or alpha-3)
 * is for passports. Messages never echo the number.
 */
export function checkDocument(
  type: DocumentType,
  input: string,
  today: string,
  opts: { regionValid: (code: string) => boolean; nationality?: string | undefined },
): DocumentCheck {
  const n = toAscii(input).toUpperCase();
  const ok = (normalized: string, key = `${type}:${normalized}`): DocumentCheck => ({
    ok: true,
    type,
    normalized,
    key,
  });
  switch (type) {
    case 'resident_id': {
      const id = checkIdNumber(n, today);
      if (!id.ok) return id;
      if (!opts.regionValid(id.normalized.slice(0, 6)))
        return fail2(
          'region',
          'The first six digits of this ID number are not a region code of the mainland.',
        );
      // The same key as before document types, so existing bookings keep counting.
      return ok(id.normalized, `resident-id:${id.normalized}`);
    }
    case 'residence_permit': {
      const bad = checkGb11643(n, today, 'residence permit');
      if (bad) return bad;
      if (!PERMIT_REGIONS.includes(n.slice(0, 6)))
        return fail2(
          'region',
          'A residence permit for Hong Kong, Macao and Taiwan residents starts with 810000, 820000 or 830000.',
        );
      return ok(n);
    }
    case 'foreign_permanent': {
      if (/^9\d{16}[\dX]$/.test(n)) {
        // 2023 card: 9, province of issue (2), nationality (3), birth date (8), sequence (3), check.
        if (!opts.regionValid(`${n.slice(1, 3)}0000`))
          return fail2(
            'region',
            'Digits 2–3 of this permanent residence card number are not a province code.',
          );
        const bad = checkGb11643(n, today, 'permanent residence card');
        return bad ?? ok(n);
      }
      if (/^[A-Z]{3}\d{12}$/.test(n)) {
        // 2017 card: nationality (3 letters), province of issue (2), birth date YYMMDD, 4 more.
        if (!opts.regionValid(`${n.slice(3, 5)}0000`))
          return fail2(
            'region',
            'Digits 4–5 of this permanent residence card number are not a province code.',
          );
        const yy = n.slice(5, 7);
        const century = `20${yy}0101` <= today.replaceAll('-', '') ? '20' : '19';
        const bad = checkBirth(`${century}${n.slice(5, 11)}`, today, 'permanent residence card');
        return bad ?? ok(n);
      }
      return fail2(
        'format',
        'A foreign permanent residence card number is 18 digits starting with 9 (since 2023), or 3 letters and 12 digits (older cards).',
      );
    }
    case 'hk_macau_permit':
      return /^[HM]\d{8}(\d{2})?$/.test(n)
        ? ok(n.slice(0, 9))
        : fail2(
            'format',
            'A Mainland Travel Permit for Hong Kong and Macao Residents number is H or M followed by 8 digits.',
          );
    case 'tw_permit':
      return /^\d{8}(\d{2})?$/.test(n)
        ? ok(n.slice(0, 8))
        : fail2('format', 'A Mainland Travel Permit for Taiwan Residents number has 8 digits.');
    case 'passport': {
      const nat = toAscii(opts.nationality ?? '').toUpperCase();
      if (!/^[A-Z]{2,3}$/.test(nat))
        return fail2('nationality', 'Please choose the nationality shown in the passport.');
      return /^[A-Z0-9]{5,17}$/.test(n)
        ? ok(n, `passport:${nat}:${n}`)
        : fail2('format', 'A passport number has 5 to 17 letters and digits.');
    }
  }
}
