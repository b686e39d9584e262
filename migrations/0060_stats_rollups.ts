import { sql, type Kysely } from 'kysely';

// Daily statistics rollups (issue 19): the facts of a closed service day (one row per kind of
// fact, dimensions and value, with how many), so a year of statistics reads a year of rollups
// instead of replaying a year of ticket_events. stats_days says, per hall and day, what the
// rollup was built from: the hall's zone and due lead, the highest ticket_events id it saw and
// when it was built (later events or ratings make it stale and it is built again).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stats_days (
      hall_id uuid not null references halls(id),
      day date not null,
      timezone text not null,
      due_lead_minutes int not null,
      watermark bigint not null,
      built_at timestamptz not null,
      primary key (hall_id, day)
    );
    create table stats_day_facts (
      hall_id uuid not null,
      day date not null,
      kind text not null,
      matter_id uuid,
      counter_id uuid,
      staff_id uuid,
      hour int,
      v float8,
      n int not null,
      foreign key (hall_id, day) references stats_days (hall_id, day) on delete cascade
    );
    create index stats_day_facts_day on stats_day_facts (hall_id, day);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table stats_day_facts; drop table stats_days`.execute(db);
}
