import type { Db, Tx } from './index.ts';

/** What a committed transaction appended to hall event logs (see realtime/hall-events.ts). */
export interface CommittedEvent {
  hallId: string;
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

// Per transaction: the events it appended. Per database: who wants them once committed (the
// publisher, which can then send them at once instead of reading them back).
const appended = new WeakMap<object, CommittedEvent[]>();
const listeners = new WeakMap<object, Set<(events: CommittedEvent[]) => void>>();

export function recordAppended(tx: object, event: CommittedEvent): void {
  const list = appended.get(tx);
  // Events reach sockets through the commit hook of transact(): a write outside it would
  // commit an event nobody is told about.
  if (!list) throw new Error('hall events must be appended inside transact()');
  list.push(event);
}

export function onCommitted(db: Db, listener: (events: CommittedEvent[]) => void): () => void {
  const set = listeners.get(db) ?? new Set();
  listeners.set(db, set);
  set.add(listener);
  return () => set.delete(listener);
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs `fn` in a transaction, retrying a few times when PostgreSQL reports a serialization
 * failure or a deadlock (both mean "nothing happened, try again").
 */
export async function transact<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const events: CommittedEvent[] = [];
      const result = await db.transaction().execute((tx) => {
        appended.set(tx, events);
        return fn(tx);
      });
      if (events.length) for (const listener of listeners.get(db) ?? []) listener(events);
      return result;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}
