// Issue 13, finding 4: every resident's documents, each with its own check and message; GB/T
// 2260 region codes from the data package; phones by libphonenumber-js.
import { describe, expect, it } from 'vitest';
import { checkDocument, type DocumentType, idCheckDigit } from '../../server/src/domain/id-number.ts';
import { maskDocument, maskPhone } from '../../server/src/domain/mask.ts';
import { checkPhone } from '../../server/src/domain/phone.ts';
import { currentDivision, regionCodeValid } from '../../server/src/domain/region.ts';

const TODAY = '2026-11-18';
const withCheck = (first17: string) => first17 + idCheckDigit(first17);
const wrongCheck = (n: string) => n.slice(0, 17) + (n[17] === '0' ? '1' : '0');
const check = (type: DocumentType, n: string, nationality?: string) =>
  checkDocument(type, n, TODAY, { regionValid: regionCodeValid, nationality });

const CASES: {
  type: DocumentType;
  valid: string;
  wrongCheck?: string;
  wrongFormat: string;
  nationality?: string;
}[] = [
  {
    type: 'resident_id',
    valid: withCheck('11010519800101001'),
    wrongCheck: wrongCheck(withCheck('11010519800101001')),
    wrongFormat: '1101051980010100',
  },
  {
    type: 'residence_permit',
    valid: withCheck('81000019940823002'),
    wrongCheck: wrongCheck(withCheck('81000019940823002')),
    wrongFormat: '81000019940823',
  },
  {
    type: 'foreign_permanent',
    valid: withCheck('91182619800101001'),
    wrongCheck: wrongCheck(withCheck('91182619800101001')),
    wrongFormat: 'GB1180010100120',
  },
  { type: 'hk_macau_permit', valid: 'H12345678', wrongFormat: 'X12345678' },
  { type: 'tw_permit', valid: '12345678', wrongFormat: '1234567' },
  { type: 'passport', valid: 'E12345678', wrongFormat: 'E1-2', nationality: 'GB' },
];

describe.each(CASES)('$type', (c) => {
  it('accepts a valid number', () => {
    expect(check(c.type, c.valid, c.nationality)).toMatchObject({ ok: true, type: c.type });
  });
  it('refuses a wrong format with its own message', () => {
    const r = check(c.type, c.wrongFormat, c.nationality);
    expect(r).toMatchObject({ ok: false, reason: 'format' });
    expect(r.ok ? '' : r.message).not.toContain(c.wrongFormat);
  });
  if (c.wrongCheck) {
    it('refuses a wrong check digit', () => {
      expect(check(c.type, c.wrongCheck!, c.nationality)).toMatchObject({ ok: false, reason: 'checkDigit' });
    });
  }
});

describe('document details', () => {
  it('accepts the 2017 foreign permanent residence card (3 letters, 12 digits) with a real birth date', () => {
    expect(check('foreign_permanent', 'GBR118001010012')).toMatchObject({ ok: true });
    expect(check('foreign_permanent', 'GBR118013010012')).toMatchObject({ ok: false, reason: 'birthDate' });
    expect(check('foreign_permanent', 'GBR998001010012')).toMatchObject({ ok: false, reason: 'region' });
  });
  it('refuses a residence permit outside 810000/820000/830000', () => {
    expect(check('residence_permit', withCheck('11010519800101001'))).toMatchObject({
      ok: false,
      reason: 'region',
    });
    expect(check('residence_permit', withCheck('83000019900101002'))).toMatchObject({ ok: true });
  });
  it('asks a passport for its nationality and keys it by nationality', () => {
    expect(check('passport', 'E12345678')).toMatchObject({ ok: false, reason: 'nationality' });
    const gb = check('passport', 'E12345678', 'GB');
    const us = check('passport', 'E12345678', 'US');
    expect(gb.ok && us.ok && gb.key !== us.key).toBe(true);
  });
  it('keeps the resident ID key of before, and keys other documents by type', () => {
    const id = withCheck('11010519800101001');
    expect(check('resident_id', id)).toMatchObject({ key: `resident-id:${id}` });
    expect(check('tw_permit', '12345678')).toMatchObject({ key: 'tw_permit:12345678' });
  });
  it('masks other documents', () => {
    expect(maskDocument('H12345678')).toBe('H****5678');
    expect(maskDocument('12345678')).toBe('1***5678');
  });
});

describe('GB/T 2260 region codes', () => {
  it('refuses a code that never existed', () => {
    expect(check('resident_id', withCheck('00000019800101001'))).toMatchObject({
      ok: false,
      reason: 'region',
    });
    expect(check('resident_id', withCheck('99010519800101001'))).toMatchObject({
      ok: false,
      reason: 'region',
    });
    expect(regionCodeValid('720000')).toBe(false);
    expect(regionCodeValid('810000')).toBe(false); // 港澳台 are residence permits, not resident IDs
  });
  it('keeps codes of divisions since merged or renamed valid (宣武区 110104, 巢湖市 341400)', () => {
    expect(currentDivision('110104')).toBe(false);
    expect(check('resident_id', withCheck('11010419800101001'))).toMatchObject({ ok: true });
    expect(check('resident_id', withCheck('34140019800101001'))).toMatchObject({ ok: true });
    expect(currentDivision('110105')).toBe(true);
  });
  it('accepts 重庆 50 and the old Sichuan 51 numbers of Chongqing people', () => {
    expect(regionCodeValid('500101')).toBe(true);
    expect(regionCodeValid('512201')).toBe(true);
  });
});

describe('checkPhone', () => {
  it('keeps mainland mobiles as 11 digits, with or without +86', () => {
    expect(checkPhone('139 1234 5678')).toEqual({ ok: true, phone: '13912345678', international: false });
    expect(checkPhone('+86 139-1234-5678')).toEqual({ ok: true, phone: '13912345678', international: false });
  });
  it('keeps numbers of other places in E.164', () => {
    expect(checkPhone('+852 9123 4567')).toEqual({ ok: true, phone: '+85291234567', international: true });
    expect(checkPhone('00853 6612 3456')).toEqual({ ok: true, phone: '+85366123456', international: true });
    expect(checkPhone('+44 7400 123456')).toEqual({ ok: true, phone: '+447400123456', international: true });
  });
  it('refuses what is not a mobile number', () => {
    expect(checkPhone('12345')).toMatchObject({ ok: false, reason: 'mainland' });
    expect(checkPhone('+852 123')).toMatchObject({ ok: false, reason: 'international' });
    expect(checkPhone('+852 2123 4567')).toMatchObject({ ok: false, reason: 'international' }); // a Hong Kong landline
  });
  it('masks an international number', () => {
    expect(maskPhone('+85291234567')).toBe('+852****4567');
  });
});
