import { sql, type Kysely } from 'kysely';

// Appointments: each hall's schedule and booking rules, the national-calendar override table,
// per-matter slot settings, the bookings themselves with their per-slot counters, booking
// blocks after repeated no-shows, and the notifications outbox with its delivery records.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table hall_schedules (
      hall_id uuid primary key references halls(id),
      hours jsonb not null,
      closed_dates jsonb not null default '[]'::jsonb,
      extra_working_days jsonb not null default '[]'::jsonb,
      rules jsonb not null default '{}'::jsonb,
      updated_at timestamptz not null default now(),
      updated_by uuid references staff(id)
    );
    -- Public holidays and make-up working days for years chinese-days does not know, or
    -- corrections: hall_id null = every hall, otherwise one hall (that one wins).
    create table calendar_overrides (
      id bigserial primary key,
      hall_id uuid references halls(id),
      date date not null,
      kind text not null check (kind in ('holiday', 'workday')),
      note text not null default ''
    );
    create unique index calendar_overrides_hall_date on calendar_overrides (hall_id, date)
      where hall_id is not null;
    create unique index calendar_overrides_global_date on calendar_overrides (date) where hall_id is null;
    create table matter_slot_settings (
      matter_id uuid primary key references matters(id),
      hall_id uuid not null references halls(id),
      slot_minutes integer not null check (slot_minutes between 5 and 240),
      per_slot integer not null check (per_slot between 1 and 1000),
      horizon_days integer not null check (horizon_days between 1 and 90),
      min_notice_minutes integer not null check (min_notice_minutes between 0 and 10080),
      cancel_before_minutes integer not null check (cancel_before_minutes between 0 and 10080),
      walk_in_share double precision not null check (walk_in_share >= 0 and walk_in_share <= 1),
      updated_at timestamptz not null default now()
    );
    create table appointments (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      matter_id uuid not null references matters(id),
      service_day date not null,
      slot_start timestamptz not null,
      slot_end timestamptz not null,
      status text not null check (status in ('booked', 'checked_in', 'cancelled', 'no_show', 'done')),
      code text not null,
      name_masked text,
      id_hash text,
      id_masked text,
      phone_enc text,
      phone_masked text,
      ticket_id uuid references tickets(id),
      -- Whether the hall's one-booking-per-matter-per-day rule applied when it was booked.
      one_per_day boolean not null default true,
      cancel_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      cancelled_at timestamptz,
      checked_in_at timestamptz,
      no_show_at timestamptz,
      erased_at timestamptz
    );
    -- One active booking per person, matter and day, whatever the concurrency.
    create unique index appointments_one_per_day on appointments (hall_id, matter_id, service_day, id_hash)
      where status in ('booked', 'checked_in') and one_per_day;
    -- A booking code identifies one active booking of the hall at the kiosk.
    create unique index appointments_code_active on appointments (hall_id, code)
      where status in ('booked', 'checked_in');
    create index appointments_person on appointments (hall_id, id_hash) where id_hash is not null;
    create index appointments_day on appointments (hall_id, service_day);
    create index appointments_booked_start on appointments (hall_id, slot_start) where status = 'booked';
    -- Places taken per slot: booking takes one with a conditional update (booked < capacity),
    -- so the row lock serializes competing bookings and a slot never goes past capacity.
    create table slot_bookings (
      hall_id uuid not null references halls(id),
      matter_id uuid not null references matters(id),
      slot_start timestamptz not null,
      booked integer not null default 0 check (booked >= 0),
      capacity integer not null,
      primary key (matter_id, slot_start)
    );
    create index slot_bookings_hall on slot_bookings (hall_id, slot_start);
    -- After repeated no-shows a person (keyed ID hash) may not book until blocked_until.
    create table booking_blocks (
      hall_id uuid not null references halls(id),
      id_hash text not null,
      blocked_until timestamptz not null,
      created_at timestamptz not null,
      primary key (hall_id, id_hash)
    );
    create table outbox (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      idempotency_key text not null unique,
      template_key text not null,
      phone_enc text,
      params jsonb not null default '{}'::jsonb,
      appointment_id uuid references appointments(id),
      ticket_id uuid references tickets(id),
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      claimed_until timestamptz,
      claim_token text,
      last_error text,
      created_at timestamptz not null,
      sent_at timestamptz
    );
    create index outbox_due on outbox (next_attempt_at) where status = 'pending';
    create index outbox_hall_created on outbox (hall_id, created_at);
    -- One delivery per message: written in the same transaction that marks it sent.
    create table outbox_deliveries (
      outbox_id uuid primary key references outbox(id),
      hall_id uuid not null references halls(id),
      idempotency_key text not null unique,
      provider_ref text,
      attempt integer not null,
      sent_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table outbox_deliveries, outbox, booking_blocks, slot_bookings, appointments,
      matter_slot_settings, calendar_overrides, hall_schedules
  `.execute(db);
}
