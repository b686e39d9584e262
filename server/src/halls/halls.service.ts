import { IANAZone } from 'luxon';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { HallRow, HallSettings } from '../db/types.ts';
import { voiceFrom, type VoiceSettings } from '../domain/call-speech.ts';
import {
  DEFAULT_GREEN_CATEGORIES,
  weightsFrom,
  type GreenCategory,
  type PolicyWeights,
} from '../domain/policy.ts';
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
    /** 绿色通道 categories with their treatments (the defaults until the hall sets its own). */
    greenCategories: GreenCategory[];
    /** 亮证上岗: clerks' names, 工号 and photos on public screens and anonymous answers (default on). */
    staffDetailsPublic: boolean;
    /** The matter that is the hall's 办不成事反映窗口, if any. */
    unresolvedMatterId: string | null;
  };
}

export type HallPatch = {
  name?: string | undefined;
  timezone?: string | undefined;
  policy?: Partial<PolicyWeights> | undefined;
  waitAlertMinutes?: number | undefined;
  complaintDueWorkingDays?: number | undefined;
  greenCategories?: GreenCategory[] | undefined;
  staffDetailsPublic?: boolean | undefined;
  unresolvedMatterId?: string | null | undefined;
  voice?: Partial<VoiceSettings> | undefined;
};

export const DEFAULT_WAIT_ALERT_MINUTES = 45;

/** A hall's green-channel categories from its stored settings (the defaults until it sets its own). */
export function greenCategoriesOf(s: HallSettings | null | undefined): GreenCategory[] {
  return Array.isArray(s?.greenCategories)
    ? (s.greenCategories as GreenCategory[])
    : [...DEFAULT_GREEN_CATEGORIES];
}

/** Whether the hall shows its clerks' names, 工号 and photos to the public (亮证上岗). */
export async function staffDetailsPublic(db: Db | Tx, hallId: string): Promise<boolean> {
  const row = await db.selectFrom('halls').select('settings').where('id', '=', hallId).executeTakeFirst();
  return row?.settings?.staffDetailsPublic !== false;
}

export function toHall(r: HallRow): Hall {
  const s: HallSettings = r.settings ?? {};
  const greenCategories = greenCategoriesOf(s);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    timezone: r.timezone,
    settings: {
      policy: weightsFrom(s.policy, greenCategories),
      waitAlertMinutes: s.waitAlertMinutes ?? DEFAULT_WAIT_ALERT_MINUTES,
      complaintDueWorkingDays: s.complaintDueWorkingDays ?? DEFAULT_COMPLAINT_DUE_WORKING_DAYS,
      voice: voiceFrom(s.voice),
      greenCategories,
      staffDetailsPublic: s.staffDetailsPublic !== false,
      unresolvedMatterId: typeof s.unresolvedMatterId === 'string' ? s.unresolvedMatterId : null,
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

function assertCategories(cats: GreenCategory[]): void {
  const seen = new Set<string>();
  cats.forEach((c, i) => {
    if (seen.has(c.code)) {
      throw new AppError('VALIDATION_FAILED', `Category code ${c.code} is used twice`, [
        { path: ['body', 'greenCategories', i, 'code'], message: 'must be unique' },
      ]);
    }
    seen.add(c.code);
  });
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

  private async assertMatter(hallId: string, matterId: string): Promise<void> {
    const m = isId(matterId)
      ? await this.db
          .selectFrom('matters')
          .select('id')
          .where('id', '=', matterId)
          .where('hall_id', '=', hallId)
          .executeTakeFirst()
      : undefined;
    if (!m) {
      throw new AppError('VALIDATION_FAILED', 'The 办不成事 window must be a matter of this hall', [
        { path: ['body', 'unresolvedMatterId'], message: 'no such matter in this hall' },
      ]);
    }
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

  async update(hallId: string, patch: HallPatch): Promise<Hall> {
    const hall = await this.get(hallId);
    if (patch.timezone) assertTimezone(patch.timezone);
    if (patch.greenCategories) assertCategories(patch.greenCategories);
    if (patch.unresolvedMatterId) await this.assertMatter(hallId, patch.unresolvedMatterId);
    const { categories: _derived, ...policy } = { ...hall.settings.policy, ...(patch.policy ?? {}) };
    const settings: HallSettings = {
      policy,
      waitAlertMinutes: patch.waitAlertMinutes ?? hall.settings.waitAlertMinutes,
      complaintDueWorkingDays: patch.complaintDueWorkingDays ?? hall.settings.complaintDueWorkingDays,
      voice: { ...hall.settings.voice, ...(patch.voice ?? {}) },
      greenCategories: patch.greenCategories ?? hall.settings.greenCategories,
      staffDetailsPublic: patch.staffDetailsPublic ?? hall.settings.staffDetailsPublic,
      unresolvedMatterId:
        patch.unresolvedMatterId !== undefined ? patch.unresolvedMatterId : hall.settings.unresolvedMatterId,
    };
    // Screens showing the hall (voice, staff details, categories) reload it on `hall.updated`.
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
