import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import { enqueueReminders, erasePersonalData, markNoShows } from './appointments/appointment-jobs.ts';
import { releaseUnconfirmed } from './appointments/phone-confirmation.ts';
import { eraseClosedCases } from './complaints/case-retention.ts';
import { notifyNearFront } from './notifications/near-front.ts';

/**
 * Scheduled work: the service-day rollover (what is left waiting or called from an earlier day
 * is cancelled as expired); appointments (no-shows, reminders, erasure of personal data after
 * the retention period); notifications ("3 ahead of you", delivery of the outbox).
 * Each job is idempotent, so several processes may run it.
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
  const { db, clock, schedule, publisher, queue, notifications } = app.services;
  const apptDeps = { db, clock, halls, schedule };
  const everyHall = (name: string, fn: (hallId: string) => Promise<unknown>) => async () => {
    try {
      for (const hall of await halls.list()) await fn(hall.id);
    } catch (err) {
      app.log.warn({ err }, `${name} job failed; will retry`);
    }
  };
  const appointments = new Cron(
    '* * * * *',
    { protect: true },
    everyHall('appointments', async (hallId) => {
      await releaseUnconfirmed(db, hallId, clock.now());
      await markNoShows(apptDeps, hallId);
      await enqueueReminders(apptDeps, hallId);
    }),
  );
  const retention = new Cron(
    '17 * * * *',
    { protect: true },
    everyHall('retention', async (hallId) => {
      await erasePersonalData(apptDeps, hallId);
      await eraseClosedCases({ db, clock, rules: app.services.ratingRules }, hallId);
    }),
  );
  const nearFrontDeps = { db, clock, halls, queue };
  const nearFront = new Cron(
    '*/15 * * * * *',
    { protect: true },
    everyHall('near-front', (hallId) => notifyNearFront(nearFrontDeps, hallId)),
  );
  // A call moves everyone up: check that hall soon rather than at the next tick.
  let stopped = false;
  const soon = new Map<string, NodeJS.Timeout>();
  publisher.onEvent((ev) => {
    if (stopped || ev.type !== 'ticket.called' || soon.has(ev.hallId)) return;
    const timer = setTimeout(() => {
      soon.delete(ev.hallId);
      if (stopped) return;
      notifyNearFront(nearFrontDeps, ev.hallId).catch((err) =>
        app.log.warn({ err }, 'near-front check failed'),
      );
    }, 1000);
    timer.unref();
    soon.set(ev.hallId, timer);
  });
  const delivery = new Cron('*/5 * * * * *', { protect: true }, async () => {
    try {
      await notifications.drain();
    } catch (err) {
      app.log.warn({ err }, 'notification delivery failed; will retry');
    }
  });
  return {
    stop() {
      stopped = true;
      for (const timer of soon.values()) clearTimeout(timer);
      for (const job of [rollover, appointments, retention, nearFront, delivery]) job.stop();
      notifications.stop();
    },
  };
}
