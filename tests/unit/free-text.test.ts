import { describe, expect, it } from 'vitest';
import { cleanFreeText, maskFreeText } from '../../server/src/domain/free-text.ts';
import { findPersonalData } from '../helpers/privacy.ts';

describe('maskFreeText', () => {
  it('masks ID numbers and mobiles typed into a comment, however they are spaced', () => {
    const cases: [string, string][] = [
      ['我的身份证110105194912310021办不了', '我的身份证110***********0021办不了'],
      ['证号 11010519491231002X', '证号 110***********002X'],
      ['老证 110105491231002', '老证 110********1002'],
      ['请打13800138000联系', '请打138****8000联系'],
      ['电话 138 0013 8000', '电话 138****8000'],
      ['电话 138-0013-8000。', '电话 138****8000。'],
      ['+86 13800138000', '138****8000'],
    ];
    for (const [input, want] of cases) expect(maskFreeText(input), input).toBe(want);
  });

  it('leaves other numbers and already masked forms alone', () => {
    for (const text of ['等了 45 分钟, A003 号', '138****8000', '订单 2026111800012', '金额 1380013800']) {
      expect(maskFreeText(text)).toBe(text);
    }
  });

  it('never lets the privacy scanner find anything in what it stores', () => {
    const stored = cleanFreeText('  联系 13912345678 或 身份证 110105194912310021  ')!;
    expect(findPersonalData(stored)).toBeNull();
    expect(cleanFreeText('   ')).toBeNull();
  });
});
