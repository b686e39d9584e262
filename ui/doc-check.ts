// Every resident's documents (issue 13), in the browser: the six document types with their
// names, hints and the words for each failure, checked by the very function the server uses
// (server/src/domain/id-number.ts, pure). The GB/T 2260 region table stays on the server (it is
// a data package, too heavy for a phone page): its refusal comes back as a field error.
// Phones: a mainland mobile is checked here; a number of another place is only shaped here
// (+ and 7–15 digits) and checked by the server with libphonenumber-js, whose metadata would
// not fit a phone page's budget.
import { checkDocument, DOCUMENT_TYPES, type DocumentType } from '../server/src/domain/id-number.ts';
import type { Lang, Strings } from './i18n.ts';
import { isMainlandMobile, normalizePhone } from './id-check.ts';

export { DOCUMENT_TYPES, type DocumentType };

export type DocProblem =
  'empty' | 'format' | 'legacy15' | 'birthDate' | 'checkDigit' | 'region' | 'nationality';
export type PhoneProblem = 'phoneEmpty' | 'phoneBad' | 'phoneIntlBad';

export const DOC_NAMES: Record<DocumentType, Record<Lang, string>> = {
  resident_id: { zh: '居民身份证', en: 'Resident ID card (mainland)' },
  residence_permit: { zh: '港澳台居民居住证', en: 'Residence permit for HK, Macao and Taiwan residents' },
  foreign_permanent: { zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID card' },
  hk_macau_permit: { zh: '港澳居民来往内地通行证', en: 'Mainland travel permit for HK and Macao residents' },
  tw_permit: { zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit for Taiwan residents' },
  passport: { zh: '护照', en: 'Passport' },
};

/** What the number field is called and what it looks like, by document. */
export const DOC_FIELDS: Record<
  DocumentType,
  Record<Lang, { label: string; hint: string; format: string }>
> = {
  resident_id: {
    zh: {
      label: '身份证号',
      hint: '18 位，最后一位可能是 X',
      format: '身份证号应为 18 位：前 17 位是数字，最后一位是数字或 X',
    },
    en: {
      label: 'Resident ID number',
      hint: '18 characters; the last may be X',
      format: 'An ID number has 18 characters: 17 digits, then a digit or X',
    },
  },
  residence_permit: {
    zh: {
      label: '居住证号码',
      hint: '18 位，以 810000、820000 或 830000 开头',
      format: '居住证号码应为 18 位：前 17 位是数字，最后一位是数字或 X',
    },
    en: {
      label: 'Residence permit number',
      hint: '18 characters, starting 810000, 820000 or 830000',
      format: 'A residence permit number has 18 characters: 17 digits, then a digit or X',
    },
  },
  foreign_permanent: {
    zh: {
      label: '永久居留身份证号码',
      hint: '2023 年起为以 9 开头的 18 位数字；旧证为 3 个字母加 12 位数字',
      format: '号码应为以 9 开头的 18 位数字，或 3 个字母加 12 位数字（旧证）',
    },
    en: {
      label: 'Permanent resident card number',
      hint: 'Since 2023: 18 digits starting with 9; older cards: 3 letters and 12 digits',
      format: 'The number is 18 digits starting with 9, or 3 letters and 12 digits (older cards)',
    },
  },
  hk_macau_permit: {
    zh: {
      label: '通行证号码',
      hint: 'H 或 M 开头，后接 8 位数字',
      format: '港澳居民来往内地通行证号码为 H 或 M 加 8 位数字',
    },
    en: {
      label: 'Travel permit number',
      hint: 'H or M followed by 8 digits',
      format: 'The permit number is H or M followed by 8 digits',
    },
  },
  tw_permit: {
    zh: { label: '通行证号码', hint: '8 位数字', format: '台湾居民来往大陆通行证号码为 8 位数字' },
    en: { label: 'Travel permit number', hint: '8 digits', format: 'The permit number has 8 digits' },
  },
  passport: {
    zh: { label: '护照号码', hint: '5 至 17 位字母和数字', format: '护照号码为 5 至 17 位字母和数字' },
    en: {
      label: 'Passport number',
      hint: '5 to 17 letters and digits',
      format: 'A passport number has 5 to 17 letters and digits',
    },
  },
};

export const docWords: Strings<
  Exclude<DocProblem, 'format'> | 'docType' | 'nationalityLabel' | 'nationalityHint'
> = {
  zh: {
    docType: '证件类型',
    empty: '请填写证件号码',
    legacy15: '这是旧的 15 位身份证号，请填写现在使用的 18 位号码',
    birthDate: '号码里的出生日期不对，请核对',
    checkDigit: '号码校验不通过，可能有数字输错了，请逐位核对',
    region: '号码开头的地区代码不存在，请核对',
    nationality: '请填写护照上的国籍代码，如 GB、USA',
    nationalityLabel: '国籍（护照上的国家代码）',
    nationalityHint: '2 或 3 个字母，如 GB、DEU、USA',
  },
  en: {
    docType: 'Document',
    empty: 'Please enter the document number',
    legacy15: 'This is an old 15-digit number; please enter your 18-digit ID number',
    birthDate: 'The birth date inside this number is not right; please check it',
    checkDigit: 'This number does not add up; a digit may be mistyped, please check each one',
    region: 'The region code at the start of this number does not exist; please check it',
    nationality: 'Please enter the nationality code shown in the passport, e.g. GB or USA',
    nationalityLabel: 'Nationality (country code in the passport)',
    nationalityHint: '2 or 3 letters, e.g. GB, DEU, USA',
  },
};

/** The words for a document problem, in the reader's language. */
export function docProblemText(type: DocumentType, problem: DocProblem, lang: Lang): string {
  return problem === 'format' ? DOC_FIELDS[type][lang].format : docWords[lang][problem];
}

/** What is wrong with a document as typed (the region is the server's to check), or null. */
export function docProblem(
  type: DocumentType,
  number: string,
  nationality: string,
  today: string,
): DocProblem | null {
  if (!number.trim()) return 'empty';
  const c = checkDocument(type, number, today, { regionValid: () => true, nationality });
  return c.ok ? null : c.reason;
}

/** A mainland mobile (11 digits), or a number of another place starting with + (checked fully by the server). */
export function phoneProblem(phone: string): PhoneProblem | null {
  if (!phone.trim()) return 'phoneEmpty';
  const p = normalizePhone(phone);
  if (isMainlandMobile(p)) return null;
  const compact = p
    .replace(/[()\s.-]/g, '')
    .replace(/^00/, '+')
    .replace(/^\uFF0B/, '+');
  if (!compact.startsWith('+')) return 'phoneBad';
  return /^\+[1-9]\d{6,14}$/.test(compact) ? null : 'phoneIntlBad';
}

/** What is sent: a mainland mobile normalized, another place's number as typed without spaces. */
export function phoneBody(phone: string): string {
  const p = normalizePhone(phone);
  return isMainlandMobile(p)
    ? p
    : p
        .replace(/[()\s.-]/g, '')
        .replace(/^00/, '+')
        .replace(/^\uFF0B/, '+');
}
