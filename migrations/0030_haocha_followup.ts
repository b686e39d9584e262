import { sql, type Kysely } from 'kysely';

// 好差评 as 国办发〔2019〕51号 and GB/T 39734-2020 ask (issue 15): a hall's rating rules (how long the
// pad prompts, the two deadlines, publication), the rater's optional contact for 回访 (encrypted,
// erased after the case closes), the follow-up and rectification of a case, the review of an
// appeal (a rating found mistaken is excluded from the figures but kept), and the tokens of the
// machine accounts that fetch the provincial feed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table hall_rating_rules (
      hall_id uuid primary key references halls(id),
      rules jsonb not null default '{}'::jsonb,
      updated_at timestamptz not null,
      updated_by uuid references staff(id)
    );
    alter table ratings
      add column contact_phone_enc text,
      add column contact_phone_masked text,
      add column contact_erased_at timestamptz,
      add column excluded boolean not null default false,
      add column excluded_reason text,
      add column excluded_at timestamptz;
    alter table complaints
      add column follow_up_due date,
      add column followed_up_at timestamptz,
      add column follow_up_outcome text
        check (follow_up_outcome in ('satisfied', 'unsatisfied', 'unreachable', 'verified')),
      add column rectified_at timestamptz,
      add column appeal_decision text check (appeal_decision in ('upheld', 'rejected')),
      add column appeal_reason text,
      add column appeal_decided_by uuid references staff(id),
      add column appeal_decided_at timestamptz;
    update complaints set follow_up_due = due_date where follow_up_due is null;
    alter table complaint_notes drop constraint if exists complaint_notes_kind_check;
    alter table complaint_notes add constraint complaint_notes_kind_check
      check (kind in ('transition', 'appeal', 'follow_up', 'appeal_review', 'contact_shown'));
    create table feed_tokens (
      id uuid primary key default gen_random_uuid(),
      hall_id uuid not null references halls(id),
      name text not null,
      token_hash text not null unique,
      created_by uuid references staff(id),
      created_at timestamptz not null,
      revoked_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table feed_tokens;
    alter table complaint_notes drop constraint complaint_notes_kind_check;
    alter table complaint_notes add constraint complaint_notes_kind_check
      check (kind in ('transition', 'appeal'));
    alter table complaints drop column follow_up_due, drop column followed_up_at,
      drop column follow_up_outcome, drop column rectified_at, drop column appeal_decision,
      drop column appeal_reason, drop column appeal_decided_by, drop column appeal_decided_at;
    alter table ratings drop column contact_phone_enc, drop column contact_phone_masked,
      drop column contact_erased_at, drop column excluded, drop column excluded_reason,
      drop column excluded_at;
    drop table hall_rating_rules;
  `.execute(db);
}
