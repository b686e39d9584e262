// The booking form's checks in the browser bundle are the server's own (GB 11643 ID numbers,
// mainland mobiles), so the page never sends what the server would refuse, nor refuses what it
// would take.
import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../server/src/domain/id-number.ts';
import { checkName, checkPhone, toBody, validatePerson } from '../../resident/book/validate.ts';
import { makeIdNumber, withBadCheckDigit } from '../helpers/appointments.ts';

const TODAY = '2026-11-18';
const good = { name: '张小明', idNumber: makeIdNumber('1960-01-01', 12), phone: '13900001111' };

describe('the booking form checks', () => {
  it('accepts a valid person', () => {
    expect(validatePerson(good, TODAY)).toEqual({});
  });

  it('names each wrong field with the reason the server would give', () => {
    expect(validatePerson({ name: ' ', idNumber: '', phone: '' }, TODAY)).toEqual({
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
      idNumber: good.idNumber,
      phone: '13900001111',
    });
  });
});
