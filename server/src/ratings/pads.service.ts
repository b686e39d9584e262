import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { CountersService } from '../counters/counters.service.ts';
import type { Db } from '../db/index.ts';
import { ratingOpen } from '../domain/ratings.ts';
import { AppError, forbidden } from '../errors.ts';
import { sha256 } from '../tickets/tokens.ts';

// A rating pad is a tablet at a counter's window, not a person: a manager pairs it with its
// counter once (the token goes into the pad's local storage), and from then on the pad sends
// the token in the `X-Pad-Token` header. Only the token's hash is stored; issuing a new one
// unpairs the old tablet. A pad may rate only tickets finished at its own counter.

export const PAD_HEADER = 'x-pad-token';
/** The pad prompts for the last ticket finished at its counter during this many minutes. */
export const PAD_PROMPT_MINUTES = 5;
/**
 * A pad rates only tickets finished this recently: the tablet stands at the clerk's window, so
 * it must not become a way to rate the day's unrated tickets afterwards. The holder's own
 * token keeps the full 7 days.
 */
export const PAD_RATING_MINUTES = 30;

export interface PadCounter {
  counterId: string;
  hallId: string;
}

export interface PadPrompt {
  ticketId: string;
  number: string;
  matterId: string;
  matterName: string;
  finishedAt: string;
  /** Until then the pad shows the prompt; afterwards it goes back to its idle screen. */
  promptUntil: string;
}

export class PadsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly counters: CountersService,
  ) {}

  /** Pairs a (new) pad with the counter; any earlier pad of the counter stops working. */
  async issue(
    counterId: string,
    staff: Staff,
  ): Promise<{ counterId: string; token: string; issuedAt: string }> {
    const counter = await this.counters.row(counterId);
    assertHallAccess(staff, counter.hall_id, ['admin', 'manager']);
    const token = `pad_${randomBytes(24).toString('base64url')}`;
    const now = this.clock.now();
    await this.db
      .insertInto('counter_pads')
      .values({
        counter_id: counter.id,
        hall_id: counter.hall_id,
        token_hash: sha256(token),
        issued_at: now,
        issued_by: staff.id,
      })
      .onConflict((oc) =>
        oc
          .column('counter_id')
          .doUpdateSet({ token_hash: sha256(token), issued_at: now, issued_by: staff.id }),
      )
      .execute();
    return { counterId: counter.id, token, issuedAt: now.toISOString() };
  }

  async revoke(counterId: string, staff: Staff): Promise<void> {
    const counter = await this.counters.row(counterId);
    assertHallAccess(staff, counter.hall_id, ['admin', 'manager']);
    await this.db.deleteFrom('counter_pads').where('counter_id', '=', counter.id).execute();
  }

  /** Whether the counter has a paired pad (for the console); never the token. */
  async status(
    counterId: string,
    staff: Staff,
  ): Promise<{ counterId: string; paired: boolean; issuedAt: string | null }> {
    const counter = await this.counters.row(counterId);
    assertHallAccess(staff, counter.hall_id, ['admin', 'manager']);
    const row = await this.db
      .selectFrom('counter_pads')
      .select('issued_at')
      .where('counter_id', '=', counter.id)
      .executeTakeFirst();
    return {
      counterId: counter.id,
      paired: row !== undefined,
      issuedAt: row ? new Date(row.issued_at).toISOString() : null,
    };
  }

  /** The counter a pad token belongs to, or null for an unknown (or unpaired) token. */
  async counterOf(token: string | undefined): Promise<PadCounter | null> {
    if (!token || token.length > 200) return null;
    const row = await this.db
      .selectFrom('counter_pads')
      .select(['counter_id', 'hall_id'])
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    return row ? { counterId: row.counter_id, hallId: row.hall_id } : null;
  }

  /** Throws unless `token` is the pad of `counterId` (401 unknown token, 403 another counter's). */
  async assertPadOf(counterId: string, token: string | undefined): Promise<PadCounter> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'Send the pad token in the X-Pad-Token header');
    const pad = await this.counterOf(token);
    if (!pad) throw new AppError('UNAUTHENTICATED', 'Unknown pad token: pair the pad with its counter again');
    if (pad.counterId !== counterId) throw forbidden('This pad belongs to another counter');
    return pad;
  }

  /**
   * What the pad shows: the last ticket finished at its counter in the past few minutes that is
   * not rated yet, or null (idle screen). The pad asks this when a `ticket.updated` event with
   * status `done` and its counterId arrives on the hall's Socket.IO stream, and every few
   * seconds as a fallback.
   */
  async prompt(counterId: string, token: string | undefined) {
    await this.assertPadOf(counterId, token);
    const counter = await this.counters.get(counterId);
    const now = this.clock.now();
    const since = new Date(now.getTime() - PAD_PROMPT_MINUTES * 60_000);
    const last = await this.db
      .selectFrom('tickets as t')
      .innerJoin('matters as m', 'm.id', 't.matter_id')
      .leftJoin('ratings as r', 'r.ticket_id', 't.id')
      .select([
        't.id',
        't.number',
        't.matter_id',
        't.finished_at',
        'm.name as matter_name',
        'r.id as rating_id',
      ])
      .where('t.counter_id', '=', counterId)
      .where('t.status', '=', 'done')
      .where('t.finished_at', '>=', since)
      .orderBy('t.finished_at', 'desc')
      .orderBy(sql`t.id`)
      .limit(1)
      .executeTakeFirst();
    let prompt: PadPrompt | null = null;
    if (last && last.rating_id === null && last.finished_at && ratingOpen(new Date(last.finished_at), now)) {
      const finishedAt = new Date(last.finished_at);
      prompt = {
        ticketId: last.id,
        number: last.number,
        matterId: last.matter_id,
        matterName: last.matter_name,
        finishedAt: finishedAt.toISOString(),
        promptUntil: new Date(finishedAt.getTime() + PAD_PROMPT_MINUTES * 60_000).toISOString(),
      };
    }
    return {
      counter: { id: counter.id, hallId: counter.hallId, number: counter.number, name: counter.name },
      clerkName: counter.clerk?.name ?? null,
      prompt,
    };
  }
}
