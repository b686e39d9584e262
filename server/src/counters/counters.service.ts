import { z } from 'zod';
import type { Staff } from '../auth/auth.service.ts';
import { assertHallAccess } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { CounterRow, CounterStatus } from '../db/types.ts';
import { AppError, invalidTransition, notFound } from '../errors.ts';
import { appendHallEvent } from '../realtime/hall-events.ts';
import { Id, isId, Text } from '../schemas.ts';

export const CounterInput = z.object({
  number: z.number().int().min(1).max(9999),
  name: Text(100).optional(),
  nameEn: Text(100)
    .optional()
    .describe('The English name shown where the language is English, e.g. "Counter 3"'),
  matterIds: z
    .array(Id)
    .min(1)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a matter'),
  active: z.boolean().optional(),
});
export type CounterInput = z.infer<typeof CounterInput>;
export const CounterPatch = CounterInput.partial();

export interface Counter {
  id: string;
  hallId: string;
  number: number;
  name: string;
  nameEn: string;
  matterIds: string[];
  status: CounterStatus;
  statusSince: string;
  active: boolean;
  /** The clerk at it; staffNumber (工号) and photo for 亮证上岗 (hidden from the public when the hall says so). */
  clerk: { id: string; name: string; staffNumber: string | null; photoUrl: string | null } | null;
  /** A paused counter: when it says it resumes. */
  resumeAt: string | null;
  currentTicket: {
    id: string;
    number: string;
    status: string;
    matterId: string;
    callCount: number;
    calledAt: string | null;
    startedAt: string | null;
  } | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Where a staff photo is served; the version makes a changed photo a new URL (long caching). */
export const staffPhotoUrl = (staffId: string, etag: string) => `/api/v1/staff/${staffId}/photo?v=${etag}`;

/** A counter as the public sees it: without the clerk when the hall keeps staff details private. */
export function publicCounter(c: Counter, staffDetailsPublic: boolean): Counter {
  return staffDetailsPublic ? c : { ...c, clerk: null };
}

export class CountersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Counters of a hall (or one counter) with their matters, clerk and current ticket. */
  async list(hallId: string, onlyId?: string, db: Db | Tx = this.db): Promise<Counter[]> {
    let q = db
      .selectFrom('counters as c')
      .leftJoin('staff as s', 's.id', 'c.clerk_id')
      .leftJoin('staff_photos as sp', 'sp.staff_id', 'c.clerk_id')
      .selectAll('c')
      .select(['s.name as clerk_name', 's.staff_number as clerk_number', 'sp.etag as clerk_photo'])
      .where('c.hall_id', '=', hallId);
    if (onlyId) q = q.where('c.id', '=', onlyId);
    else q = q.where('c.active', '=', true);
    const rows = await q.orderBy('c.number').execute();
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const links = await db
      .selectFrom('counter_matters')
      .select(['counter_id', 'matter_id'])
      .where('counter_id', 'in', ids)
      .orderBy('position')
      .execute();
    const current = await db
      .selectFrom('tickets')
      .select(['id', 'number', 'status', 'matter_id', 'call_count', 'called_at', 'started_at', 'counter_id'])
      .where('hall_id', '=', hallId)
      .where('counter_id', 'in', ids)
      .where('status', 'in', ['called', 'serving'])
      .execute();
    return rows.map((r) => {
      const t = current.find((x) => x.counter_id === r.id);
      return {
        id: r.id,
        hallId: r.hall_id,
        number: r.number,
        name: r.name,
        nameEn: r.name_en,
        matterIds: links.filter((l) => l.counter_id === r.id).map((l) => l.matter_id),
        status: r.status,
        statusSince: iso(r.status_since)!,
        active: r.active,
        clerk: r.clerk_id
          ? {
              id: r.clerk_id,
              name: r.clerk_name ?? '',
              staffNumber: r.clerk_number ?? null,
              photoUrl: r.clerk_photo ? staffPhotoUrl(r.clerk_id, r.clerk_photo) : null,
            }
          : null,
        resumeAt: r.status === 'paused' ? iso(r.resume_at) : null,
        currentTicket: t
          ? {
              id: t.id,
              number: t.number,
              status: t.status,
              matterId: t.matter_id,
              callCount: t.call_count,
              calledAt: iso(t.called_at),
              startedAt: iso(t.started_at),
            }
          : null,
      };
    });
  }

  async get(counterId: string, db: Db | Tx = this.db): Promise<Counter> {
    const row = await this.row(counterId, db);
    const [counter] = await this.list(row.hall_id, counterId, db);
    if (!counter) throw notFound('Counter');
    return counter;
  }

  async row(counterId: string, db: Db | Tx = this.db): Promise<CounterRow> {
    if (!isId(counterId)) throw notFound('Counter');
    const row = await db.selectFrom('counters').selectAll().where('id', '=', counterId).executeTakeFirst();
    if (!row) throw notFound('Counter');
    return row;
  }

  private async setMatters(tx: Tx, hallId: string, counterId: string, matterIds: string[]): Promise<void> {
    const found = await tx
      .selectFrom('matters')
      .select('id')
      .where('hall_id', '=', hallId)
      .where('id', 'in', matterIds)
      .execute();
    if (found.length !== matterIds.length) {
      throw new AppError('VALIDATION_FAILED', 'Every matter must belong to the counter’s hall', [
        { path: ['body', 'matterIds'], message: 'unknown matter for this hall' },
      ]);
    }
    await tx.deleteFrom('counter_matters').where('counter_id', '=', counterId).execute();
    await tx
      .insertInto('counter_matters')
      .values(
        matterIds.map((m, i) => ({ counter_id: counterId, matter_id: m, hall_id: hallId, position: i })),
      )
      .execute();
  }

  async create(hallId: string, input: CounterInput): Promise<Counter> {
    const id = await this.write(hallId, async (tx) => {
      const row = await tx
        .insertInto('counters')
        .values({
          hall_id: hallId,
          number: input.number,
          name: input.name ?? `${input.number}号窗口`,
          ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
        })
        .onConflict((oc) => oc.columns(['hall_id', 'number']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new AppError('ALREADY_EXISTS', `Counter ${input.number} exists in this hall`);
      await this.setMatters(tx, hallId, row.id, input.matterIds);
      return row.id;
    });
    return this.get(id);
  }

  async update(counterId: string, patch: Partial<CounterInput>): Promise<Counter> {
    const current = await this.row(counterId);
    await this.write(current.hall_id, async (tx) => {
      const cols = {
        ...(patch.number !== undefined ? { number: patch.number } : {}),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      };
      if (Object.keys(cols).length) {
        try {
          await tx.updateTable('counters').set(cols).where('id', '=', counterId).execute();
        } catch (err) {
          if ((err as { code?: string }).code === '23505') {
            throw new AppError('ALREADY_EXISTS', `Counter ${patch.number} exists in this hall`);
          }
          throw err;
        }
      }
      if (patch.matterIds) await this.setMatters(tx, current.hall_id, counterId, patch.matterIds);
      return counterId;
    });
    return this.get(counterId);
  }

  /** A change to a counter in one transaction, with its `counter.updated` event. */
  private async write<T>(hallId: string, fn: (tx: Tx) => Promise<T & string>): Promise<T & string> {
    const id = await transact(this.db, async (tx) => {
      const id = await fn(tx);
      await appendHallEvent(tx, hallId, 'counter.updated', { counterId: id }, this.clock.now());
      return id;
    });
    return id;
  }

  // --- the clerk's actions on a counter -------------------------------------------------

  /** The clerk sits at the counter: it opens and is bound to them (one counter per clerk). */
  async open(counterId: string, staff: Staff): Promise<Counter> {
    const counter = await this.row(counterId);
    assertHallAccess(staff, counter.hall_id, ['clerk', 'manager', 'admin']);
    await this.write(counter.hall_id, async (tx) => {
      const row = await tx
        .selectFrom('counters')
        .selectAll()
        .where('id', '=', counterId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (!row.active) throw invalidTransition('This counter is not in use');
      if (row.clerk_id && row.clerk_id !== staff.id && row.status !== 'closed') {
        throw new AppError('COUNTER_TAKEN', 'Another clerk is at this counter');
      }
      const other = await tx
        .selectFrom('counters')
        .select('number')
        .where('clerk_id', '=', staff.id)
        .where('id', '!=', counterId)
        .executeTakeFirst();
      if (other) {
        throw new AppError(
          'CLERK_AT_OTHER_COUNTER',
          `You are signed in at counter ${other.number}; close it first`,
        );
      }
      const status = row.status === 'closed' ? 'open' : row.status;
      await tx
        .updateTable('counters')
        .set({
          clerk_id: staff.id,
          status,
          ...(row.status !== status ? { status_since: this.clock.now() } : {}),
        })
        .where('id', '=', counterId)
        .execute();
      return counterId;
    });
    return this.get(counterId);
  }

  async pause(counterId: string, staff: Staff, resumeAt?: Date | null): Promise<Counter> {
    return this.changeStatus(counterId, staff, ['open'], 'paused', resumeAt ?? null);
  }

  async resume(counterId: string, staff: Staff): Promise<Counter> {
    return this.changeStatus(counterId, staff, ['paused'], 'open');
  }

  async close(counterId: string, staff: Staff): Promise<Counter> {
    return this.changeStatus(counterId, staff, ['open', 'paused'], 'closed');
  }

  private async changeStatus(
    counterId: string,
    staff: Staff,
    from: CounterStatus[],
    to: CounterStatus,
    resumeAt: Date | null = null,
  ): Promise<Counter> {
    const counter = await this.row(counterId);
    await this.write(counter.hall_id, async (tx) => {
      const row = await lockCounterForActor(tx, counterId, staff);
      if (!from.includes(row.status)) throw invalidTransition(`A ${row.status} counter cannot become ${to}`);
      const busy = await tx
        .selectFrom('tickets')
        .select('number')
        .where('counter_id', '=', counterId)
        .where('status', 'in', ['called', 'serving'])
        .executeTakeFirst();
      if (busy && to !== 'open') {
        throw invalidTransition(`Finish, mark no-show or transfer ticket ${busy.number} first`);
      }
      await tx
        .updateTable('counters')
        .set({
          status: to,
          status_since: this.clock.now(),
          resume_at: resumeAt,
          ...(to === 'closed' ? { clerk_id: null } : {}),
        })
        .where('id', '=', counterId)
        .execute();
      return counterId;
    });
    return this.get(counterId);
  }
}

/**
 * Locks the counter row for an action by the clerk at it (or a manager of its hall). Typed on
 * Transaction so callers must be inside one: the lock is what makes a double click harmless.
 */
export async function lockCounterForActor(
  tx: Tx,
  counterId: string,
  staff: Staff,
  opts: { managerMayAct: boolean } = { managerMayAct: true },
): Promise<CounterRow> {
  const row = await tx
    .selectFrom('counters')
    .selectAll()
    .where('id', '=', counterId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Counter');
  assertCounterActor(row, staff, opts);
  return row;
}

/** The checks of lockCounterForActor, for a caller that locked the row in a wider read. */
export function assertCounterActor(
  row: Pick<CounterRow, 'hall_id' | 'clerk_id'>,
  staff: Staff,
  opts: { managerMayAct: boolean },
): void {
  assertHallAccess(staff, row.hall_id);
  const isClerkAtIt = row.clerk_id === staff.id;
  if (!isClerkAtIt && (staff.role === 'clerk' || !opts.managerMayAct)) {
    throw new AppError('FORBIDDEN', 'Only the clerk who opened this counter may act at it');
  }
}
