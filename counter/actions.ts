// The console's actions and the one rule set both their buttons and their shortcut keys obey:
// what is enabled in which state, and in words why an action is not possible now.
import type { Strings } from '../ui/i18n.ts';
import type { Counter } from '../ui/types.ts';

export type ActionId =
  'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'requeue' | 'transfer' | 'pause' | 'close';

export const ACTION_ORDER: ActionId[] = [
  'callNext',
  'recall',
  'start',
  'finish',
  'noShow',
  'requeue',
  'transfer',
  'pause',
  'close',
];

/** Shortcut keys (KeyboardEvent.key, lower-cased) → action. Shown on the buttons. */
export const SHORTCUTS: Record<string, ActionId> = {
  f1: 'callNext',
  ' ': 'callNext',
  r: 'recall',
  s: 'start',
  f: 'finish',
  n: 'noShow',
  q: 'requeue',
  t: 'transfer',
  p: 'pause',
  c: 'close',
};

export const KEY_LABEL: Record<ActionId, { zh: string; en: string }> = {
  callNext: { zh: 'F1 / 空格', en: 'F1 / Space' },
  recall: { zh: 'R', en: 'R' },
  start: { zh: 'S', en: 'S' },
  finish: { zh: 'F', en: 'F' },
  noShow: { zh: 'N', en: 'N' },
  requeue: { zh: 'Q', en: 'Q' },
  transfer: { zh: 'T', en: 'T' },
  pause: { zh: 'P', en: 'P' },
  close: { zh: 'C', en: 'C' },
};

export type Why =
  | 'offline'
  | 'paused'
  | 'closed'
  | 'calledFirst'
  | 'noCurrent'
  | 'notCalled'
  | 'notServing'
  | 'noNoShow'
  | 'ticketFirst'
  | null;

/** Why `id` cannot be done now, or null when it can. Buttons are disabled exactly when not null. */
export function whyNot(id: ActionId, counter: Counter, hasNoShow: boolean, online: boolean): Why {
  if (!online) return 'offline';
  const cur = counter.currentTicket;
  switch (id) {
    case 'callNext':
      if (counter.status === 'paused') return 'paused';
      if (counter.status !== 'open') return 'closed';
      return cur?.status === 'called' ? 'calledFirst' : null;
    case 'recall':
    case 'start':
    case 'noShow':
      if (!cur) return 'noCurrent';
      return cur.status === 'called' ? null : 'notCalled';
    case 'finish':
      if (!cur) return 'noCurrent';
      return cur.status === 'serving' ? null : 'notServing';
    case 'requeue':
      return hasNoShow ? null : 'noNoShow';
    case 'transfer':
      return cur ? null : 'noCurrent';
    case 'pause':
    case 'close':
      return cur ? 'ticketFirst' : null;
  }
}

type WhyKey = Exclude<Why, null>;
export const whyStrings: Strings<WhyKey> = {
  zh: {
    offline: '网络中断，操作未发送。连接恢复后请再操作一次。',
    paused: '窗口已暂停：请先按 P 恢复，再呼叫。',
    closed: '窗口未开放。',
    calledFirst: '当前号码已呼叫：请先开始办理（S）、重呼（R）或标记过号（N）。',
    noCurrent: '当前没有号码。',
    notCalled: '当前号码已在办理中。',
    notServing: '当前号码尚未开始办理：请先按 S 开始。',
    noNoShow: '没有可重排的过号号码。',
    ticketFirst: '当前号码还在窗口：请先办结（F）或转移（T）。',
  },
  en: {
    offline: 'The network is down: nothing was sent. Do it again once the connection is back.',
    paused: 'The counter is paused: press P to resume first.',
    closed: 'The counter is not open.',
    calledFirst: 'The current ticket is called: start it (S), recall it (R) or mark it a no-show (N) first.',
    noCurrent: 'There is no current ticket.',
    notCalled: 'The current ticket is already being served.',
    notServing: 'The current ticket is not being served yet: press S to start.',
    noNoShow: 'No no-show ticket to requeue.',
    ticketFirst: 'A ticket is still at the counter: finish (F) or transfer (T) it first.',
  },
};
