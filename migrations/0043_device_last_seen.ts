import { sql, type Kysely } from 'kysely';

// Issue 20: when each paired device (kiosk, wall display, counter screen) and each rating pad was
// last heard from, so a hall's IT sees in the console which one is dead. Written at most once a
// minute per device (server/src/devices/last-seen.ts); null until the device first connects.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table devices add column last_seen_at timestamptz;
    alter table counter_pads add column last_seen_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table devices drop column last_seen_at;
    alter table counter_pads drop column last_seen_at;
  `.execute(db);
}
