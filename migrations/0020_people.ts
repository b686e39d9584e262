import { sql, type Kysely } from 'kysely';

// The people in the hall (issue 14): the green-channel category a ticket was issued under (a
// code, never a person) and the 帮办 mark; staff numbers (工号) and photos for 亮证上岗; the time
// a paused counter says it resumes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tickets add column priority_category text
      check (priority_category is null or priority_category ~ '^[a-z0-9-]{2,32}$');
    alter table tickets add column assisted boolean not null default false;
    create index tickets_hall_day_category on tickets (hall_id, service_day, priority_category)
      where priority_category is not null;
    alter table staff add column staff_number text check (char_length(staff_number) <= 20);
    create unique index staff_hall_number on staff (hall_id, staff_number) where staff_number is not null;
    -- One photo per staff member, base64 (a few hundred KB at most), with a version for caching.
    create table staff_photos (
      staff_id uuid primary key references staff(id),
      mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
      data text not null,
      etag text not null,
      updated_at timestamptz not null
    );
    alter table counters add column resume_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table counters drop column resume_at;
    drop table staff_photos;
    drop index staff_hall_number;
    alter table staff drop column staff_number;
    alter table tickets drop column assisted;
    alter table tickets drop column priority_category;
  `.execute(db);
}
