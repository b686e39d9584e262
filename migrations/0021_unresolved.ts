import { sql, type Kysely } from 'kysely';

// 办不成事反映窗口 (issue 14): a hall marks a matter as its 办不成事 window; finishing a ticket there
// opens a case in the complaints ledger of kind 'unresolved', with the clerk's summary of what
// could not be done and the matter it concerned (complaints.matter_id). Such a case has no rating.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table matters add column unresolved_window boolean not null default false;
    alter table complaints add column kind text not null default 'rating'
      check (kind in ('rating', 'unresolved'));
    alter table complaints alter column rating_id drop not null;
    alter table complaints add column summary text check (char_length(summary) <= 2000);
    alter table complaints add constraint complaints_kind_rating
      check ((kind = 'rating') = (rating_id is not null));
    -- One case per 办不成事 ticket, whatever the concurrency.
    create unique index complaints_unresolved_ticket on complaints (ticket_id) where kind = 'unresolved';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index complaints_unresolved_ticket;
    delete from complaint_notes where complaint_id in (select id from complaints where kind = 'unresolved');
    delete from complaints where kind = 'unresolved';
    alter table complaints drop constraint complaints_kind_rating;
    alter table complaints drop column summary;
    alter table complaints alter column rating_id set not null;
    alter table complaints drop column kind;
    alter table matters drop column unresolved_window;
  `.execute(db);
}
