import { sql, type Kysely } from 'kysely';

// A counter's English name (issue 17): the wall and the resident pages show it where the
// language is English; empty means "counter N" is said instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table counters add column name_en text not null default ''`.execute(db);
}
