import { sql } from 'kysely';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { FieldCrypto } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { AppError, notFound } from '../errors.ts';
import type { Device } from './devices.service.ts';

// 请工作人员协助 (issue 14): a kiosk in elder mode asks the help desk for a person. The alert is
// kept (so a desk opened later still sees it, and any desk may acknowledge it for all) and sent
// live to the hall's staff sockets only (realtime/socket.ts `watchHelp`), never to the lobby's
// hall feed. Every server process hears it through NOTIFY `hallq_help` (realtime/listen.ts).

/** One alert per kiosk (or address) this often: a second press gets HELP_ALREADY_REQUESTED. */
export const HELP_INTERVAL_SECONDS = 60;
export const HELP_CHANNEL = 'hallq_help';

export interface HelpAlert {
  id: string;
  hallId: string;
  /** The paired kiosk's name, or null for a kiosk that is not paired. */
  kiosk: string | null;
  requestedAt: string;
  acknowledgedAt: string | null;
}

export type HelpNotice = { type: 'help.requested' | 'help.acknowledged'; alert: HelpAlert };
type Sink = (notice: HelpNotice) => void;

const toAlert = (r: {
  id: string;
  hall_id: string;
  kiosk_name: string | null;
  requested_at: Date | string;
  acknowledged_at: Date | string | null;
}): HelpAlert => ({
  id: r.id,
  hallId: r.hall_id,
  kiosk: r.kiosk_name,
  requestedAt: new Date(r.requested_at).toISOString(),
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
});

export class HelpAlertsService {
  private sinks: Sink[] = [];
  /** Notices delivered in this process: each process hears its own NOTIFY too. */
  private seen = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
  ) {}

  onNotice(sink: Sink): void {
    this.sinks.push(sink);
  }

  /** Hands a notice to this process's sockets once (locally after the write, or from NOTIFY). */
  deliver(notice: HelpNotice): void {
    const key = `${notice.type}:${notice.alert.id}`;
    if (this.seen.has(key)) return;
    if (this.seen.size > 2000) this.seen.clear();
    this.seen.add(key);
    for (const sink of this.sinks) {
      try {
        sink(notice);
      } catch {
        // one failing socket must not stop the others
      }
    }
  }

  private async publish(notice: HelpNotice): Promise<void> {
    await sql`select pg_notify(${HELP_CHANNEL}, ${JSON.stringify(notice)})`.execute(this.db);
    this.deliver(notice);
  }

  /** A kiosk's press. `device`: the paired device that sent it, if any (of this hall only). */
  async request(hallId: string, device: Device | null, address: string): Promise<HelpAlert> {
    const hall = await this.db.selectFrom('halls').select('id').where('id', '=', hallId).executeTakeFirst();
    if (!hall) throw notFound('Hall');
    const kiosk = device && device.hallId === hallId ? device : null;
    const source = kiosk ? `device:${kiosk.id}` : `ip:${this.crypto.hash(`help:${hallId}:${address}`)}`;
    const now = this.clock.now();
    const since = new Date(now.getTime() - HELP_INTERVAL_SECONDS * 1000);
    const last = await this.db
      .selectFrom('help_alerts')
      .select('requested_at')
      .where('source', '=', source)
      .where('requested_at', '>', since)
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    if (last) {
      const wait = Math.max(
        1,
        Math.ceil(HELP_INTERVAL_SECONDS - (now.getTime() - new Date(last.requested_at).getTime()) / 1000),
      );
      throw new AppError(
        'HELP_ALREADY_REQUESTED',
        'Staff have been asked already; they are on their way',
        [{ retryAfterSeconds: wait }],
        wait,
      );
    }
    const row = await this.db
      .insertInto('help_alerts')
      .values({
        hall_id: hallId,
        device_id: kiosk?.id ?? null,
        kiosk_name: kiosk?.name ?? null,
        source,
        requested_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const alert = toAlert(row);
    await this.publish({ type: 'help.requested', alert });
    return alert;
  }

  /** The hall's alerts not acknowledged yet, oldest first (the last 12 hours). */
  async open(hallId: string, staff: Staff): Promise<HelpAlert[]> {
    assertHallAccess(staff, hallId);
    const rows = await this.db
      .selectFrom('help_alerts')
      .selectAll()
      .where('hall_id', '=', hallId)
      .where('acknowledged_at', 'is', null)
      .where('requested_at', '>', new Date(this.clock.now().getTime() - 12 * 3600_000))
      .orderBy('requested_at')
      .limit(100)
      .execute();
    return rows.map(toAlert);
  }

  async acknowledge(hallId: string, alertId: string, staff: Staff): Promise<HelpAlert> {
    assertHallAccess(staff, hallId);
    const row = await this.db
      .updateTable('help_alerts')
      .set({ acknowledged_at: this.clock.now(), acknowledged_by: staff.id })
      .where('id', '=', alertId)
      .where('hall_id', '=', hallId)
      .where('acknowledged_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const known = await this.db
        .selectFrom('help_alerts')
        .selectAll()
        .where('id', '=', alertId)
        .where('hall_id', '=', hallId)
        .executeTakeFirst();
      if (!known) throw notFound('Help alert');
      return toAlert(known); // acknowledged already (by another desk): the same answer
    }
    const alert = toAlert(row);
    await this.publish({ type: 'help.acknowledged', alert });
    return alert;
  }
}
