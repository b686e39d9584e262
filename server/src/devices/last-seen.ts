// When each paired device (kiosk, wall display, counter screen: X-Device-Token) and each rating
// pad (X-Pad-Token) was last heard from (issue 20), so the console shows which one is dead.
// Heard from: any API request carrying the token (app.ts, after the answer is sent), and a
// socket subscribed with it, at its subscribe and at each Socket.IO heartbeat (every 25 s), as
// the wall display and the counter screen make few requests but stay connected all day.
// Cheap by design: at most one write a minute per device in each process (kept in memory), and
// the UPDATE itself skips a row written within the minute, so several processes don't pile up
// writes. The write runs apart from the request and never fails it: an error is only logged.
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { sha256 } from '../tickets/tokens.ts';

export type SeenKind = 'device' | 'pad';

/** A device's last-seen time is written at most this often. */
export const SEEN_EVERY_MS = 60_000;
/** Not heard from for longer than this while its hall is open: the console marks it offline. */
export const OFFLINE_AFTER_MS = 5 * 60_000;

/** The token's prefix as pairing issues it: anything else is not looked up at all. */
const PREFIX: Record<SeenKind, string> = { device: 'dev_', pad: 'pad_' };

export class LastSeen {
  /** Per kind and token hash: not written again before this time (ms). */
  private readonly due = new Map<string, number>();
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly warn: (err: unknown) => void = () => {},
  ) {}

  /** Notes that the device or pad with this token was heard from now. Never throws. */
  heard(kind: SeenKind, token: unknown): void {
    if (typeof token !== 'string' || token.length > 200 || !token.startsWith(PREFIX[kind])) return;
    const hash = sha256(token);
    const key = `${kind}:${hash}`;
    const now = this.clock.now();
    if ((this.due.get(key) ?? -Infinity) > now.getTime()) return;
    if (this.due.size >= 10_000) this.due.clear();
    this.due.set(key, now.getTime() + SEEN_EVERY_MS);
    const table = kind === 'device' ? 'devices' : 'counter_pads';
    const write: Promise<void> = this.db
      .updateTable(table)
      .set({ last_seen_at: now })
      .where('token_hash', '=', hash)
      .where((eb) =>
        eb.or([
          eb('last_seen_at', 'is', null),
          eb('last_seen_at', '<', new Date(now.getTime() - SEEN_EVERY_MS)),
        ]),
      )
      .execute()
      .then(
        () => undefined,
        (err: unknown) => {
          this.due.delete(key); // try again with the next request
          this.warn(err);
        },
      )
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  /**
   * Hears a socket subscribed with these tokens: now, and at each of its heartbeats while it
   * stays connected (a resubscribe replaces the tokens; the listener is added once).
   */
  hearSocket(
    socket: {
      data: { heard?: Partial<Record<SeenKind, string>> };
      conn: { on(ev: 'heartbeat', fn: () => void): unknown };
    },
    tokens: Partial<Record<SeenKind, string | undefined>>,
  ): void {
    const first = socket.data.heard === undefined;
    socket.data.heard = {
      ...(tokens.device ? { device: tokens.device } : {}),
      ...(tokens.pad ? { pad: tokens.pad } : {}),
    };
    const hear = () => {
      this.heard('device', socket.data.heard?.device);
      this.heard('pad', socket.data.heard?.pad);
    };
    hear();
    if (first) socket.conn.on('heartbeat', hear);
  }

  /** Resolves once the writes begun so far are done (tests; closing the app). */
  async settled(): Promise<void> {
    await Promise.all([...this.writing]);
  }
}

/** Offline: the hall is open and the device was not heard from within OFFLINE_AFTER_MS (or never). */
export const isOffline = (lastSeenAt: Date | null, now: Date, hallOpen: boolean): boolean =>
  hallOpen && (lastSeenAt === null || now.getTime() - lastSeenAt.getTime() > OFFLINE_AFTER_MS);
