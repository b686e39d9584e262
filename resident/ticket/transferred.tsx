// Where a transferred ticket went (issue 17): the matter it now waits for and, when the clerk
// sent it to one, the counter that will call it; in the reader's language.
import { matterName, useLang, useT, type Strings } from '../../ui/i18n.ts';
import type { Matter } from '../../ui/types.ts';

export interface TransferredTo {
  matterId: string;
  counterNumber: number | null;
}

const strings: Strings<'toCounter' | 'toMatter'> = {
  zh: {
    toCounter: '您的号已转到 {n} 号窗口（{matter}），请留意该窗口叫号',
    toMatter: '您的号已转到「{matter}」，由办理该事项的窗口叫号',
  },
  en: {
    toCounter: 'Your ticket was moved to counter {n} ({matter}); listen for that counter’s call',
    toMatter: 'Your ticket was moved to “{matter}”; a counter serving it will call you',
  },
};

export function TransferredNote({ to, matters }: { to: TransferredTo; matters: Matter[] }) {
  const t = useT(strings);
  const lang = useLang();
  const m = matters.find((x) => x.id === to.matterId);
  const matter = m ? matterName(m, lang) : '';
  return (
    <p class="ticket-transferred" data-testid="transferred-to">
      {to.counterNumber ? t('toCounter', { n: to.counterNumber, matter }) : t('toMatter', { matter })}
    </p>
  );
}
