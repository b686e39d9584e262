// Kiosk check-in by document (issue 13): the resident picks the document on large buttons naming
// it in Chinese and English, then types its number on a keypad with the letters that document
// needs (H/M for 港澳通行证, A–Z for passports and older permanent-resident cards; X only as the
// last character of an 18-character ID). A passport also needs its nationality code, typed on the
// same keypad into its own field.
import { DOC_NAMES, DOCUMENT_TYPES, type DocumentType } from '../ui/doc-check.ts';
import type { Lang } from '../ui/i18n.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** Longest number each document may have (the server checks the exact form). */
export const DOC_MAX: Record<DocumentType, number> = {
  resident_id: 18,
  residence_permit: 18,
  foreign_permanent: 18,
  hk_macau_permit: 11,
  tw_permit: 10,
  passport: 17,
};

/** The letters a document's number (or a passport's nationality) may contain. */
export function lettersFor(type: DocumentType | 'nationality'): string[] {
  switch (type) {
    case 'resident_id':
    case 'residence_permit':
      return ['X'];
    case 'hk_macau_permit':
      return ['H', 'M'];
    case 'tw_permit':
      return [];
    default:
      return ALPHABET;
  }
}

/** Whether a key may be typed now: the X of an ID only as its 18th character. */
export function keyAllowed(type: DocumentType | 'nationality', key: string, value: string): boolean {
  if (DIGITS.includes(key)) return type !== 'nationality';
  if (!lettersFor(type).includes(key)) return false;
  if (type === 'resident_id' || type === 'residence_permit') return value.length === 17;
  return true;
}

export function DocPicker({
  type,
  lang,
  label,
  onPick,
}: {
  type: DocumentType;
  lang: Lang;
  label: string;
  onPick: (t: DocumentType) => void;
}) {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (
    <div class="doc-picker" role="radiogroup" aria-label={label}>
      {DOCUMENT_TYPES.map((d) => (
        <button
          key={d}
          type="button"
          role="radio"
          aria-checked={type === d}
          class={`doc-choice${type === d ? ' doc-choice-on' : ''}`}
          data-testid={`doc-${d}`}
          onClick={() => onPick(d)}
        >
          <span class="doc-choice-main">{DOC_NAMES[d][lang]}</span>
          <span class="doc-choice-sub" lang={other === 'zh' ? 'zh-CN' : 'en'}>
            {DOC_NAMES[d][other]}
          </span>
        </button>
      ))}
    </div>
  );
}

/** Digits and the given letters, each a large key; letters that may not be typed now are greyed. */
export function AlphaKeypad({
  type,
  value,
  busy,
  label,
  deleteWord,
  onPress,
}: {
  type: DocumentType | 'nationality';
  value: string;
  busy: boolean;
  label: string;
  deleteWord: string;
  onPress: (key: string) => void;
}) {
  const letters = lettersFor(type);
  const keys = [...(type === 'nationality' ? [] : DIGITS), ...letters, 'del'];
  const wide = letters.length > 2;
  return (
    <div class={`keypad${wide ? ' keypad-alpha' : ''}`} role="group" aria-label={label}>
      {keys.map((k) => (
        <button
          key={k}
          type="button"
          class={`key${k === 'del' ? ' key-word' : ''}`}
          data-testid={`key-${k}`}
          disabled={busy || (k !== 'del' && !keyAllowed(type, k, value))}
          aria-label={k === 'del' ? deleteWord : k}
          onClick={() => onPress(k)}
        >
          {k === 'del' ? `⌫ ${deleteWord}` : k}
        </button>
      ))}
    </div>
  );
}
