import type { Strings } from '../ui/i18n.ts';

/** What became of a call, for the wall's recent list (a ticket's status, in the hall's words). */
export const callStatus: Strings<'called' | 'serving' | 'done' | 'no_show' | 'waiting' | 'cancelled'> = {
  zh: {
    called: '请前往',
    serving: '办理中',
    done: '已办结',
    no_show: '过号',
    waiting: '重新排队',
    cancelled: '已取消',
  },
  en: {
    called: 'please go',
    serving: 'being served',
    done: 'finished',
    no_show: 'missed',
    waiting: 'back in queue',
    cancelled: 'cancelled',
  },
};

export const statusWords = (status: string, lang: 'zh' | 'en'): string =>
  (callStatus[lang] as Record<string, string>)[status] ?? '';
