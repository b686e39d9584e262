import { sql, type Kysely } from 'kysely';

// 办不成事反映窗口 (issue 14): the ledger also holds cases of kind `unresolved`, opened when a
// clerk finishes a ticket at the hall's 办不成事 window, with the clerk's summary. Such a case
// has no rating.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table complaints alter column rating_id drop not null;
    alter table complaints add column kind text not null default 'rating'
      check (kind in ('rating', 'unresolved'));
    alter table complaints add column summary text check (char_length(summary) <= 1000);
    alter table complaints add constraint complaints_kind_rating
      check ((kind = 'rating') = (rating_id is not null));
    create unique index complaints_unresolved_ticket on complaints (ticket_id) where kind = 'unresolved';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from complaint_notes where complaint_id in (select id from complaints where kind = 'unresolved');
    delete from complaints where kind = 'unresolved';
    drop index complaints_unresolved_ticket;
    alter table complaints drop constraint complaints_kind_rating;
    alter table complaints drop column summary;
    alter table complaints drop column kind;
    alter table complaints alter column rating_id set not null;
  `.execute(db);
}
