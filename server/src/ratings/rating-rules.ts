import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import type { HallsService } from '../halls/halls.service.ts';

// A hall's 好差评 rules (issue 15), kept apart from the hall's settings so that this feature owns
// its own row. The rectification deadline (整改反馈) stays the hall setting
// `complaintDueWorkingDays`; the rest lives here. Defaults and their sources: README, 好差评.

export interface RatingRules {
  /** The pad prompts for the ticket just finished at most this long (unless the next starts). */
  padPromptMinutes: number;
  /** 回访核实: a 差评 case is to be followed up with the rater within this many working days. */
  followUpWorkingDays: number;
  /** 整改反馈: the hall setting complaintDueWorkingDays, shown here for one place to read. */
  rectifyWorkingDays: number;
  /** A rater's contact is erased this many days after the case closes. */
  contactRetentionDays: number;
  /** Show the month's results on the lobby wall display. */
  resultsOnDisplay: boolean;
}

export const DEFAULT_RATING_RULES: Omit<RatingRules, 'rectifyWorkingDays'> = {
  padPromptMinutes: 5,
  followUpWorkingDays: 1,
  contactRetentionDays: 30,
  resultsOnDisplay: false,
};

type StoredRules = Partial<Omit<RatingRules, 'rectifyWorkingDays'>>;

export class RatingRulesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
  ) {}

  async get(hallId: string): Promise<RatingRules> {
    const hall = await this.halls.get(hallId);
    const row = await this.db
      .selectFrom('hall_rating_rules')
      .select('rules')
      .where('hall_id', '=', hall.id)
      .executeTakeFirst();
    const stored = (row?.rules ?? {}) as StoredRules;
    return {
      ...DEFAULT_RATING_RULES,
      ...stored,
      rectifyWorkingDays: hall.settings.complaintDueWorkingDays,
    };
  }

  async put(hallId: string, patch: Partial<RatingRules>, staff: Staff): Promise<RatingRules> {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    const current = await this.get(hallId);
    const { rectifyWorkingDays, ...rest } = { ...current, ...patch };
    if (rectifyWorkingDays !== current.rectifyWorkingDays)
      await this.halls.update(hallId, { complaintDueWorkingDays: rectifyWorkingDays });
    const now = this.clock.now();
    const rules = JSON.stringify(rest);
    await this.db
      .insertInto('hall_rating_rules')
      .values({ hall_id: hallId, rules, updated_at: now, updated_by: staff.id })
      .onConflict((oc) => oc.column('hall_id').doUpdateSet({ rules, updated_at: now, updated_by: staff.id }))
      .execute();
    return this.get(hallId);
  }
}
