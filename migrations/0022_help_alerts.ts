import { sql, type Kysely } from 'kysely';

// 请工作人员协助 (issue 14): a resident at a kiosk in elder mode asks for staff; the help desk
// sees the alert live and acknowledges it. `source` is who pressed: `device:<id>` for a paired
// kiosk, else a keyed hash of the address (never the address itself); the per-source limit
// counts these rows, so it holds across server processes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table help_alerts (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      device_id uuid, -- devices come in 0040, after this migration: no foreign key
      kiosk_name text,
      source text not null,
      requested_at timestamptz not null,
      acknowledged_at timestamptz,
      acknowledged_by uuid references staff(id)
    );
    create index help_alerts_source on help_alerts (source, requested_at);
    create index help_alerts_open on help_alerts (hall_id, requested_at) where acknowledged_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table help_alerts`.execute(db);
}
