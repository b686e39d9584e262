import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import type { RatingRulesService } from '../ratings/rating-rules.ts';

// Erasure of a closed case's personal traces (issue 15): `contactRetentionDays` after a case
// closes, the rater's phone, the rating's comment and the case notes' free text are erased;
// the rating itself (level, reasons) and the case's dates stay for the statistics and the feed.
// Idempotent: a second run finds nothing left to erase.

export const ERASED_NOTE = '（已按保存期限删除）';

export async function eraseClosedCases(
  deps: { db: Db; clock: Clock; rules: RatingRulesService },
  hallId: string,
): Promise<number> {
  const { contactRetentionDays } = await deps.rules.get(hallId);
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - contactRetentionDays * 24 * 3600_000);
  const due = await deps.db
    .selectFrom('complaints as c')
    .innerJoin('ratings as r', 'r.id', 'c.rating_id')
    .select(['c.id', 'c.rating_id'])
    .where('c.hall_id', '=', hallId)
    .where('c.status', '=', 'closed')
    .where('c.closed_at', '<', cutoff)
    .where((eb) => eb.or([eb('r.contact_phone_enc', 'is not', null), eb('r.comment', 'is not', null)]))
    .execute();
  if (!due.length) return 0;
  const ratingIds = due.map((d) => d.rating_id);
  // contact_erased_at marks a real-name rating whose phone is gone (it stays real-name).
  await deps.db
    .updateTable('ratings')
    .set({ contact_phone_enc: null, contact_phone_masked: null, contact_erased_at: now })
    .where('id', 'in', ratingIds)
    .where('contact_phone_enc', 'is not', null)
    .execute();
  await deps.db.updateTable('ratings').set({ comment: null }).where('id', 'in', ratingIds).execute();
  await deps.db
    .updateTable('complaint_notes')
    .set({ note: ERASED_NOTE })
    .where(
      'complaint_id',
      'in',
      due.map((d) => d.id),
    )
    .execute();
  return due.length;
}
