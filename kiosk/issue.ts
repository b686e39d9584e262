// Taking a ticket survives a dropped connection or a server restart: the same request, with the
// same Idempotency-Key, is sent again until it gets an answer, so one touch gives one ticket.
import { ApiError, post, sleep } from '../ui/api.ts';
import type { Ticket } from '../ui/types.ts';

/** How long the kiosk keeps retrying before it sends the resident to the staff. */
export const RETRY_FOR_MS = 3 * 60_000;

export async function issueTicket(
  hallId: string,
  matterId: string,
  idempotencyKey: string,
  onRetrying: (retrying: boolean) => void,
  category?: string | null,
): Promise<Ticket> {
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const ticket = await post<Ticket>(
        `/halls/${hallId}/tickets`,
        { matterId, channel: 'kiosk', ...(category ? { category } : {}) },
        { headers: { 'idempotency-key': idempotencyKey }, timeoutMs: 10_000 },
      );
      onRetrying(false);
      return ticket;
    } catch (err) {
      if (!(err instanceof ApiError) || !err.retryable || Date.now() > giveUpAt) throw err;
      onRetrying(true);
      await sleep(Math.min(1000 * 2 ** attempt, 4000));
    }
  }
}
