// The schema of every table in one file, so that Kysely's Database type and the row types the
// repositories return are read in one place (a reason to keep it over ~350 lines).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Row types of every table. Services map rows to domain types; rows never leave a repository's
// caller unmapped.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface HallSettings {
  policy?: Partial<PolicyWeightsRow>;
  waitAlertMinutes?: number;
  /** 差评 ledger: a case is due this many working days after the rating (default 5). */
  complaintDueWorkingDays?: number;
  /** The wall display's spoken call (domain/call-speech.ts). */
  voice?: Partial<import('../domain/call-speech.ts').VoiceSettings>;
  [key: string]: unknown;
}

export interface PolicyWeightsRow {
  greenBoost: number;
  appointmentBoost: number;
  transferBoost: number;
  preferencePenalty: number;
  maxWaitMinutes: number;
  appointmentDueLeadMinutes: number;
}

export interface HallsTable {
  id: Generated<string>;
  code: string;
  name: string;
  timezone: Generated<string>;
  settings: ColumnType<HallSettings, string | undefined, string>;
  event_seq: Generated<number>;
  created_at: CreatedAt;
}

export interface MattersTable {
  id: Generated<string>;
  hall_id: string;
  code: string;
  name: string;
  name_en: Generated<string>;
  prefix: string;
  description: Generated<string>;
  materials: ColumnType<string[], string | undefined, string>;
  avg_service_minutes: Generated<number>;
  walk_in: Generated<boolean>;
  daily_quota: number | null;
  last_issue_time: string | null;
  bookable: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  /** 办不成事反映窗口 (migration 0021). */
  unresolved_window: Generated<boolean>;
}

export type StaffRole = 'admin' | 'manager' | 'clerk';

export interface StaffTable {
  id: Generated<string>;
  hall_id: string | null;
  username: string;
  name: string;
  role: StaffRole;
  /** 工号 (migration 0020). */
  staff_number: Generated<string | null>;
  password_hash: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export type CounterStatus = 'closed' | 'open' | 'paused';

export interface CountersTable {
  id: Generated<string>;
  hall_id: string;
  number: number;
  name: Generated<string>;
  /** English name (issue 17); '' = none. */
  name_en: Generated<string>;
  status: Generated<CounterStatus>;
  clerk_id: string | null;
  status_since: Generated<Date>;
  /** A paused counter: when it says it resumes (migration 0020). */
  resume_at: Generated<Date | null>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CounterMattersTable {
  counter_id: string;
  matter_id: string;
  hall_id: string;
  position: number;
}

export interface SessionsTable {
  id: string;
  staff_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export type TicketClass = 'normal' | 'green' | 'appointment';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
export type TicketChannel = 'kiosk' | 'online' | 'desk' | 'check-in';

export interface TicketNumbersTable {
  hall_id: string;
  prefix: string;
  service_day: string;
  last: number;
}

export interface TicketsTable {
  id: Generated<string>;
  hall_id: string;
  matter_id: string;
  prefix: string;
  seq: number;
  number: string;
  service_day: string;
  class: TicketClass;
  status: TicketStatus;
  channel: TicketChannel;
  issued_at: Timestamp;
  queue_time: Timestamp;
  due_at: Timestamp | null;
  called_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  counter_id: string | null;
  reserved_counter_id: string | null;
  transferred: Generated<boolean>;
  call_count: Generated<number>;
  appointment_id: string | null;
  token_hash: string;
  phone_enc: string | null;
  idempotency_key: string | null;
  cancel_reason: string | null;
  updated_at: Timestamp;
  /** Green channel category code (migration 0020). */
  priority_category: Generated<string | null>;
  /** 帮办: served with the help desk's assistance (migration 0020). */
  assisted: Generated<boolean>;
}

export interface IdempotencyKeysTable {
  hall_id: string;
  key: string;
  ticket_id: string | null;
  created_at: CreatedAt;
}

export interface TicketEventsTable {
  id: Generated<string>;
  hall_id: string;
  ticket_id: string;
  at: Timestamp;
  action: string;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  staff_id: string | null;
  counter_id: string | null;
  matter_id: string;
  data: Json<Record<string, unknown>>;
}

export interface HallEventsTable {
  hall_id: string;
  seq: number;
  type: string;
  data: Json<unknown>;
  at: Timestamp;
}

// --- appointments (migration 0003) ---------------------------------------------------------

export interface DayHoursRow {
  open: string;
  close: string;
  lunchStart?: string;
  lunchEnd?: string;
}

export type WeekHoursRow = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', DayHoursRow | null>>;

/** A hall's booking rules as stored; missing fields take the defaults (schedule.service.ts). */
export interface BookingRulesRow {
  maxActiveBookings?: number;
  noShowThreshold?: number;
  noShowWindowDays?: number;
  blockDays?: number;
  checkInBeforeMinutes?: number;
  checkInAfterMinutes?: number;
  retentionDays?: number;
  reminderTime?: string;
  lastTicketMinutes?: number;
}

export interface HallSchedulesTable {
  hall_id: string;
  hours: Json<WeekHoursRow>;
  closed_dates: Json<string[]>;
  extra_working_days: Json<string[]>;
  rules: Json<BookingRulesRow>;
  /** Hours of given dates (延时服务, a shorter day), by `YYYY-MM-DD` (migration 0010). */
  date_hours: ColumnType<Record<string, DayHoursRow>, string | undefined, string>;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** Years of the national calendar an admin confirmed from the State Council notice. */
export interface CalendarYearsTable {
  year: number;
  confirmed_at: Timestamp;
  confirmed_by: string | null;
  note: Generated<string>;
}

export interface CalendarOverridesTable {
  id: Generated<string>;
  hall_id: string | null;
  date: string;
  kind: 'holiday' | 'workday';
  note: Generated<string>;
}

export interface MatterSlotSettingsTable {
  matter_id: string;
  hall_id: string;
  slot_minutes: number;
  per_slot: number;
  horizon_days: number;
  min_notice_minutes: number;
  cancel_before_minutes: number;
  walk_in_share: number;
  /** 截止取号: minutes before closing when walk-in issuing stops; null = the hall's rule. */
  last_ticket_minutes?: number | null;
  updated_at: Timestamp;
}

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show' | 'done';

export interface AppointmentsTable {
  id: Generated<string>;
  hall_id: string;
  matter_id: string;
  service_day: string;
  slot_start: Timestamp;
  slot_end: Timestamp;
  status: AppointmentStatus;
  code: string;
  name_masked: string | null;
  id_hash: string | null;
  id_masked: string | null;
  /** The document the booking was made with (domain/id-number.ts DocumentType). */
  id_type: Generated<string>;
  phone_enc: string | null;
  phone_masked: string | null;
  ticket_id: string | null;
  one_per_day: Generated<boolean>;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: Timestamp | null;
  checked_in_at: Timestamp | null;
  no_show_at: Timestamp | null;
  erased_at: Timestamp | null;
  /** Keyed hash of document and phone: the per-person rules count by it (migration 0041). */
  person_hash: string | null;
  /** When the phone was confirmed with the texted code; null while unconfirmed. */
  phone_confirmed_at: Timestamp | null;
  confirm_code_hash: string | null;
  /** An unconfirmed booking is released at this time. */
  confirm_by: Timestamp | null;
  confirm_attempts: Generated<number>;
}

export interface SlotBookingsTable {
  hall_id: string;
  matter_id: string;
  slot_start: Timestamp;
  booked: Generated<number>;
  capacity: number;
}

export interface BookingBlocksTable {
  hall_id: string;
  person_hash: string;
  blocked_until: Timestamp;
  created_at: Timestamp;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<string>;
  hall_id: string;
  idempotency_key: string;
  template_key: string;
  phone_enc: string | null;
  params: Json<Record<string, string | number>>;
  appointment_id: string | null;
  ticket_id: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  claim_token: string | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface OutboxDeliveriesTable {
  outbox_id: string;
  hall_id: string;
  idempotency_key: string;
  provider_ref: string | null;
  attempt: number;
  sent_at: Timestamp;
}

// --- ratings and the 差评 ledger (migration 0004) -------------------------------------------

export type DeviceKind = 'kiosk' | 'display' | 'counter_screen';
export interface DevicesTable {
  id: Generated<string>;
  hall_id: string;
  kind: DeviceKind;
  name: string;
  token_hash: string;
  issued_at: Timestamp;
  issued_by: string | null;
  /** When the device was last heard from (at most a minute stale); null: never. */
  last_seen_at: Timestamp | null;
}

export interface HelpAlertsTable {
  id: Generated<string>;
  hall_id: string;
  device_id: string | null;
  kiosk_name: string | null;
  source: string;
  requested_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

export interface CounterPadsTable {
  counter_id: string;
  hall_id: string;
  token_hash: string;
  issued_at: Timestamp;
  issued_by: string | null;
  /** When the device was last heard from (at most a minute stale); null: never. */
  last_seen_at: Timestamp | null;
}

export type RatingSource = 'holder' | 'pad';

export interface RatingsTable {
  id: Generated<string>;
  hall_id: string;
  ticket_id: string;
  score: number;
  reasons: Json<string[]>;
  comment: string | null;
  source: RatingSource;
  counter_id: string | null;
  clerk_id: string | null;
  matter_id: string;
  created_at: Timestamp;
  // 回访 contact and appeal review (migration 0030)
  contact_phone_enc: ColumnType<string | null, string | null | undefined, string | null>;
  contact_phone_masked: ColumnType<string | null, string | null | undefined, string | null>;
  contact_erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  excluded: Generated<boolean>;
  excluded_reason: ColumnType<string | null, string | null | undefined, string | null>;
  excluded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type ComplaintStatusRow = 'open' | 'contacted' | 'rectified' | 'explained' | 'closed';

/** 差评 case (from a rating) or 办不成事 case (from the 办不成事 window). */
export type ComplaintKind = 'rating' | 'unresolved';

export interface ComplaintsTable {
  id: Generated<string>;
  hall_id: string;
  /** Null for a 办不成事 case (kind 'unresolved', migration 0021). */
  rating_id: string | null;
  kind: Generated<ComplaintKind>;
  summary: ColumnType<string | null, string | null | undefined, string | null>;
  ticket_id: string;
  counter_id: string | null;
  clerk_id: string | null;
  matter_id: string;
  status: Generated<ComplaintStatusRow>;
  due_date: string;
  appeal: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  // two deadlines, follow-up and appeal review (migration 0030)
  follow_up_due: ColumnType<string | null, string | null | undefined, string | null>;
  followed_up_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  follow_up_outcome: ColumnType<
    FollowUpOutcomeRow | null,
    FollowUpOutcomeRow | null | undefined,
    FollowUpOutcomeRow | null
  >;
  rectified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  appeal_decision: ColumnType<
    'upheld' | 'rejected' | null,
    'upheld' | 'rejected' | null | undefined,
    'upheld' | 'rejected' | null
  >;
  appeal_reason: ColumnType<string | null, string | null | undefined, string | null>;
  appeal_decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  appeal_decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type FollowUpOutcomeRow = 'satisfied' | 'unsatisfied' | 'unreachable' | 'verified';
export type ComplaintNoteKind = 'transition' | 'appeal' | 'follow_up' | 'appeal_review' | 'contact_shown';

export interface HallRatingRulesTable {
  hall_id: string;
  rules: Json<Record<string, unknown>>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface FeedTokensTable {
  id: Generated<string>;
  hall_id: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ComplaintNotesTable {
  id: Generated<string>;
  complaint_id: string;
  hall_id: string;
  staff_id: string | null;
  kind: Generated<ComplaintNoteKind>;
  from_status: ComplaintStatusRow | null;
  to_status: ComplaintStatusRow;
  note: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  hall_id: string | null;
  /** Empty for a failed sign-in or an anonymous refused attempt. */
  staff_id: string | null;
  at: Timestamp;
  method: string;
  route: string;
  target_id: string | null;
  status: number;
  details: Json<Record<string, unknown>>;
  /** What was done, e.g. ticket.call, matter.update, auth.sign-in.failed, access.refused. */
  action: string;
  outcome: Generated<AuditOutcome>;
  /** The caller's address. */
  address: string | null;
  /** Who tried, when nobody was signed in: an account's username, or #fingerprint. */
  actor_label: string | null;
  /** Names of what was acted on, as they were then: ticket, matter, counter, staff, hall. */
  labels: ColumnType<Record<string, string>, string | undefined, string>;
  /** A refusal repeated from one address, coalesced into this row. */
  repeats: Generated<number>;
  last_at: Timestamp | null;
}

export type AuditOutcome = 'ok' | 'failed' | 'refused';

export interface Database {
  audit_log: AuditLogTable;
  halls: HallsTable;
  matters: MattersTable;
  staff: StaffTable;
  counters: CountersTable;
  counter_matters: CounterMattersTable;
  sessions: SessionsTable;
  ticket_numbers: TicketNumbersTable;
  tickets: TicketsTable;
  idempotency_keys: IdempotencyKeysTable;
  ticket_events: TicketEventsTable;
  hall_events: HallEventsTable;
  hall_schedules: HallSchedulesTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_years: CalendarYearsTable;
  matter_slot_settings: MatterSlotSettingsTable;
  appointments: AppointmentsTable;
  slot_bookings: SlotBookingsTable;
  booking_blocks: BookingBlocksTable;
  outbox: OutboxTable;
  outbox_deliveries: OutboxDeliveriesTable;
  counter_pads: CounterPadsTable;
  devices: DevicesTable;
  help_alerts: HelpAlertsTable;
  ratings: RatingsTable;
  complaints: ComplaintsTable;
  complaint_notes: ComplaintNotesTable;
  hall_rating_rules: HallRatingRulesTable;
  feed_tokens: FeedTokensTable;
  staff_photos: { staff_id: string; mime: string; data: string; etag: string; updated_at: Timestamp };
}

export type HallRow = Selectable<HallsTable>;
export type MatterRow = Selectable<MattersTable>;
export type StaffRow = Selectable<StaffTable>;
export type CounterRow = Selectable<CountersTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type RatingRow = Selectable<RatingsTable>;
export type ComplaintRow = Selectable<ComplaintsTable>;
