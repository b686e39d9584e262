import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import { staffDetailsPublic } from '../halls/halls.service.ts';
import type { CountersService } from '../counters/counters.service.ts';
import type { RatingRulesService } from './rating-rules.ts';
import type { Db } from '../db/index.ts';
import { ratingOpen } from '../domain/ratings.ts';
import { AppError, forbidden } from '../errors.ts';
import { sha256 } from '../tickets/tokens.ts';
import type { HallOpenAt } from '../devices/devices.service.ts';
import { isOffline } from '../devices/last-seen.ts';

// A rating pad is a tablet at a counter's window, not a person: a manager pairs it with its
// counter once (the token goes into the pad's local storage), and from then on the pad sends
// the token in the `X-Pad-Token` header. Only the token's hash is stored; issuing a new one
// unpairs the old tablet. A pad may rate only tickets finished at its own counter.

//
// The pad rates only the service it saw end: it prompts for the ticket just finished at its
// counter until the next resident's service starts there, or the hall's `padPromptMinutes`
// pass, whichever comes first. Calling the next number (which finishes the current one) does not
// end the prompt: the resident just served may still rate while the next one walks up. Once the
// next one sits down, the earlier ticket can no longer be rated from the pad (its holder keeps
// the 7 days with the ticket's own link).

export const PAD_HEADER = 'x-pad-token';

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
    private readonly rules: RatingRulesService,
    private readonly hallOpenAt: HallOpenAt = async () => false,
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
        oc.column('counter_id').doUpdateSet({
          token_hash: sha256(token),
          issued_at: now,
          issued_by: staff.id,
          last_seen_at: null,
        }),
      )
      .execute();
    return { counterId: counter.id, token, issuedAt: now.toISOString() };
  }

  async revoke(counterId: string, staff: Staff): Promise<void> {
    const counter = await this.counters.row(counterId);
    assertHallAccess(staff, counter.hall_id, ['admin', 'manager']);
    await this.db.deleteFrom('counter_pads').where('counter_id', '=', counter.id).execute();
  }

  /** Whether the counter has a paired pad and when it was last heard from (console); never the token. */
  async status(
    counterId: string,
    staff: Staff,
  ): Promise<{
    counterId: string;
    paired: boolean;
    issuedAt: string | null;
    lastSeenAt: string | null;
    offline: boolean;
  }> {
    const counter = await this.counters.row(counterId);
    assertHallAccess(staff, counter.hall_id, ['admin', 'manager']);
    const row = await this.db
      .selectFrom('counter_pads')
      .select(['issued_at', 'last_seen_at'])
      .where('counter_id', '=', counter.id)
      .executeTakeFirst();
    const now = this.clock.now();
    const seen = row?.last_seen_at ? new Date(row.last_seen_at) : null;
    return {
      counterId: counter.id,
      paired: row !== undefined,
      issuedAt: row ? new Date(row.issued_at).toISOString() : null,
      lastSeenAt: seen?.toISOString() ?? null,
      offline: row !== undefined && isOffline(seen, now, await this.hallOpenAt(counter.hall_id, now)),
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
   * The ticket the pad of `counterId` may rate now: the last one finished there within the
   * hall's prompt time, not rated yet, and with no service started at the counter since.
   */
  async ratableTicket(counterId: string, hallId: string, now: Date, opts: { includeRated?: boolean } = {}) {
    const { padPromptMinutes } = await this.rules.get(hallId);
    const since = new Date(now.getTime() - padPromptMinutes * 60_000);
    // The counter's last finish: the event log orders a counter's actions (its row lock
    // serializes them), even when the clock shows the same instant for a finish and a start.
    const last = await this.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .innerJoin('matters as m', 'm.id', 't.matter_id')
      .leftJoin('ratings as r', 'r.ticket_id', 't.id')
      .select([
        'e.id as event_id',
        'e.at',
        't.id',
        't.number',
        't.matter_id',
        't.status',
        'm.name as matter_name',
      ])
      .select('r.id as rating_id')
      .where('e.hall_id', '=', hallId)
      .where('e.counter_id', '=', counterId)
      .where('e.action', '=', 'finish')
      .where('e.at', '>=', since)
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last || last.status !== 'done') return null;
    if (last.rating_id !== null && !opts.includeRated) return null;
    const finishedAt = new Date(last.at);
    if (!ratingOpen(finishedAt, now)) return null;
    // The next resident's service started here after this one ended: not theirs to rate.
    const startedSince = await this.db
      .selectFrom('ticket_events')
      .select('id')
      .where('hall_id', '=', hallId)
      .where('counter_id', '=', counterId)
      .where('action', '=', 'start')
      .where('at', '>=', finishedAt)
      .where(sql<boolean>`id > ${last.event_id}`)
      .limit(1)
      .executeTakeFirst();
    if (startedSince) return null;
    return {
      ticketId: last.id,
      number: last.number,
      matterId: last.matter_id,
      matterName: last.matter_name,
      finishedAt: finishedAt.toISOString(),
      promptUntil: new Date(finishedAt.getTime() + padPromptMinutes * 60_000).toISOString(),
    } satisfies PadPrompt;
  }

  /**
   * What the pad shows: the ticket it may rate now (see `ratableTicket`), or null (idle screen).
   * The pad asks this on every `ticket.updated` or `ticket.called` event of its counter and on
   * `rating.created`, and every few seconds as a fallback.
   */
  async prompt(counterId: string, token: string | undefined) {
    await this.assertPadOf(counterId, token);
    const counter = await this.counters.get(counterId);
    const prompt = await this.ratableTicket(counterId, counter.hallId, this.clock.now());
    return {
      counter: { id: counter.id, hallId: counter.hallId, number: counter.number, name: counter.name },
      // The pad faces the resident: the clerk's name only while the hall's staff details are public.
      clerkName: (await staffDetailsPublic(this.db, counter.hallId)) ? (counter.clerk?.name ?? null) : null,
      prompt,
    };
  }
}
