import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import type { StaffRole, StaffRow } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'hallq_session';
export const SESSION_HOURS = 12;
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

/** The signed-in staff member, as every service sees it. */
export interface Staff {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
  hallId: string | null;
}

export const toStaff = (r: StaffRow): Staff => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  hallId: r.hall_id,
});

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export class AuthService {
  // Wrong passwords per username and per address; kept in memory, which is enough to slow a
  // guesser to a handful of tries per quarter hour on each process.
  private failures = new Map<string, number[]>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private recentFailures(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    this.failures.set(key, list);
    return list;
  }

  async login(username: string, password: string, ip: string): Promise<{ staff: Staff; token: string }> {
    const now = this.clock.now().getTime();
    const keys = [`u:${username.toLowerCase()}`, `ip:${ip}`];
    for (const key of keys) {
      const list = this.recentFailures(key, now);
      if (list.length >= MAX_FAILURES * (key.startsWith('ip:') ? 4 : 1)) {
        const retryAfter = Math.ceil((list[0]! + FAILURE_WINDOW_MS - now) / 1000);
        throw new AppError(
          'RATE_LIMITED',
          'Too many failed sign-ins; wait and try again',
          undefined,
          retryAfter,
        );
      }
    }
    const row = await this.db
      .selectFrom('staff')
      .selectAll()
      .where('username', '=', username)
      .where('active', '=', true)
      .executeTakeFirst();
    const ok = row ? await verifyPassword(row.password_hash, password) : false;
    if (!row || !ok) {
      for (const key of keys) this.recentFailures(key, now).push(now);
      throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
    }
    this.failures.delete(keys[0]!);
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('sessions')
      .values({
        id: sessionId(token),
        staff_id: row.id,
        expires_at: new Date(now + SESSION_HOURS * 3600_000),
      })
      .execute();
    return { staff: toStaff(row), token };
  }

  async logout(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId(token)).execute();
  }

  /** The staff member behind a session cookie, or null when it is unknown or expired. */
  async fromSession(token: string): Promise<Staff | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('staff', 'staff.id', 'sessions.staff_id')
      .selectAll('staff')
      .where('sessions.id', '=', sessionId(token))
      .where('sessions.expires_at', '>', this.clock.now())
      .where('staff.active', '=', true)
      .executeTakeFirst();
    return row ? toStaff(row) : null;
  }

  /** Ends every session of a staff member (deactivation, password reset). */
  async endSessionsOf(staffId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
  }
}

/** Throws unless the staff member may act in the hall. */
export function assertHallAccess(
  staff: Staff,
  hallId: string,
  roles: StaffRole[] = ['admin', 'manager', 'clerk'],
) {
  if (!roles.includes(staff.role)) throw new AppError('FORBIDDEN', 'Your role may not do this');
  if (staff.role !== 'admin' && staff.hallId !== hallId) {
    throw new AppError('FORBIDDEN', 'You may only act in your own hall');
  }
}
