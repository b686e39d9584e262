import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { serviceDay } from '../domain/numbering.ts';
import { LEVEL_LABELS, type Score } from '../domain/ratings.ts';
import { AppError } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import { sha256 } from '../tickets/tokens.ts';

// The provincial 好差评 feed (GB/T 39734-2020 数据归集): every rating of a date range with the
// data items the standard names — the service, the matter code, the channel, the times, the
// level, the reasons, and the case's rectification status and dates. Never the rater: no phone,
// no token; comments are stored masked. Read by a manager or by a machine account's token
// (X-Feed-Token). README "The provincial feed" documents each field; FEED_FIELDS is that list.

export const FEED_HEADER = 'x-feed-token';

export const FEED_FIELDS = [
  'ratingId',
  'hallCode',
  'hallName',
  'serviceId',
  'ticketNumber',
  'serviceDay',
  'matterCode',
  'matterName',
  'counterNumber',
  'channel',
  'ratingChannel',
  'servedAt',
  'ratedAt',
  'level',
  'levelName',
  'reasons',
  'comment',
  'realName',
  'excluded',
  'caseId',
  'caseStatus',
  'followUpDue',
  'followedUpAt',
  'followUpOutcome',
  'rectifyDue',
  'rectifiedAt',
  'rectifiedOnTime',
  'closedAt',
  'appealDecision',
] as const;
export type FeedField = (typeof FEED_FIELDS)[number];
export type FeedRecord = Record<FeedField, string | number | boolean | null>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export class FeedService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
  ) {}

  /** A new machine account token for the hall's feed (shown once; only its hash is kept). */
  async issueToken(hallId: string, name: string, staff: Staff) {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    await this.halls.get(hallId);
    const token = `feed_${randomBytes(24).toString('base64url')}`;
    const row = await this.db
      .insertInto('feed_tokens')
      .values({
        hall_id: hallId,
        name,
        token_hash: sha256(token),
        created_by: staff.id,
        created_at: this.clock.now(),
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, name, token, createdAt: iso(row.created_at)! };
  }

  async revokeToken(hallId: string, tokenId: string, staff: Staff) {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    await this.db
      .updateTable('feed_tokens')
      .set({ revoked_at: this.clock.now() })
      .where('hall_id', '=', hallId)
      .where('id', '=', tokenId)
      .execute();
  }

  /** Throws unless a manager of the hall or a live token of the hall asks. */
  async assertReader(hallId: string, staff: Staff | null, token: string | undefined) {
    if (token) {
      const row = await this.db
        .selectFrom('feed_tokens')
        .select(['hall_id', 'revoked_at'])
        .where('token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!row || row.revoked_at !== null)
        throw new AppError('UNAUTHENTICATED', 'Unknown or revoked feed token');
      if (row.hall_id !== hallId) throw new AppError('FORBIDDEN', 'This token reads another hall’s feed');
      return;
    }
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Sign in as a manager or send the X-Feed-Token header');
    assertHallAccess(staff, hallId, ['admin', 'manager']);
  }

  /** Ratings given on the service days from..to (hall zone), oldest first. */
  async records(hallId: string, from: string, to: string): Promise<FeedRecord[]> {
    const hall = await this.halls.get(hallId);
    const start = DateTime.fromISO(from, { zone: hall.timezone }).startOf('day').toJSDate();
    const end = DateTime.fromISO(to, { zone: hall.timezone }).plus({ days: 1 }).startOf('day').toJSDate();
    const rows = await this.db
      .selectFrom('ratings as r')
      .innerJoin('tickets as t', 't.id', 'r.ticket_id')
      .innerJoin('matters as m', 'm.id', 'r.matter_id')
      .leftJoin('counters as co', 'co.id', 'r.counter_id')
      .leftJoin('complaints as c', 'c.rating_id', 'r.id')
      .select([
        'r.id',
        'r.score',
        'r.reasons',
        'r.comment',
        'r.source',
        'r.created_at',
        'r.excluded',
        'r.contact_phone_enc',
        'r.contact_erased_at',
        't.id as ticket_id',
        't.number',
        't.service_day',
        't.channel',
        't.finished_at',
        'm.code as matter_code',
        'm.name as matter_name',
        'co.number as counter_number',
        'c.id as case_id',
        'c.status as case_status',
        'c.follow_up_due',
        'c.followed_up_at',
        'c.follow_up_outcome',
        'c.due_date',
        'c.rectified_at',
        'c.closed_at',
        'c.appeal_decision',
      ])
      .where('r.hall_id', '=', hallId)
      .where('r.created_at', '>=', start)
      .where('r.created_at', '<', end)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute();
    return rows.map((r) => ({
      ratingId: r.id,
      hallCode: hall.code,
      hallName: hall.name,
      serviceId: r.ticket_id,
      ticketNumber: r.number,
      serviceDay: r.service_day,
      matterCode: r.matter_code,
      matterName: r.matter_name,
      counterNumber: r.counter_number,
      channel: r.channel,
      ratingChannel: r.source === 'pad' ? 'window_pad' : 'mobile',
      servedAt: iso(r.finished_at),
      ratedAt: iso(r.created_at),
      level: r.score,
      levelName: LEVEL_LABELS[r.score as Score],
      reasons: (r.reasons ?? []).join('|'),
      comment: r.comment,
      realName: r.contact_phone_enc !== null || r.contact_erased_at !== null,
      excluded: r.excluded,
      caseId: r.case_id,
      caseStatus: r.case_status,
      followUpDue: r.follow_up_due,
      followedUpAt: iso(r.followed_up_at),
      followUpOutcome: r.follow_up_outcome,
      rectifyDue: r.due_date,
      rectifiedAt: iso(r.rectified_at),
      rectifiedOnTime:
        r.case_id === null || r.due_date === null
          ? null
          : r.rectified_at !== null && serviceDay(new Date(r.rectified_at), hall.timezone) <= r.due_date,
      closedAt: iso(r.closed_at),
      appealDecision: r.appeal_decision,
    }));
  }
}

/** RFC 4180 CSV with a UTF-8 BOM and the field names as the header row. */
export function feedCsv(records: FeedRecord[]): string {
  const cell = (v: string | number | boolean | null) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [FEED_FIELDS.join(','), ...records.map((r) => FEED_FIELDS.map((f) => cell(r[f])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
