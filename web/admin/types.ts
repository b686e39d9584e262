// What the manager's console reads from the API (server/src/*/…routes.ts are the reference).
import type { Counter, Hall, Matter, StaffUser } from '../shared/types.ts';

export interface PolicyWeights {
  greenBoost: number;
  appointmentBoost: number;
  transferBoost: number;
  preferencePenalty: number;
  maxWaitMinutes: number;
  appointmentDueLeadMinutes: number;
}

export interface HallFull extends Hall {
  settings: { policy: PolicyWeights; waitAlertMinutes: number; complaintDueWorkingDays: number };
}

export type AdminMatter = Matter & { hallId: string; active: boolean };
export type AdminCounter = Counter & { active: boolean };
export type StaffMember = StaffUser & { active: boolean };

export interface DayHours {
  open: string;
  close: string;
  lunchStart?: string;
  lunchEnd?: string;
}
export interface CalendarOverride {
  date: string;
  kind: 'holiday' | 'workday';
  note?: string;
}
export interface BookingRules {
  maxActiveBookings: number;
  oneBookingPerMatterPerDay: boolean;
  noShowThreshold: number;
  noShowWindowDays: number;
  blockDays: number;
  checkInBeforeMinutes: number;
  checkInAfterMinutes: number;
  retentionDays: number;
  reminderTime: string;
}
export interface MatterSlots {
  matterId: string;
  code: string;
  name: string;
  prefix: string;
  bookable: boolean;
  slotMinutes: number;
  perSlot: number;
  horizonDays: number;
  minNoticeMinutes: number;
  cancelBeforeMinutes: number;
  walkInShare: number;
  bookingsPerSlot: number;
  custom: boolean;
}
export interface Schedule {
  hallId: string;
  timezone: string;
  hours: Record<string, DayHours | null>;
  closedDates: string[];
  extraWorkingDays: string[];
  overrides: CalendarOverride[];
  nationalOverrides: CalendarOverride[];
  rules: BookingRules;
  matters: MatterSlots[];
  unknownYears: number[];
  updatedAt: string | null;
}

export interface FloorMatter {
  matterId: string;
  code: string;
  prefix: string;
  name: string;
  waiting: number;
  longestWaitMinutes: number;
  estimatedWaitMinutes: number | null;
  openCounters: number;
  servedToday: number;
  alert: boolean;
  suggestedCounters: { id: string; number: number; name: string; status: 'closed' | 'paused' }[];
}
export interface FloorCounter {
  id: string;
  number: number;
  name: string;
  matterIds: string[];
  status: 'closed' | 'open' | 'paused';
  statusSince: string;
  pausedMinutes: number | null;
  clerk: { id: string; name: string } | null;
  currentTicket: {
    id: string;
    number: string;
    status: string;
    matterId: string;
    minutesAtCounter: number | null;
  } | null;
  servedToday: number;
}
export interface Floor {
  at: string;
  seq: number;
  waitAlertMinutes: number;
  totals: {
    waiting: number;
    servedToday: number;
    openCounters: number;
    pausedCounters: number;
    closedCounters: number;
    alerts: number;
  };
  matters: FloorMatter[];
  counters: FloorCounter[];
}

export type GroupBy = 'matter' | 'counter' | 'clerk' | 'hour';
export interface StatsRow {
  key: string | null;
  label: string;
  issued: number | null;
  called: number;
  served: number;
  noShows: number;
  noShowRate: number | null;
  requeued: number;
  transfers: number;
  cancelled: number;
  expired: number;
  waitCount: number;
  waitMeanMinutes: number | null;
  waitP50Minutes: number | null;
  waitP90Minutes: number | null;
  serviceMeanMinutes: number | null;
  serviceP50Minutes: number | null;
  serviceP90Minutes: number | null;
  appointments: number;
  appointmentsOnTime: number;
  punctualityRate: number | null;
  ratings: number;
  participationRate: number | null;
  satisfactionRate: number | null;
  meanScore: number | null;
  distribution: Record<'5' | '4' | '3' | '2' | '1', number>;
}
export interface Stats {
  from: string;
  to: string;
  groupBy: GroupBy;
  rows: StatsRow[];
  total: StatsRow;
}

export type ComplaintStatus = 'open' | 'contacted' | 'rectified' | 'explained' | 'closed';
export interface Complaint {
  id: string;
  ticketNumber: string;
  serviceDay: string;
  counterName: string | null;
  matterName: string;
  clerkName: string | null;
  score: number;
  level: string;
  reasons: string[];
  comment: string | null;
  ratedAt: string;
  status: ComplaintStatus;
  nextStatuses: ComplaintStatus[];
  dueDate: string;
  overdue: boolean;
  appeal: boolean;
  notes: {
    id: string;
    kind: 'transition' | 'appeal';
    toStatus: ComplaintStatus;
    note: string;
    staffName: string | null;
    at: string;
  }[];
}
export interface Ledger {
  today: string;
  complaints: Complaint[];
  summary: Record<ComplaintStatus | 'overdue' | 'total', number>;
}

export interface AuditEntry {
  id: string;
  at: string;
  staff: { id: string; username: string; name: string };
  method: string;
  route: string;
  targetId: string | null;
  status: number;
  details: Record<string, unknown>;
}
