import { IANAZone } from 'luxon';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { HallRow, HallSettings } from '../db/types.ts';
import { voiceFrom, type VoiceSettings } from '../domain/call-speech.ts';
import { weightsFrom, type PolicyWeights } from '../domain/policy.ts';
import { DEFAULT_COMPLAINT_DUE_WORKING_DAYS } from '../domain/ratings.ts';
import { AppError, notFound } from '../errors.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { isId } from '../schemas.ts';

export interface Hall {
  id: string;
  code: string;
  name: string;
  timezone: string;
  settings: {
    policy: PolicyWeights;
    waitAlertMinutes: number;
    complaintDueWorkingDays: number;
    voice: VoiceSettings;
  };
}

export const DEFAULT_WAIT_ALERT_MINUTES = 45;

export function toHall(r: HallRow): Hall {
  const s: HallSettings = r.settings ?? {};
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    timezone: r.timezone,
    settings: {
      policy: weightsFrom(s.policy),
      waitAlertMinutes: s.waitAlertMinutes ?? DEFAULT_WAIT_ALERT_MINUTES,
      complaintDueWorkingDays: s.complaintDueWorkingDays ?? DEFAULT_COMPLAINT_DUE_WORKING_DAYS,
      voice: voiceFrom(s.voice),
    },
  };
}

export function assertTimezone(tz: string): void {
  if (!IANAZone.isValidZone(tz)) {
    throw new AppError('VALIDATION_FAILED', `Unknown time zone ${tz}`, [
      { path: ['body', 'timezone'], message: 'must be an IANA time zone such as Asia/Shanghai' },
    ]);
  }
}

export class HallsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Hall[]> {
    const rows = await this.db
      .selectFrom('halls')
      .selectAll()
      .orderBy('created_at')
      .orderBy('code')
      .execute();
    return rows.map(toHall);
  }

  async get(hallId: string, db: Db | Tx = this.db): Promise<Hall> {
    if (!isId(hallId)) throw notFound('Hall');
    const row = await db.selectFrom('halls').selectAll().where('id', '=', hallId).executeTakeFirst();
    if (!row) throw notFound('Hall');
    return toHall(row);
  }

  async create(input: { code: string; name: string; timezone?: string | undefined }): Promise<Hall> {
    const timezone = input.timezone ?? 'Asia/Shanghai';
    assertTimezone(timezone);
    const row = await this.db
      .insertInto('halls')
      .values({ code: input.code, name: input.name, timezone, settings: '{}' })
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('ALREADY_EXISTS', `A hall with code ${input.code} exists`);
    return toHall(row);
  }

  async update(
    hallId: string,
    patch: {
      name?: string | undefined;
      timezone?: string | undefined;
      policy?: Partial<PolicyWeights> | undefined;
      waitAlertMinutes?: number | undefined;
      complaintDueWorkingDays?: number | undefined;
      voice?: Partial<VoiceSettings> | undefined;
    },
  ): Promise<Hall> {
    const hall = await this.get(hallId);
    if (patch.timezone) assertTimezone(patch.timezone);
    const settings: HallSettings = {
      policy: { ...hall.settings.policy, ...(patch.policy ?? {}) },
      waitAlertMinutes: patch.waitAlertMinutes ?? hall.settings.waitAlertMinutes,
      complaintDueWorkingDays: patch.complaintDueWorkingDays ?? hall.settings.complaintDueWorkingDays,
      voice: { ...hall.settings.voice, ...(patch.voice ?? {}) },
    };
    // Screens showing the hall (the wall display's voice) reload it on `hall.updated`.
    const row = await transact(this.db, async (tx) => {
      const updated = await tx
        .updateTable('halls')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
          settings: JSON.stringify(settings),
        })
        .where('id', '=', hallId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendHallEvent(tx, hallId, 'hall.updated', { settings: true }, this.clock.now());
      return updated;
    });
    return toHall(row);
  }
}
