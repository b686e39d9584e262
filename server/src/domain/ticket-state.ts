// The ticket state machine: which action may move a ticket from which status to which.
import type { TicketStatus } from '../db/types.ts';

export type TicketAction =
  'issue' | 'call' | 'recall' | 'start' | 'finish' | 'no_show' | 'requeue' | 'transfer' | 'cancel' | 'expire';

const TRANSITIONS: Record<
  Exclude<TicketAction, 'issue'>,
  { from: TicketStatus[]; to: TicketStatus | 'same' }
> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['serving'], to: 'done' },
  no_show: { from: ['called'], to: 'no_show' },
  requeue: { from: ['no_show'], to: 'waiting' },
  transfer: { from: ['called', 'serving'], to: 'waiting' },
  cancel: { from: ['waiting'], to: 'cancelled' },
  expire: { from: ['waiting', 'called'], to: 'cancelled' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(
  status: TicketStatus,
  action: Exclude<TicketAction, 'issue'>,
): TicketStatus | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return null;
  return t.to === 'same' ? status : t.to;
}

export function allowedFrom(action: Exclude<TicketAction, 'issue'>): TicketStatus[] {
  return [...TRANSITIONS[action].from];
}
