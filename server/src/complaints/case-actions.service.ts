import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { FieldCrypto } from '../crypto.ts';
import type { Db, Tx } from '../db/index.ts';
import type { ComplaintRow } from '../db/types.ts';
import { transact } from '../db/transaction.ts';
import type { FollowUpOutcome } from '../domain/case-deadlines.ts';
import { maskFreeText } from '../domain/free-text.ts';
import type { ComplaintStatus } from '../domain/ratings.ts';
import { AppError, invalidTransition } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import type { ComplaintsService } from './complaints.service.ts';

// What 国办发〔2019〕51号 asks of a 差评 case beyond its steps: 回访核实 with the rater (the
// contact shown to a manager only through this audited action), the result sent back to the
// rater by text message, and the review of an appeal by an admin.

export class CaseActionsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly halls: HallsService,
    private readonly complaints: ComplaintsService,
  ) {
    complaints.onResult = (tx, c, to, now) => this.sendResult(tx, c, to, now);
  }

  /**
   * 查看联系方式: the rater's phone in full, for a manager about to call them. Every look is
   * written to the audit log and to the case's notes; a clerk never gets it.
   */
  async showContact(complaintId: string, staff: Staff): Promise<{ phone: string; masked: string }> {
    const row = await this.complaints.load(complaintId);
    assertHallAccess(staff, row.hall_id, ['admin', 'manager']);
    // A 办不成事 case has no rating, so no rater's contact.
    if (row.rating_id === null) throw new AppError('NO_CONTACT', 'A 办不成事 case has no rater to contact');
    const rating = await this.db
      .selectFrom('ratings')
      .select(['contact_phone_enc', 'contact_phone_masked', 'contact_erased_at'])
      .where('id', '=', row.rating_id)
      .executeTakeFirstOrThrow();
    if (!rating.contact_phone_enc || !rating.contact_phone_masked)
      throw new AppError(
        'NO_CONTACT',
        rating.contact_erased_at
          ? 'The rater’s contact was erased after the retention period'
          : 'The rater chose to stay anonymous: there is no contact to show',
      );
    const now = this.clock.now();
    await transact(this.db, async (tx) => {
      await tx
        .insertInto('complaint_notes')
        .values({
          complaint_id: row.id,
          hall_id: row.hall_id,
          staff_id: staff.id,
          kind: 'contact_shown',
          from_status: row.status,
          to_status: row.status,
          note: `查看联系方式 ${rating.contact_phone_masked}`,
          at: now,
        })
        .execute();
      await tx
        .insertInto('audit_log')
        .values({
          hall_id: row.hall_id,
          staff_id: staff.id,
          at: now,
          method: 'POST',
          route: '/api/v1/complaints/:complaintId/contact',
          target_id: row.id,
          status: 200,
          details: JSON.stringify({ action: 'show-contact', contact: rating.contact_phone_masked }),
          action: 'complaint.contact',
        })
        .execute();
    });
    return { phone: this.crypto.decrypt(rating.contact_phone_enc), masked: rating.contact_phone_masked };
  }

  /** 回访核实: records the follow-up and its outcome; an open case becomes contacted. */
  async followUp(complaintId: string, input: { outcome: FollowUpOutcome; note: string }, staff: Staff) {
    return this.complaints.changeCase(complaintId, staff, input.note, (c, now) => {
      if (c.status === 'closed') throw invalidTransition('The case is closed');
      if (c.followed_up_at) throw invalidTransition('The case is already followed up');
      const to: ComplaintStatus = c.status === 'open' ? 'contacted' : c.status;
      return {
        set: { followed_up_at: now, follow_up_outcome: input.outcome, status: to },
        kind: 'follow_up',
        to,
      };
    });
  }

  /**
   * An admin decides an appeal: upheld (the rating was mistaken: it stays, marked, and counts in
   * no figure; the case closes) or rejected (the case goes on).
   */
  async reviewAppeal(
    complaintId: string,
    input: { decision: 'upheld' | 'rejected'; reason: string },
    staff: Staff,
  ) {
    const reason = maskFreeText(input.reason);
    return this.complaints.changeCase(
      complaintId,
      staff,
      `${input.decision === 'upheld' ? '申诉成立' : '申诉不成立'}：${input.reason}`,
      (c, now) => {
        if (!c.appeal) throw invalidTransition('The case is not under appeal');
        if (c.appeal_decision) throw invalidTransition('The appeal is already decided');
        const upheld = input.decision === 'upheld';
        const to: ComplaintStatus = upheld ? 'closed' : c.status;
        return {
          set: {
            appeal_decision: input.decision,
            appeal_reason: reason,
            appeal_decided_by: staff.id,
            appeal_decided_at: now,
            ...(upheld ? { status: 'closed', closed_at: now } : {}),
          },
          kind: 'appeal_review',
          to,
          ...(upheld
            ? {
                after: async (tx: Tx, row: ComplaintRow) => {
                  if (row.rating_id === null) return;
                  await tx
                    .updateTable('ratings')
                    .set({ excluded: true, excluded_reason: reason, excluded_at: now })
                    .where('id', '=', row.rating_id)
                    .execute();
                },
              }
            : {}),
        };
      },
      (row) => assertHallAccess(staff, row.hall_id, ['admin']),
    );
  }

  /** The rater who left a phone hears the result (整改反馈) by text message, once per case. */
  private async sendResult(tx: Tx, c: ComplaintRow, to: ComplaintStatus, now: Date): Promise<void> {
    if (c.rating_id === null) return; // a 办不成事 case: no rater
    const rating = await tx
      .selectFrom('ratings as r')
      .innerJoin('tickets as t', 't.id', 'r.ticket_id')
      .select(['r.contact_phone_enc', 't.number'])
      .where('r.id', '=', c.rating_id)
      .executeTakeFirstOrThrow();
    if (!rating.contact_phone_enc) return;
    const hall = await this.halls.get(c.hall_id, tx);
    await enqueueNotification(tx, {
      hallId: c.hall_id,
      key: `complaint.result:${c.id}`,
      template: 'complaint.result',
      phoneEnc: rating.contact_phone_enc,
      params: { hall: hall.name, number: rating.number, result: to === 'rectified' ? '已整改' : '已说明' },
      ticketId: c.ticket_id,
      at: now,
    });
  }
}
