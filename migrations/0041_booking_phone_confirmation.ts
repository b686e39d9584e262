import { sql, type Kysely } from 'kysely';

// Finding 5 of issue 16: someone else's ID number could block and reveal a resident. From here
// a booking's per-person rules count by the person key (document and phone together, keyed
// hash), so a stranger who knows only my ID number fills up their own allowance, not mine; and
// a booking counts toward the active-bookings limit and the no-show block only once its phone
// was confirmed with the one-time code texted to it, so knowing my phone as well is not enough.
// Bookings made before this migration count as confirmed and keep their ID hash as person key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table appointments
      add column person_hash text,
      add column phone_confirmed_at timestamptz,
      add column confirm_code_hash text,
      add column confirm_by timestamptz,
      add column confirm_attempts integer not null default 0;
    update appointments set person_hash = id_hash, phone_confirmed_at = created_at;
    drop index appointments_one_per_day;
    create unique index appointments_one_per_day_person
      on appointments (hall_id, matter_id, service_day, person_hash)
      where status in ('booked', 'checked_in') and one_per_day;
    create index appointments_person_key on appointments (hall_id, person_hash) where person_hash is not null;
    create index appointments_unconfirmed on appointments (hall_id, confirm_by)
      where status = 'booked' and phone_confirmed_at is null;
    alter table booking_blocks rename column id_hash to person_hash;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table booking_blocks rename column person_hash to id_hash;
    drop index appointments_unconfirmed;
    drop index appointments_person_key;
    drop index appointments_one_per_day_person;
    create unique index appointments_one_per_day on appointments (hall_id, matter_id, service_day, id_hash)
      where status in ('booked', 'checked_in') and one_per_day;
    alter table appointments
      drop column person_hash,
      drop column phone_confirmed_at,
      drop column confirm_code_hash,
      drop column confirm_by,
      drop column confirm_attempts;
  `.execute(db);
}
