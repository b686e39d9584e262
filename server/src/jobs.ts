import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';

/**
 * Scheduled work: the service-day rollover (what is left waiting or called from an earlier day
 * is cancelled as expired). Each job is idempotent, so several processes may run it.
 */
export function startJobs(app: FastifyInstance): { stop(): void } {
  const { halls, tickets } = app.services;
  const rollover = new Cron('*/5 * * * *', { protect: true }, async () => {
    try {
      for (const hall of await halls.list()) await tickets.expireStale(hall.id);
    } catch (err) {
      app.log.warn({ err }, 'rollover job failed; will retry');
    }
  });
  return {
    stop() {
      rollover.stop();
    },
  };
}
