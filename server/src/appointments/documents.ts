// The document a resident books and checks in with: its type (居民身份证 when none is given, so
// older clients keep working), checked by domain/id-number.ts, kept only as a keyed hash and a
// mask. The per-person rules count by document: the hash is of the type and the number.
import { z } from 'zod';
import type { FieldCrypto } from '../crypto.ts';
import { checkDocument, DOCUMENT_TYPES, type DocumentType } from '../domain/id-number.ts';
import { maskDocument, maskIdNumber } from '../domain/mask.ts';
import { checkPhone } from '../domain/phone.ts';
import { regionCodeValid } from '../domain/region.ts';
import { AppError } from '../errors.ts';

export const DocumentTypeIn = z
  .enum(DOCUMENT_TYPES)
  .describe(
    'resident_id 居民身份证 (default), residence_permit 港澳台居民居住证, foreign_permanent 外国人永久居留身份证, hk_macau_permit 港澳居民来往内地通行证, tw_permit 台湾居民来往大陆通行证, passport 护照 (give nationality)',
  );
export const NationalityIn = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}$/, 'must be an ISO 3166-1 country code such as GB or GBR')
  .describe('The passport’s nationality (ISO 3166-1 alpha-2 or alpha-3); for passports');

/** A mainland mobile, or another place's mobile in E.164; answers the stored form. */
export const PhoneIn = z
  .string()
  .max(24)
  .transform((p, ctx) => {
    const c = checkPhone(p);
    if (c.ok) return c.phone;
    ctx.addIssue({ code: 'custom', message: c.message });
    return z.NEVER;
  })
  .describe('A mainland mobile (11 digits) or a mobile of another place in E.164, e.g. +85291234567');

export interface DocumentIn {
  idNumber: string;
  documentType?: DocumentType | undefined;
  nationality?: string | undefined;
}

export interface CheckedDocument {
  type: DocumentType;
  key: string;
  masked: string;
}

export function invalidId(message: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: ['body', 'idNumber'], message, code: reason }]);
}

/** The checked document, or 400 VALIDATION_FAILED naming what is wrong with it. */
export function documentOf(input: DocumentIn, today: string): CheckedDocument {
  const type = input.documentType ?? 'resident_id';
  const c = checkDocument(type, input.idNumber, today, {
    regionValid: regionCodeValid,
    nationality: input.nationality,
  });
  if (!c.ok) throw invalidId(c.message, c.reason);
  return {
    type,
    key: c.key,
    masked: type === 'resident_id' ? maskIdNumber(c.normalized) : maskDocument(c.normalized),
  };
}

/** The keyed hash of a document: the same document gives the same hash in every hall. */
export const idHashOf = (crypto: FieldCrypto, key: string) => crypto.hash(key);
