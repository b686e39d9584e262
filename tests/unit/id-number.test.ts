import { describe, expect, it } from 'vitest';

import { checkIdNumber, isMainlandMobile, normalizePhone } from '../../server/src/domain/id-number.ts';

const TODAY = '2026-05-20';

/** An ID number with a correct check digit, computed independently of the code under test. */
function makeId(region: string, birth: string, sequence = '123'): string {
  const first17 = region + birth + sequence;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

describe('checkIdNumber', () => {
  it('accepts the standard example number and reads its birth date', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      normalized: '11010519491231002X',
    });
  });

  it('accepts a number with a computed check digit', () => {
    const id = makeId('440305', '19900615');
    expect(checkIdNumber(id, TODAY)).toMatchObject({ ok: true, birthDate: '1990-06-15', normalized: id });
  });

  it('accepts a lower-case x and normalizes it to upper case', () => {
    expect(checkIdNumber('11010519491231002x', TODAY)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
  });

  it('ignores spaces and full-width digits typed with a Chinese input method', () => {
    expect(checkIdNumber(' 110105 19491231 002X ', TODAY)).toMatchObject({ ok: true });
    expect(checkIdNumber('１１０１０５１９４９１２３１００２ｘ', TODAY)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
  });

  it('rejects a bad check digit', () => {
    expect(checkIdNumber('110105194912310021', TODAY)).toMatchObject({ ok: false, reason: 'checkDigit' });
  });

  it('catches a single mistyped digit through the check digit', () => {
    const id = makeId('320102', '19851103');
    const typo = id.slice(0, 8) + (id[8] === '5' ? '6' : '5') + id.slice(9);
    expect(checkIdNumber(typo, TODAY)).toMatchObject({ ok: false, reason: 'checkDigit' });
  });

  it('rejects a birth date that does not exist', () => {
    for (const birth of ['19901301', '19900230', '19900431', '19900100', '19000229']) {
      expect(checkIdNumber(makeId('110105', birth), TODAY)).toMatchObject({ ok: false, reason: 'birthDate' });
    }
  });

  it('accepts 29 February in a leap year', () => {
    expect(checkIdNumber(makeId('110105', '20000229'), TODAY)).toMatchObject({ ok: true });
  });

  it('rejects a birth date after today but accepts one born today', () => {
    expect(checkIdNumber(makeId('110105', '20260521'), TODAY)).toMatchObject({
      ok: false,
      reason: 'birthDate',
    });
    expect(checkIdNumber(makeId('110105', '20260520'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2026-05-20',
    });
  });

  it('rejects a birth date before 1900', () => {
    expect(checkIdNumber(makeId('110105', '18991231'), TODAY)).toMatchObject({
      ok: false,
      reason: 'birthDate',
    });
    expect(checkIdNumber(makeId('110105', '19000101'), TODAY)).toMatchObject({ ok: true });
  });

  it('rejects a legacy 15-digit number and asks for the 18-digit one', () => {
    const result = checkIdNumber('110105491231002', TODAY);
    expect(result).toMatchObject({ ok: false, reason: 'legacy15' });
    expect(!result.ok && result.message).toMatch(/18-digit/);
  });

  it('rejects malformed input as a format error', () => {
    for (const id of [
      '',
      '1101051949123100',
      '1101051949123100211',
      '11010519491231002Y',
      '1101051949X231002X',
    ]) {
      expect(checkIdNumber(id, TODAY)).toMatchObject({ ok: false, reason: 'format' });
    }
  });

  it('never echoes the number in its message', () => {
    const inputs = [
      '110105194912310021',
      '110105491231002',
      makeId('110105', '19901301'),
      '11010519491231002Y',
    ];
    for (const id of inputs) {
      const result = checkIdNumber(id, TODAY);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).not.toContain(id);
        expect(result.message).not.toMatch(/\d{6}/);
      }
    }
  });
});

describe('normalizePhone', () => {
  it('strips spaces, dashes and the +86 country code', () => {
    expect(normalizePhone('138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('86-13800138000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
  });

  it('leaves a number without country code as it is', () => {
    expect(normalizePhone('13800138000')).toBe('13800138000');
    expect(normalizePhone('010-12345678')).toBe('01012345678');
  });
});

describe('isMainlandMobile', () => {
  it('accepts 11 digits starting with 13 to 19', () => {
    for (const phone of ['13800138000', '15912345678', '19912345678', '16612345678']) {
      expect(isMainlandMobile(phone)).toBe(true);
    }
  });

  it('rejects other prefixes, lengths and characters', () => {
    for (const phone of ['12800138000', '10800138000', '1380013800', '138001380001', '1380013800a', '']) {
      expect(isMainlandMobile(phone)).toBe(false);
    }
  });

  it('expects a normalized number', () => {
    expect(isMainlandMobile('+86 138 0013 8000')).toBe(false);
    expect(isMainlandMobile(normalizePhone('+86 138 0013 8000'))).toBe(true);
  });
});
