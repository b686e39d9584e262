// The queue policy: which waiting ticket a counter calls next. Pure: no I/O, `now` passed in.
// Used by call-next, by the estimates and by the hall-day simulator alike.

export type TicketClass = 'normal' | 'green' | 'appointment';

export interface PolicyWeights {
  /** Minutes added for a green-channel (priority) ticket. */
  greenBoost: number;
  /** Minutes added for an appointment ticket once it is due. */
  appointmentBoost: number;
  /** Minutes added for a ticket transferred to this counter or matter. */
  transferBoost: number;
  /** Minutes taken off per position of the ticket's matter in the counter's list. */
  preferencePenalty: number;
  /**
   * A ticket waiting longer than this goes before all others. From two thirds of it (60 of the
   * default 90) a ticket is protected: boosts and preferences no longer pass it, and the protected
   * tickets go oldest first, so the counters have the last third to reach it before the cap.
   */
  maxWaitMinutes: number;
  /** An appointment ticket is due from slot start minus this many minutes. */
  appointmentDueLeadMinutes: number;
  /**
   * Green-channel treatment per category code (the hall's categories): a boost in minutes, or
   * 免排队 (`skip`: called before every ticket without it). A green ticket without a known
   * category gets `greenBoost`.
   */
  categories?: Readonly<Record<string, GreenTreatment>>;
}

export interface GreenTreatment {
  /** 免排队: before every ticket that is not 免排队 at a counter serving the matter. */
  skip: boolean;
  /** Minutes added when not `skip`. */
  boost: number;
}

/** A green-channel (绿色通道) category of a hall. The ticket keeps only the code, never a person. */
export interface GreenCategory {
  code: string;
  name: string;
  nameEn: string;
  treatment: 'boost' | 'skip';
  /** Minutes added for treatment `boost`. */
  boost: number;
  /** 老年人: the age from which a resident counts (the hall sets 60 or 70). */
  minAge?: number | undefined;
  active: boolean;
}

export const DEFAULT_GREEN_CATEGORIES: readonly GreenCategory[] = [
  {
    code: 'elderly',
    name: '老年人',
    nameEn: 'Elderly',
    treatment: 'boost',
    boost: 30,
    minAge: 60,
    active: true,
  },
  { code: 'disabled', name: '残疾人', nameEn: 'Disabled', treatment: 'skip', boost: 0, active: true },
  {
    code: 'pregnant',
    name: '孕妇及携婴',
    nameEn: 'Pregnant or with infant',
    treatment: 'skip',
    boost: 0,
    active: true,
  },
  {
    code: 'military',
    name: '军人及退役军人',
    nameEn: 'Servicemen and veterans',
    treatment: 'skip',
    boost: 0,
    active: true,
  },
  {
    code: 'firefighter',
    name: '消防救援人员',
    nameEn: 'Fire and rescue personnel',
    treatment: 'skip',
    boost: 0,
    active: true,
  },
  { code: 'urgent', name: '急事急办', nameEn: 'Urgent matter', treatment: 'boost', boost: 60, active: true },
];

/** The treatments the policy applies, from a hall's categories (inactive ones still apply to tickets already issued). */
export function treatmentsOf(categories: readonly GreenCategory[]): Record<string, GreenTreatment> {
  const out: Record<string, GreenTreatment> = {};
  for (const c of categories)
    out[c.code] = { skip: c.treatment === 'skip', boost: c.treatment === 'skip' ? 0 : c.boost };
  return out;
}

export const DEFAULT_WEIGHTS: PolicyWeights = {
  greenBoost: 30,
  appointmentBoost: 60,
  transferBoost: 45,
  preferencePenalty: 5,
  maxWaitMinutes: 90,
  appointmentDueLeadMinutes: 5,
};

/** What the policy needs to know of a waiting ticket. Times are epoch milliseconds. */
export interface QueueTicket {
  id: string;
  matterId: string;
  class: TicketClass;
  /** What FIFO order uses: issue time, or the time of a requeue or transfer. */
  queueTime: number;
  /** For appointment tickets: when it becomes due (slot start − lead). */
  dueAt: number | null;
  /** A ticket transferred to a named counter may only be called there. */
  reservedCounterId: string | null;
  transferred: boolean;
  /** Green channel: the category code (null for a ticket issued without one). */
  category?: string | null;
  /** Tie-break after queue time: the ticket's number within its prefix (issue order). */
  seq?: number;
}

export interface QueueCounter {
  id: string;
  /** Ordered: the first is the counter's primary matter. */
  matterIds: readonly string[];
  status: 'open' | 'paused' | 'closed';
}

const MINUTE = 60_000;
/**
 * Share of maxWait from which a ticket is protected (see `maxWaitMinutes`). Measured in the hall-day
 * simulator (issue 18): aging that starts only at the cap calls a ticket after it, because no
 * counter is free at that moment, and in a queue built over lunch the boosted and preferred tickets
 * keep passing the older ones until they are all at the cap at once; FCFS had 4 waits over 90 min
 * where that policy had 13 (lunch-break). From 2/3 of the cap the oldest are called in order.
 */
export const PROTECTED_SHARE = 2 / 3;

/** Position of the ticket's matter in the counter's list, or -1 when the counter cannot take it. */
export function matterPosition(counter: QueueCounter, ticket: QueueTicket): number {
  if (ticket.reservedCounterId !== null && ticket.reservedCounterId !== counter.id) return -1;
  if (ticket.reservedCounterId === counter.id) {
    // Reserved for this counter: it may take it even when the matter is not in its list.
    const pos = counter.matterIds.indexOf(ticket.matterId);
    return pos < 0 ? 0 : pos;
  }
  return counter.matterIds.indexOf(ticket.matterId);
}

export function isEligible(counter: QueueCounter, ticket: QueueTicket): boolean {
  return matterPosition(counter, ticket) >= 0;
}

export function isDue(ticket: QueueTicket, now: number): boolean {
  return ticket.class === 'appointment' && ticket.dueAt !== null && now >= ticket.dueAt;
}

export interface Score {
  /** 免排队: goes before every ticket without it. */
  skip: boolean;
  /** Waited longer than maxWait. */
  overdue: boolean;
  /** Waited longer than PROTECTED_SHARE × maxWait (every overdue ticket is protected too). */
  protected: boolean;
  score: number;
}

/** The score of a ticket for a counter at `now`; null when the counter may not take it. */
export function scoreTicket(
  counter: QueueCounter,
  ticket: QueueTicket,
  weights: PolicyWeights,
  now: number,
): Score | null {
  const position = matterPosition(counter, ticket);
  if (position < 0) return null;
  const waited = (now - ticket.queueTime) / MINUTE;
  let score = waited - position * weights.preferencePenalty;
  let skip = false;
  if (ticket.class === 'green') {
    const t = ticket.category ? weights.categories?.[ticket.category] : undefined;
    skip = t?.skip ?? false;
    score += t ? t.boost : weights.greenBoost;
  }
  if (isDue(ticket, now)) score += weights.appointmentBoost;
  if (ticket.transferred) score += weights.transferBoost;
  return {
    skip,
    overdue: waited > weights.maxWaitMinutes,
    protected: waited > weights.maxWaitMinutes * PROTECTED_SHARE,
    score,
  };
}

/** Negative when `a` should be called before `b`. */
function compare(a: Score, ta: QueueTicket, b: Score, tb: QueueTicket): number {
  // 免排队 first, in the order they came.
  if (a.skip !== b.skip) return a.skip ? -1 : 1;
  if (a.skip && ta.queueTime !== tb.queueTime) return ta.queueTime - tb.queueTime;
  // Protected tickets (past 2/3 of maxWait) go before the others, the one that waited longest
  // first: so a ticket past maxWait goes before all others (it waited longer than any other
  // protected one).
  if (a.protected !== b.protected) return a.protected ? -1 : 1;
  if (a.protected && ta.queueTime !== tb.queueTime) return ta.queueTime - tb.queueTime;
  if (a.score !== b.score) return b.score - a.score;
  if (ta.queueTime !== tb.queueTime) return ta.queueTime - tb.queueTime;
  if ((ta.seq ?? 0) !== (tb.seq ?? 0)) return (ta.seq ?? 0) - (tb.seq ?? 0);
  return ta.id < tb.id ? -1 : ta.id > tb.id ? 1 : 0;
}

/** The ticket the counter calls next, or null (nothing eligible, or the counter is not open). */
export function pickNext<T extends QueueTicket>(
  counter: QueueCounter,
  tickets: readonly T[],
  weights: PolicyWeights,
  now: number,
): T | null {
  if (counter.status !== 'open') return null;
  let best: T | null = null;
  let bestScore: Score | null = null;
  for (const t of tickets) {
    const s = scoreTicket(counter, t, weights, now);
    if (!s) continue;
    if (!best || !bestScore || compare(s, t, bestScore, best) < 0) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

/** Every ticket the counter may take, in the order it would call them at `now`. */
export function rankForCounter<T extends QueueTicket>(
  counter: QueueCounter,
  tickets: readonly T[],
  weights: PolicyWeights,
  now: number,
): T[] {
  const scored: { t: T; s: Score }[] = [];
  for (const t of tickets) {
    const s = scoreTicket(counter, t, weights, now);
    if (s) scored.push({ t, s });
  }
  scored.sort((a, b) => compare(a.s, a.t, b.s, b.t));
  return scored.map((x) => x.t);
}

/**
 * Reads weights from a hall's settings, falling back to the defaults field by field; the
 * green-channel treatments from its categories (the defaults when it has set none).
 */
export function weightsFrom(
  settings: Partial<PolicyWeights> | undefined,
  categories: readonly GreenCategory[] = DEFAULT_GREEN_CATEGORIES,
): PolicyWeights {
  return { ...DEFAULT_WEIGHTS, ...(settings ?? {}), categories: treatmentsOf(categories) };
}
