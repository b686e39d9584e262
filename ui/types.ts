// What the browser screens read from the API and the socket (see API.md). The server's zod
// schemas are the reference; these are the fields the screens use.

export interface Hall {
  id: string;
  code: string;
  name: string;
  timezone: string;
  settings?: {
    greenCategories?: GreenCategoryView[];
    staffDetailsPublic?: boolean;
    unresolvedMatterId?: string | null;
  };
}

/** A green-channel (绿色通道) category of a hall. */
export interface GreenCategoryView {
  code: string;
  name: string;
  nameEn: string;
  treatment: 'boost' | 'skip';
  boost: number;
  minAge?: number;
  active: boolean;
}

export type IssuingClosedReason = 'booking_only' | 'after_last_issue' | 'quota_reached';

export interface Matter {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  description: string;
  materials: string[];
  avgServiceMinutes: number;
  walkIn: boolean;
  lastIssueTime: string | null;
  dailyQuota: number | null;
  bookable: boolean;
  /** 办不成事反映窗口: finishing its ticket asks for a summary. */
  unresolvedWindow?: boolean;
  waiting: number;
  estimatedWaitMinutes: number | null;
  issuing: { open: boolean; reason: IssuingClosedReason | null };
}

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
export type TicketClass = 'normal' | 'green' | 'appointment';

export interface Ticket {
  id: string;
  number: string;
  hallId: string;
  matterId: string;
  class: TicketClass;
  /** Green channel category code. */
  category?: string | null;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  counterId: string | null;
  counterNumber: number | null;
  callCount: number;
  ahead: number;
  estimatedWaitMinutes: number | null;
  /** 帮办: served with the help desk's assistance. */
  assisted?: boolean;
  token?: string;
}

export interface StaffUser {
  id: string;
  username: string;
  name: string;
  role: 'admin' | 'manager' | 'clerk';
  hallId: string | null;
}

export type CounterStatus = 'closed' | 'open' | 'paused';

export interface Counter {
  id: string;
  hallId: string;
  number: number;
  name: string;
  /** English name; '' when none (then the number is said). */
  nameEn?: string;
  matterIds: string[];
  status: CounterStatus;
  statusSince: string;
  clerk: { id: string; name: string } | null;
  currentTicket: {
    id: string;
    number: string;
    status: TicketStatus;
    matterId: string;
    callCount: number;
    calledAt: string | null;
    startedAt: string | null;
  } | null;
}

/** A waiting ticket a counter may take, in the order the policy would call them. */
export interface QueueEntry {
  id: string;
  number: string;
  matterId: string;
  class: TicketClass;
  transferred: boolean;
  reservedCounterId: string | null;
  waitedMinutes: number;
  estimatedWaitMinutes: number | null;
}

export interface BoardCall {
  ticketId: string;
  number: string;
  matterId: string;
  status: string;
  counterId: string;
  counterNumber: number;
  counterName: string;
  calledAt: string;
  callCount: number;
  /** green: 优先 (绿色通道). */
  class?: string;
  category?: string | null;
}

/** 亮证上岗: the clerk at a counter, when the hall's staff details are public. */
export interface CounterClerk {
  id: string;
  name: string;
  staffNumber: string | null;
  photoUrl: string | null;
}

export interface Board {
  hallId: string;
  seq: number;
  at: string;
  calls: BoardCall[];
  counters: {
    id: string;
    number: number;
    name: string;
    nameEn?: string;
    status: CounterStatus;
    matterIds: string[];
    currentTicket: { id: string; number: string; status: string } | null;
    clerk?: CounterClerk | null;
    resumeAt?: string | null;
  }[];
  waiting: { matterId: string; count: number; estimatedWaitMinutes: number | null }[];
}

export type HallEventType =
  | 'ticket.issued'
  | 'ticket.called'
  | 'ticket.updated'
  | 'counter.updated'
  | 'queue.updated'
  | 'matter.updated'
  | 'hall.updated'
  | (string & {});

export interface HallEvent {
  hallId: string;
  seq: number;
  type: HallEventType;
  at: string;
  data: Record<string, unknown>;
}

/** `ticket.called` data (also sent for a recall, with `recall: true`). */
export interface CallData {
  ticketId: string;
  number: string;
  matterId: string;
  status: TicketStatus;
  counterId: string;
  counterNumber: number;
  counterName: string;
  callCount: number;
  calledAt: string;
  recall: boolean;
  class?: string;
  category?: string | null;
}
