import { sql, type Kysely } from 'kysely';

// Paired devices of a hall (kiosks, wall displays, counter screens): a manager pairs each one,
// the device keeps the token and sends it in X-Device-Token, so its requests are limited per
// device instead of by the hall's shared address. Only the token's hash is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table devices (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      kind text not null check (kind in ('kiosk', 'display', 'counter_screen')),
      name text not null,
      token_hash text not null unique,
      issued_at timestamptz not null,
      issued_by uuid references staff(id)
    );
    create index devices_hall on devices (hall_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table devices`.execute(db);
}
