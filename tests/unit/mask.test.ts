import { describe, expect, it } from 'vitest';

import { maskIdNumber, maskName, maskPhone } from '../../server/src/domain/mask.ts';

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters around 11 asterisks', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110***********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
  });

  it('masks a value too short to keep its ends entirely', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks a formatted number the same way', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
  });
});

describe('maskName', () => {
  it('keeps the first character and masks each of the others', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('买买提·艾力')).toBe('买*****');
  });

  it('shows at least one asterisk for a one-character name', () => {
    expect(maskName('张')).toBe('张*');
  });

  it('counts a character outside the BMP as one character', () => {
    // 𠮷 (U+20BB7) is one character written as a surrogate pair.
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('王𠮷')).toBe('王*');
  });

  it('returns an empty string for an empty name', () => {
    expect(maskName('')).toBe('');
  });
});
