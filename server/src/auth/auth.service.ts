import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import type { StaffRole, StaffRow } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

export const SESSION_COOKIE = 'hallq_session';
export const SESSION_HOURS = 12;

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
  private readonly throttle = new SignInThrottle();
  // An unknown username is checked against this hash too, so the answer takes as long as for a
  // real account and the time does not tell whether the username exists.
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, ip: string): Promise<{ staff: Staff; token: string }> {
    const now = this.clock.now().getTime();
    const wait = this.throttle.waitMs(username, ip, now);
    if (wait > 0) {
      throw new AppError(
        'RATE_LIMITED',
        'Too many failed sign-ins from here; wait and try again',
        undefined,
        Math.ceil(wait / 1000),
      );
    }
    const row = await this.db
      .selectFrom('staff')
      .selectAll()
      .where('username', '=', username)
      .where('active', '=', true)
      .executeTakeFirst();
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(row ? row.password_hash : await this.decoy, password);
    if (!row || !ok) {
      this.throttle.failed(username, ip, now);
      throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
    }
    this.throttle.succeeded(username, ip);
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
