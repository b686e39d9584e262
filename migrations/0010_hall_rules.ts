import { sql, type Kysely } from 'kysely';

// A real hall's rules (issue 13): per-date hours (延时服务, a special day's hours), the years of
// the national calendar an admin has confirmed from the State Council notice, a per-matter
// last-ticket time (截止取号), and the document type a booking was made with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table hall_schedules add column date_hours jsonb not null default '{}'::jsonb;
    create table calendar_years (
      year integer primary key,
      confirmed_at timestamptz not null,
      confirmed_by uuid references staff(id),
      note text not null default ''
    );
    alter table matter_slot_settings add column last_ticket_minutes integer;
    alter table appointments add column id_type text not null default 'resident_id';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table appointments drop column id_type;
    alter table matter_slot_settings drop column last_ticket_minutes;
    drop table calendar_years;
    alter table hall_schedules drop column date_hours;
  `.execute(db);
}
