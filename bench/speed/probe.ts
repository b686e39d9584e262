// The statement probe: how many statements (BEGIN and COMMIT included) `pg` sends from this
// process while `fn` runs. The server runs in this process, so one request sent at a quiet
// moment is counted exactly as the server executes it; a baseline's transaction run here with
// a local pool likewise. The figure in BENCHMARKS.md comes from this count, not from prose.
import pg from 'pg';

export async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return n;
}

/** Statements of one hallq request and of its baseline's transaction, counted by the probe. */
export interface Statements {
  app: number;
  baseline: number;
}
