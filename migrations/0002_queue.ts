import { sql, type Kysely } from 'kysely';

// Tickets, their transition log, the per-hall event log and the number sequences.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ticket_numbers (
      hall_id uuid not null references halls(id),
      prefix text not null,
      service_day date not null,
      last integer not null,
      primary key (hall_id, prefix, service_day)
    );
    create table tickets (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      matter_id uuid not null references matters(id),
      prefix text not null,
      seq integer not null,
      number text not null,
      service_day date not null,
      class text not null check (class in ('normal', 'green', 'appointment')),
      status text not null check (status in ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
      channel text not null check (channel in ('kiosk', 'online', 'desk', 'check-in')),
      issued_at timestamptz not null,
      queue_time timestamptz not null,
      due_at timestamptz,
      called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      counter_id uuid references counters(id),
      reserved_counter_id uuid references counters(id),
      transferred boolean not null default false,
      call_count integer not null default 0,
      appointment_id uuid,
      token_hash text not null,
      phone_enc text,
      idempotency_key text,
      cancel_reason text,
      updated_at timestamptz not null,
      unique (hall_id, prefix, service_day, seq)
    );
    create unique index tickets_idempotency on tickets (hall_id, idempotency_key) where idempotency_key is not null;
    create index tickets_waiting on tickets (hall_id, status) where status in ('waiting', 'called', 'serving');
    create index tickets_day on tickets (hall_id, service_day);
    create table idempotency_keys (
      hall_id uuid not null references halls(id),
      key text not null,
      ticket_id uuid,
      created_at timestamptz not null default now(),
      primary key (hall_id, key)
    );
    create table ticket_events (
      id bigserial primary key,
      hall_id uuid not null references halls(id),
      ticket_id uuid not null references tickets(id),
      at timestamptz not null,
      action text not null,
      from_status text,
      to_status text not null,
      staff_id uuid references staff(id),
      counter_id uuid references counters(id),
      matter_id uuid not null references matters(id),
      data jsonb not null default '{}'::jsonb
    );
    create index ticket_events_hall_at on ticket_events (hall_id, at);
    create index ticket_events_ticket on ticket_events (ticket_id);
    create table hall_events (
      hall_id uuid not null references halls(id),
      seq integer not null,
      type text not null,
      data jsonb not null,
      at timestamptz not null,
      primary key (hall_id, seq)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table hall_events, ticket_events, idempotency_keys, tickets, ticket_numbers`.execute(db);
}
