import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { FieldCrypto } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { transact } from '../db/transaction.ts';
import type { OutboxRow } from '../db/types.ts';
import { maskPhone } from '../domain/mask.ts';
import type { NotificationProvider } from './provider.ts';

// Delivers the outbox. Several workers (processes) may run at once:
//
//   1. claim: one short transaction takes a batch of due messages nobody holds
//      (FOR UPDATE SKIP LOCKED) and leases them (claimed_until, claim_token);
//   2. send: each message goes to the provider with its idempotency key, outside any
//      transaction (a slow gateway must not hold a connection or a lock);
//   3. record: one transaction writes the delivery row (unique per message) and marks the
//      message sent; or, when the provider failed, schedules a retry with exponential backoff.
//
// A worker that dies between 1 and 3 leaves its messages leased; when the lease ends another
// worker sends them again with the same key. A message marked sent is never sent again, and no
// two workers ever hold the same message at once.

export interface WorkerOptions {
  /** How long a claim holds a message; longer than any send can take. */
  leaseSeconds?: number;
  /** A send that takes longer than this counts as failed (and is retried with the same key). */
  sendTimeoutMs?: number;
  maxAttempts?: number;
  backoffBaseSeconds?: number;
  backoffMaxSeconds?: number;
  batchSize?: number;
}

export interface RunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

const DEFAULTS: Required<WorkerOptions> = {
  leaseSeconds: 120,
  sendTimeoutMs: 30_000,
  maxAttempts: 8,
  backoffBaseSeconds: 30,
  backoffMaxSeconds: 3600,
  batchSize: 50,
};

/** Seconds to wait before attempt `attempt + 1`: base × 2^(attempt − 1), capped. */
export function backoffSeconds(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/** Error text for the database: a gateway may echo the number it was given. */
function safeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/1[3-9]\d{9}/g, (m) => maskPhone(m)).slice(0, 500);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  if (!ms) return p;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`provider did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class NotificationWorker {
  private readonly opts: Required<WorkerOptions>;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly provider: NotificationProvider,
    opts: WorkerOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Stops between two messages: what this worker claimed but did not send waits for its lease. */
  stop(): void {
    this.stopped = true;
  }

  /** Claims one batch and delivers it. */
  async runOnce(): Promise<RunResult> {
    const result: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    if (this.stopped) return result;
    const token = randomUUID();
    const batch = await this.claim(token);
    result.claimed = batch.length;
    for (const row of batch) {
      if (this.stopped) break;
      const outcome = await this.deliver(row, token);
      result[outcome]++;
    }
    return result;
  }

  /** Runs batches until nothing is due (or the worker is stopped). */
  async drain(): Promise<RunResult> {
    const total: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const r = await this.runOnce();
      for (const k of Object.keys(total) as (keyof RunResult)[]) total[k] += r[k];
      if (r.claimed < this.opts.batchSize || this.stopped) return total;
    }
  }

  private async claim(token: string): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.opts.leaseSeconds * 1000);
    return transact(this.db, async (tx) => {
      const due = await tx
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(this.opts.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (!due.length) return [];
      return tx
        .updateTable('outbox')
        .set({ claimed_until: leaseUntil, claim_token: token, attempts: sql`attempts + 1` })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returningAll()
        .execute();
    });
  }

  private async deliver(row: OutboxRow, token: string): Promise<'sent' | 'retried' | 'failed'> {
    if (!row.phone_enc) return this.fail(row, token, 'no phone (erased)', true);
    let ref: string | null = null;
    try {
      const phone = this.crypto.decrypt(row.phone_enc);
      const answer = await withTimeout(
        this.provider.send(phone, row.template_key, row.params, {
          idempotencyKey: row.idempotency_key,
          attempt: row.attempts,
        }),
        this.opts.sendTimeoutMs,
      );
      ref = answer?.ref ?? null;
    } catch (err) {
      return this.fail(row, token, safeError(err), false);
    }
    await this.recordSent(row, ref);
    return 'sent';
  }

  /** The delivery row and the status in one transaction; a second record is a no-op. */
  private async recordSent(row: OutboxRow, ref: string | null): Promise<void> {
    const now = this.clock.now();
    await transact(this.db, async (tx) => {
      await tx
        .insertInto('outbox_deliveries')
        .values({
          outbox_id: row.id,
          hall_id: row.hall_id,
          idempotency_key: row.idempotency_key,
          provider_ref: ref,
          attempt: row.attempts,
          sent_at: now,
        })
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute();
      await tx
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: now, claimed_until: null, claim_token: null, last_error: null })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .execute();
    });
  }

  private async fail(
    row: OutboxRow,
    token: string,
    error: string,
    permanent: boolean,
  ): Promise<'retried' | 'failed'> {
    const now = this.clock.now();
    const giveUp = permanent || row.attempts >= this.opts.maxAttempts;
    const wait = backoffSeconds(row.attempts, this.opts.backoffBaseSeconds, this.opts.backoffMaxSeconds);
    // Only the holder of the claim may reschedule it: after a lost lease another worker owns it.
    await this.db
      .updateTable('outbox')
      .set({
        status: giveUp ? 'failed' : 'pending',
        next_attempt_at: new Date(now.getTime() + wait * 1000),
        claimed_until: null,
        claim_token: null,
        last_error: error,
      })
      .where('id', '=', row.id)
      .where('claim_token', '=', token)
      .where('status', '=', 'pending')
      .execute();
    return giveUp ? 'failed' : 'retried';
  }
}
