import type pg from 'pg';
import { HELP_CHANNEL, type HelpAlertsService, type HelpNotice } from '../devices/help-alerts.service.ts';
import { EVENTS_CHANNEL } from './hall-events.ts';
import type { EventPublisher } from './publisher.ts';

/**
 * With several server processes on one PostgreSQL, each LISTENs for the NOTIFY that every
 * event's transaction sends at commit and delivers the hall's new events to its own sockets.
 * A dropped listening connection is re-established, and a sweep catches up what it missed.
 */
export async function listenForEvents(
  pool: pg.Pool,
  publisher: EventPublisher,
  /** 请工作人员协助 alerts raised in another process, for this one's staff sockets. */
  helpAlerts?: HelpAlertsService,
): Promise<() => Promise<void>> {
  let client: pg.PoolClient | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    try {
      client = await pool.connect();
      client.on('notification', (msg) => {
        if (msg.channel === HELP_CHANNEL && msg.payload && helpAlerts) {
          try {
            helpAlerts.deliver(JSON.parse(msg.payload) as HelpNotice);
          } catch {
            // not ours
          }
          return;
        }
        if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
        const [hallId, seq] = msg.payload.split(':');
        if (hallId) publisher.poke(hallId, seq ? { seq: Number(seq) } : {});
      });
      client.on('error', () => reconnect());
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (helpAlerts) await client.query(`LISTEN ${HELP_CHANNEL}`);
      await publisher.sweep();
    } catch {
      reconnect();
    }
  };
  const reconnect = () => {
    if (stopped || retry) return;
    try {
      client?.release(true);
    } catch {
      // already gone
    }
    client = null;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1000);
  };
  await connect();
  // Safety net for a NOTIFY lost while reconnecting.
  const sweep = setInterval(() => void publisher.sweep().catch(() => {}), 5_000);
  sweep.unref();

  return async () => {
    stopped = true;
    clearInterval(sweep);
    if (retry) clearTimeout(retry);
    if (client) {
      try {
        await client.query(`UNLISTEN ${EVENTS_CHANNEL}`);
        if (helpAlerts) await client.query(`UNLISTEN ${HELP_CHANNEL}`);
      } catch {
        // closing anyway
      }
      client.release(true);
    }
  };
}
