import { sql, type Kysely } from 'kysely';

// 好差评: the rating pads at the counters, the ratings, and the 差评 ledger with its notes.
// Nothing here says who rated: a rating belongs to a ticket, and a ticket holds no name.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One pad (a tablet at the window) per counter; only the hash of its token is kept.
    create table counter_pads (
      counter_id uuid primary key references counters(id),
      hall_id uuid not null references halls(id),
      token_hash text not null unique,
      issued_at timestamptz not null,
      issued_by uuid references staff(id)
    );
    create table ratings (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      -- One rating per ticket, whatever the concurrency.
      ticket_id uuid not null unique references tickets(id),
      score smallint not null check (score between 1 and 5),
      reasons jsonb not null default '[]'::jsonb,
      comment text check (char_length(comment) <= 500),
      source text not null check (source in ('holder', 'pad')),
      -- Where and by whom the ticket was served (its finish), for statistics by counter and clerk.
      counter_id uuid references counters(id),
      clerk_id uuid references staff(id),
      matter_id uuid not null references matters(id),
      created_at timestamptz not null
    );
    create index ratings_hall_created on ratings (hall_id, created_at);
    create table complaints (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      rating_id uuid not null unique references ratings(id),
      ticket_id uuid not null references tickets(id),
      counter_id uuid references counters(id),
      clerk_id uuid references staff(id),
      matter_id uuid not null references matters(id),
      status text not null default 'open'
        check (status in ('open', 'contacted', 'rectified', 'explained', 'closed')),
      due_date date not null,
      appeal boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      closed_at timestamptz
    );
    create index complaints_hall_status on complaints (hall_id, status, due_date);
    create index complaints_hall_created on complaints (hall_id, created_at);
    create table complaint_notes (
      id bigserial primary key,
      complaint_id uuid not null references complaints(id),
      hall_id uuid not null references halls(id),
      staff_id uuid references staff(id),
      kind text not null default 'transition' check (kind in ('transition', 'appeal')),
      from_status text,
      to_status text not null,
      note text not null,
      at timestamptz not null
    );
    create index complaint_notes_complaint on complaint_notes (complaint_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table complaint_notes, complaints, ratings, counter_pads`.execute(db);
}
