// The booking form's checks in the browser bundle are the server's own (GB 11643 ID numbers,
// mainland mobiles), so the page never sends what the server would refuse, nor refuses what it
// would take.
import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../server/src/domain/id-number.ts';
import { checkName, checkPhone, toBody, validatePerson, type Person } from '../../resident/book/validate.ts';
import { checkPhone as serverPhone } from '../../server/src/domain/phone.ts';
import { makeIdNumber, withBadCheckDigit } from '../helpers/appointments.ts';

const TODAY = '2026-11-18';
const good: Person = {
  name: '张小明',
  documentType: 'resident_id',
  idNumber: makeIdNumber('1960-01-01', 12),
  nationality: '',
  phone: '13900001111',
};

describe('the booking form checks', () => {
  it('accepts a valid person', () => {
    expect(validatePerson(good, TODAY)).toEqual({});
  });

  it('names each wrong field with the reason the server would give', () => {
    expect(validatePerson({ ...good, name: ' ', idNumber: '', phone: '' }, TODAY)).toEqual({
      name: 'nameEmpty',
      idNumber: 'empty',
      phone: 'phoneEmpty',
    });
    const id = good.idNumber;
    expect(validatePerson({ ...good, idNumber: withBadCheckDigit(id) }, TODAY).idNumber).toBe('checkDigit');
    expect(validatePerson({ ...good, idNumber: id.slice(0, 15) }, TODAY).idNumber).toBe('legacy15');
    expect(validatePerson({ ...good, idNumber: id.slice(0, 17) }, TODAY).idNumber).toBe('format');
    const future = makeIdNumber('2030-01-01', 1);
    expect(validatePerson({ ...good, idNumber: future }, TODAY).idNumber).toBe('birthDate');
    expect(checkName('张'.repeat(31))).toBe('nameLong');
    expect(checkPhone('12345678901')).toBe('phoneBad');
  });

  it('agrees with the server on every ID number it checks', () => {
    for (let seq = 0; seq < 200; seq++) {
      const id = makeIdNumber('1985-06-15', seq);
      for (const candidate of [id, withBadCheckDigit(id), id.toLowerCase()]) {
        const server = checkIdNumber(candidate, TODAY);
        expect(validatePerson({ ...good, idNumber: candidate }, TODAY).idNumber).toBe(
          server.ok ? undefined : server.reason,
        );
      }
    }
  });

  it('sends a normalized mobile and a trimmed name', () => {
    expect(toBody({ ...good, name: ' 张小明 ', phone: '+86 139-0000-1111' })).toEqual({
      name: '张小明',
      documentType: 'resident_id',
      idNumber: good.idNumber,
      phone: '13900001111',
    });
  });

  it('checks each document type by its own format, and a passport asks for its nationality', () => {
    const doc = (documentType: Person['documentType'], idNumber: string, nationality = '') =>
      validatePerson({ ...good, documentType, idNumber, nationality }, TODAY);
    expect(doc('hk_macau_permit', 'H12345678')).toEqual({});
    expect(doc('hk_macau_permit', 'X12345678').idNumber).toBe('format');
    expect(doc('tw_permit', '12345678')).toEqual({});
    expect(doc('tw_permit', '1234567').idNumber).toBe('format');
    expect(doc('passport', 'E12345678', 'GB')).toEqual({});
    expect(doc('passport', 'E12345678')).toEqual({ nationality: 'nationality' });
    expect(doc('passport', 'E1', '')).toEqual({ nationality: 'nationality', idNumber: 'format' });
    expect(doc('foreign_permanent', 'USA318504040012')).toEqual({});
    // A resident ID number is refused as a permit number: each type has its own rule.
    expect(doc('hk_macau_permit', good.idNumber).idNumber).toBe('format');
    expect(
      toBody({ ...good, documentType: 'passport', idNumber: 'E12345678', nationality: 'gb' }),
    ).toMatchObject({
      documentType: 'passport',
      nationality: 'GB',
    });
  });

  it('takes a number of another place in E.164 where the server does, and names what is wrong', () => {
    for (const p of ['+852 9123 4567', '+853 6612 3456', '+886 912 345 678', '+44 7911 123456']) {
      expect(checkPhone(p), p).toBeUndefined();
      expect(serverPhone(toBody({ ...good, phone: p }).phone).ok, p).toBe(true);
    }
    expect(toBody({ ...good, phone: '+852 9123 4567' }).phone).toBe('+85291234567');
    expect(checkPhone('91234567')).toBe('phoneBad'); // no + : not a mainland mobile
    expect(checkPhone('+852 12')).toBe('phoneIntlBad');
  });
});
