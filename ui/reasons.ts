import type { Lang } from './i18n.ts';

/** The fixed reasons of a poor rating (server/src/domain/ratings.ts), in English: the API gives
 * them in Chinese. One table for the pad, the holder's page and the ledger. */
export const REASONS_EN: Record<string, string> = {
  服务态度: 'Staff attitude',
  办事效率: 'Too slow',
  一次性告知: 'Not told everything at once',
  多次跑腿: 'Had to come back several times',
  环境设施: 'Hall and facilities',
  其他: 'Other',
};

export const reasonWords = (reason: string, lang: Lang): string =>
  lang === 'en' ? (REASONS_EN[reason] ?? reason) : reason;
