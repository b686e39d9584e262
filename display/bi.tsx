import { translator, type Lang, type Params } from '../ui/i18n.ts';
import { strings } from './strings.ts';

export type Key = keyof (typeof strings)['zh'];

/** A label in the screen's language with the other one beneath it. */
export function Bi({ k, params, lang }: { k: Key; params?: Params; lang: Lang }) {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (
    <span class="bi">
      <span class="bi-main">{translator(strings, lang)(k, params)}</span>
      <span class="bi-sub">{translator(strings, other)(k, params)}</span>
    </span>
  );
}
