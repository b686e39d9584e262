import { sql, type Kysely } from 'kysely';

// Halls, matters, counters with their ordered matters, staff and sessions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table halls (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      timezone text not null default 'Asia/Shanghai',
      settings jsonb not null default '{}'::jsonb,
      event_seq integer not null default 0,
      created_at timestamptz not null default now()
    );
    create table matters (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      code text not null,
      name text not null,
      name_en text not null default '',
      prefix text not null,
      description text not null default '',
      materials jsonb not null default '[]'::jsonb,
      avg_service_minutes integer not null default 10,
      walk_in boolean not null default true,
      daily_quota integer,
      last_issue_time text,
      bookable boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (hall_id, code),
      unique (hall_id, prefix)
    );
    create table staff (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid references halls(id),
      username text not null unique,
      name text not null,
      role text not null check (role in ('admin', 'manager', 'clerk')),
      password_hash text not null,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create table counters (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      number integer not null,
      name text not null default '',
      status text not null default 'closed' check (status in ('closed', 'open', 'paused')),
      clerk_id uuid references staff(id),
      status_since timestamptz not null default now(),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (hall_id, number)
    );
    -- one counter per clerk
    create unique index counters_clerk_unique on counters (clerk_id) where clerk_id is not null;
    create table counter_matters (
      counter_id uuid not null references counters(id) on delete cascade,
      matter_id uuid not null references matters(id),
      hall_id uuid not null references halls(id),
      position integer not null,
      primary key (counter_id, matter_id)
    );
    create table sessions (
      id text primary key,
      staff_id uuid not null references staff(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_staff on sessions (staff_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sessions, counter_matters, counters, staff, matters, halls`.execute(db);
}
