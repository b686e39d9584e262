import { z } from 'zod';
import type { Db, Tx } from '../db/index.ts';
import type { MatterRow } from '../db/types.ts';
import { AppError, notFound } from '../errors.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { HHmm, isId, Name, Text } from '../schemas.ts';
import type { Clock } from '../clock.ts';
import { transact } from '../db/transaction.ts';

export const MatterInput = z.object({
  code: Name(32),
  name: Name(100),
  nameEn: Text(100).optional(),
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be one or two capital letters'),
  description: Text(2000, { multiline: true }).optional(),
  materials: z.array(Name(200)).max(50).optional(),
  avgServiceMinutes: z.number().int().min(1).max(480).optional(),
  walkIn: z.boolean().optional(),
  dailyQuota: z.number().int().min(1).max(100000).nullable().optional(),
  lastIssueTime: HHmm.nullable().optional(),
  bookable: z.boolean().optional(),
  active: z.boolean().optional(),
  /** 办不成事反映窗口: finishing a ticket of this matter opens a 办不成事 case. */
  unresolvedWindow: z.boolean().optional(),
});
export type MatterInput = z.infer<typeof MatterInput>;
export const MatterPatch = MatterInput.partial();

export interface Matter {
  id: string;
  hallId: string;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  description: string;
  materials: string[];
  avgServiceMinutes: number;
  walkIn: boolean;
  dailyQuota: number | null;
  lastIssueTime: string | null;
  bookable: boolean;
  active: boolean;
  unresolvedWindow: boolean;
}

export const toMatter = (r: MatterRow): Matter => ({
  id: r.id,
  hallId: r.hall_id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  prefix: r.prefix,
  description: r.description,
  materials: r.materials ?? [],
  avgServiceMinutes: r.avg_service_minutes,
  walkIn: r.walk_in,
  dailyQuota: r.daily_quota,
  lastIssueTime: r.last_issue_time,
  bookable: r.bookable,
  active: r.active,
  unresolvedWindow: r.unresolved_window,
});

function toColumns(input: Partial<MatterInput>) {
  return {
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
    ...(input.prefix !== undefined ? { prefix: input.prefix } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.materials !== undefined ? { materials: JSON.stringify(input.materials) } : {}),
    ...(input.avgServiceMinutes !== undefined ? { avg_service_minutes: input.avgServiceMinutes } : {}),
    ...(input.walkIn !== undefined ? { walk_in: input.walkIn } : {}),
    ...(input.dailyQuota !== undefined ? { daily_quota: input.dailyQuota } : {}),
    ...(input.lastIssueTime !== undefined ? { last_issue_time: input.lastIssueTime } : {}),
    ...(input.bookable !== undefined ? { bookable: input.bookable } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.unresolvedWindow !== undefined ? { unresolved_window: input.unresolvedWindow } : {}),
  };
}

function uniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

export class MattersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(hallId: string, includeInactive = false): Promise<Matter[]> {
    let q = this.db.selectFrom('matters').selectAll().where('hall_id', '=', hallId);
    if (!includeInactive) q = q.where('active', '=', true);
    const rows = await q.orderBy('prefix').execute();
    return rows.map(toMatter);
  }

  async get(matterId: string, db: Db | Tx = this.db): Promise<Matter> {
    if (!isId(matterId)) throw notFound('Matter');
    const row = await db.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirst();
    if (!row) throw notFound('Matter');
    return toMatter(row);
  }

  async create(hallId: string, input: MatterInput): Promise<Matter> {
    try {
      const row = await transact(this.db, async (tx) => {
        const row = await tx
          .insertInto('matters')
          .values({
            hall_id: hallId,
            materials: '[]',
            ...toColumns(input),
            code: input.code,
            name: input.name,
            prefix: input.prefix,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendHallEvent(tx, hallId, 'matter.updated', { matterId: row.id }, this.clock.now());
        return row;
      });
      return toMatter(row);
    } catch (err) {
      if (uniqueViolation(err))
        throw new AppError('ALREADY_EXISTS', 'A matter with this code or prefix exists in the hall');
      throw err;
    }
  }

  async update(matterId: string, patch: Partial<MatterInput>): Promise<Matter> {
    const current = await this.get(matterId);
    const columns = toColumns(patch);
    try {
      const row = await transact(this.db, async (tx) => {
        const row = Object.keys(columns).length
          ? await tx
              .updateTable('matters')
              .set(columns)
              .where('id', '=', matterId)
              .returningAll()
              .executeTakeFirstOrThrow()
          : await tx.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirstOrThrow();
        await appendHallEvent(tx, current.hallId, 'matter.updated', { matterId }, this.clock.now());
        return row;
      });
      return toMatter(row);
    } catch (err) {
      if (uniqueViolation(err))
        throw new AppError('ALREADY_EXISTS', 'A matter with this code or prefix exists in the hall');
      throw err;
    }
  }
}
