// Sign-in throttling without lockout. Failures are counted per username AND address, so a
// stranger who guesses someone's password slows only themselves: the real user signing in from
// their own (clean) address is never held back, and one guesser behind a hall's shared address
// does not stop the clerks behind it. After FREE_FAILURES the pair must wait before its next try,
// and the wait doubles with each further failure (capped). Kept in memory per process.

export const FREE_FAILURES = 3;
const FIRST_WAIT_MS = 2_000;
const MAX_WAIT_MS = 15 * 60_000;
/** A pair's failures are forgotten this long after its last failure. */
const FORGET_MS = 30 * 60_000;
const MAX_PAIRS = 50_000;

interface Pair {
  failures: number;
  last: number;
}

export class SignInThrottle {
  private pairs = new Map<string, Pair>();

  private key(username: string, address: string): string {
    return `${username.toLowerCase()}\u0001${address}`;
  }

  /** Milliseconds the pair must still wait before it may try again (0: go ahead). */
  waitMs(username: string, address: string, now: number): number {
    const pair = this.pairs.get(this.key(username, address));
    if (!pair || now - pair.last >= FORGET_MS) return 0;
    if (pair.failures < FREE_FAILURES) return 0;
    const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (pair.failures - FREE_FAILURES));
    return Math.max(0, pair.last + wait - now);
  }

  failed(username: string, address: string, now: number): void {
    const key = this.key(username, address);
    const pair = this.pairs.get(key);
    if (pair && now - pair.last < FORGET_MS) {
      pair.failures += 1;
      pair.last = now;
    } else {
      this.pairs.set(key, { failures: 1, last: now });
    }
    if (this.pairs.size > MAX_PAIRS) this.prune(now);
  }

  succeeded(username: string, address: string): void {
    this.pairs.delete(this.key(username, address));
  }

  private prune(now: number): void {
    for (const [key, pair] of this.pairs) if (now - pair.last >= FORGET_MS) this.pairs.delete(key);
    // Still full (a flood of distinct pairs): drop the oldest half rather than grow without end.
    if (this.pairs.size > MAX_PAIRS) {
      const keys = [...this.pairs.keys()].slice(0, this.pairs.size / 2);
      for (const key of keys) this.pairs.delete(key);
    }
  }
}
