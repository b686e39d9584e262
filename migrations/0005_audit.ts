import { sql, type Kysely } from 'kysely';

// The audit log of staff actions: who changed what, when.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigserial primary key,
      hall_id uuid references halls(id),
      staff_id uuid not null references staff(id),
      at timestamptz not null,
      method text not null,
      route text not null,
      target_id text,
      status integer not null,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_log_hall_at on audit_log (hall_id, at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
}
