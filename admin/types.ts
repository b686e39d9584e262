// What the manager's console reads from the API (server/src/*/…routes.ts are the reference).
// Where the browser reads exactly what a server type describes, the server type is re-exported
// (type-only: nothing of the server reaches the bundle); what the browser sees differently stays here.
import type { BookingRules } from '../server/src/appointments/booking-rules.ts';
import type { MatterSchedule as MatterSlots } from '../server/src/appointments/schedule.service.ts';
import type { VoiceSettings } from '../server/src/domain/call-speech.ts';
import type { PolicyWeights } from '../server/src/domain/policy.ts';
import type { DayHours } from '../server/src/domain/slots.ts';
import type { Counter, GreenCategoryView, Hall, Matter, StaffUser } from '../ui/types.ts';

export type { BookingRules, DayHours, MatterSlots, PolicyWeights };

export interface HallFull extends Hall {
  settings: {
    policy: PolicyWeights;
    waitAlertMinutes: number;
    complaintDueWorkingDays: number;
    voice: VoiceSettings;
    greenCategories?: GreenCategoryView[];
    staffDetailsPublic?: boolean;
    unresolvedMatterId?: string | null;
  };
}

export type AdminMatter = Matter & { hallId: string; active: boolean };
export type AdminCounter = Counter & { active: boolean };
export type StaffMember = StaffUser & { active: boolean };

export interface CalendarOverride {
  date: string;
  kind: 'holiday' | 'workday';
  note?: string;
}
export interface Schedule {
  hallId: string;
  timezone: string;
  hours: Record<string, DayHours | null>;
  closedDates: string[];
  /** Hours of given dates (延时服务, shorter days), by YYYY-MM-DD. */
  dateHours: Record<string, DayHours>;
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

export type { StatsDimension as GroupBy } from '../server/src/stats/stats.repository.ts';
export type { StatsReport as Stats, StatsRow } from '../server/src/stats/stats.service.ts';

export type { ComplaintStatus } from '../server/src/domain/ratings.ts';
export type { Complaint, ComplaintLedger as Ledger } from '../server/src/complaints/complaints.service.ts';

export type { AuditEntry } from '../server/src/audit/audit.routes.ts';
