import { randomBytes } from 'node:crypto';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import type { DeviceKind } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { sha256 } from '../tickets/tokens.ts';
import { isOffline } from './last-seen.ts';

// Paired devices: kiosks, wall displays and counter screens, paired by a manager the way the
// rating pad is. The device keeps its token and sends it in the X-Device-Token header; that
// makes its requests count against its own limit instead of the hall's shared address.

export { DEVICE_HEADER } from '../route-table.ts';

export interface Device {
  id: string;
  hallId: string;
  kind: DeviceKind;
  name: string;
  issuedAt: string;
  /** When it was last heard from (last-seen.ts; at most a minute stale), null: never. */
  lastSeenAt: string | null;
}

/** Whether a hall is open at a time (its hours and calendar). */
export type HallOpenAt = (hallId: string, now: Date) => Promise<boolean>;

const toDevice = (r: {
  id: string;
  hall_id: string;
  kind: DeviceKind;
  name: string;
  issued_at: Date | string;
  last_seen_at: Date | string | null;
}): Device => ({
  id: r.id,
  hallId: r.hall_id,
  kind: r.kind,
  name: r.name,
  issuedAt: new Date(r.issued_at).toISOString(),
  lastSeenAt: r.last_seen_at === null ? null : new Date(r.last_seen_at).toISOString(),
});

export class DevicesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly hallOpenAt: HallOpenAt = async () => false,
  ) {}

  /** Pairs a new device; the token is shown only in this answer. */
  async pair(
    hallId: string,
    input: { kind: DeviceKind; name: string },
    staff: Staff,
  ): Promise<Device & { token: string }> {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    const hall = await this.db.selectFrom('halls').select('id').where('id', '=', hallId).executeTakeFirst();
    if (!hall) throw notFound('Hall');
    const token = `dev_${randomBytes(24).toString('base64url')}`;
    const row = await this.db
      .insertInto('devices')
      .values({
        hall_id: hallId,
        kind: input.kind,
        name: input.name,
        token_hash: sha256(token),
        issued_at: this.clock.now(),
        issued_by: staff.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...toDevice(row), token };
  }

  /** The hall's devices, each marked offline when not heard from lately while the hall is open. */
  async list(hallId: string, staff: Staff): Promise<(Device & { offline: boolean })[]> {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    const rows = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('hall_id', '=', hallId)
      .orderBy('issued_at')
      .execute();
    const now = this.clock.now();
    const open = rows.length > 0 && (await this.hallOpenAt(hallId, now));
    return rows.map((r) => ({
      ...toDevice(r),
      offline: isOffline(r.last_seen_at === null ? null : new Date(r.last_seen_at), now, open),
    }));
  }

  async unpair(hallId: string, deviceId: string, staff: Staff): Promise<void> {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    const gone = await this.db
      .deleteFrom('devices')
      .where('id', '=', deviceId)
      .where('hall_id', '=', hallId)
      .executeTakeFirst();
    if (gone.numDeletedRows === 0n) throw notFound('Device');
  }

  /** The device a token belongs to, or null (unknown, unpaired, malformed). */
  async byToken(token: string | undefined): Promise<Device | null> {
    if (!token || token.length > 200) return null;
    const row = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    return row ? toDevice(row) : null;
  }
}
