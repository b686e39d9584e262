import { describe, expect, it } from 'vitest';
import {
  callText,
  callUtterances,
  chineseNumber,
  DEFAULT_VOICE,
  spellTicketNumber,
  voiceFrom,
} from '../../server/src/domain/call-speech.ts';

describe('spellTicketNumber', () => {
  it('spells every digit, so A101 is never read as 一百零一', () => {
    expect(spellTicketNumber('A001')).toBe('A 零 零 一');
    expect(spellTicketNumber('A101')).toBe('A 一 零 一');
    expect(spellTicketNumber('B020')).toBe('B 零 二 零');
    expect(spellTicketNumber('AB1000')).toBe('A B 一 零 零 零');
  });
});

describe('chineseNumber', () => {
  it('says a counter number as a number', () => {
    const said = [0, 1, 2, 3, 10, 12, 20, 21, 100, 101, 110, 1005, 2010].map(chineseNumber);
    expect(said).toEqual([
      '零',
      '一',
      '二',
      '三',
      '十',
      '十二',
      '二十',
      '二十一',
      '一百',
      '一百零一',
      '一百一十',
      '一千零五',
      '二千零一十',
    ]);
  });
});

describe('callText', () => {
  it('words the default call with the number spelled and the counter said', () => {
    expect(callText({ number: 'A001', counterNumber: 3 })).toBe('请 A 零 零 一 号到 三 号窗口办理');
    expect(callText({ number: 'A101', counterNumber: 12 })).toBe('请 A 一 零 一 号到 十二 号窗口办理');
    expect(callText({ number: 'B020', counterNumber: 3 })).toBe('请 B 零 二 零 号到 三 号窗口办理');
  });

  it("uses the hall's own phrase", () => {
    const voice = voiceFrom({ phrase: '{number}号，请到{counter}号窗口' });
    expect(callText({ number: 'A101', counterNumber: 12 }, voice)).toBe('A 一 零 一 号，请到 十二 号窗口');
  });

  it('announces a recall as a recall', () => {
    expect(callText({ number: 'A101', counterNumber: 3, recall: true })).toBe(
      '请 A 一 零 一 号再次到 三 号窗口办理',
    );
  });

  it('adds an English sentence when the hall turns it on, in an English voice', () => {
    const voice = voiceFrom({ english: true });
    expect(callUtterances({ number: 'A101', counterNumber: 12 }, voice)).toEqual([
      { text: '请 A 一 零 一 号到 十二 号窗口办理', lang: 'zh-CN' },
      { text: 'Number A 1 0 1, please go to counter 12.', lang: 'en-US' },
    ]);
    expect(callUtterances({ number: 'A101', counterNumber: 12, recall: true }, voice)[1]!.text).toBe(
      'Number A 1 0 1, again, please go to counter 12.',
    );
    expect(callUtterances({ number: 'A101', counterNumber: 12 })).toHaveLength(1);
  });

  it('speaks twice by default', () => {
    expect(DEFAULT_VOICE.repeat).toBe(2);
    expect(voiceFrom(undefined)).toEqual(DEFAULT_VOICE);
  });
});
