// Every error code the API can answer has words in both languages in the screens' one table.
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/src/errors.ts';
import { ERROR_WORDS, errorWordsIn } from '../../ui/errors.ts';

describe('the screens’ error words', () => {
  it.each(Object.keys(ERROR_STATUS))('has %s in Chinese and English', (code) => {
    const words = ERROR_WORDS[code];
    expect(words?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(words?.en).toMatch(/^[\x20-\x7e’“”…–—]+$/);
  });

  it('says what happened for a taken prefix, not a general failure', () => {
    expect(errorWordsIn('ALREADY_EXISTS', 'A matter with this code or prefix exists', 'zh')).toContain(
      '前缀',
    );
    expect(errorWordsIn('ALREADY_EXISTS', undefined, 'en')).toContain('prefix');
  });
});
