// The API under /api/v1: one plugin per feature, each given only the services it uses.
import type { FastifyInstance } from 'fastify';
import { appointmentsRoutes } from './appointments/appointments.routes.ts';
import { calendarRoutes } from './appointments/calendar.routes.ts';
import { scheduleRoutes } from './appointments/schedule.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { caseActionsRoutes } from './complaints/case-actions.routes.ts';
import { complaintsRoutes } from './complaints/complaints.routes.ts';
import { countersRoutes } from './counters/counters.routes.ts';
import { devicesRoutes } from './devices/devices.routes.ts';
import { helpAlertsRoutes } from './devices/help-alerts.routes.ts';
import { DEVICE_HEADER } from './route-table.ts';
import { floorRoutes } from './floor/floor.routes.ts';
import { hallsRoutes } from './halls/halls.routes.ts';
import { mattersRoutes } from './matters/matters.routes.ts';
import { ratingsRoutes } from './ratings/ratings.routes.ts';
import { feedRoutes } from './ratings/feed.routes.ts';
import { ratingRulesRoutes } from './ratings/rules.routes.ts';
import { boardRoutes } from './realtime/board.routes.ts';
import { timeRoutes } from './realtime/time.routes.ts';
import { serviceDay } from './domain/numbering.ts';
import type { Services } from './services.ts';
import { StaffPhotos, staffPhotoRoutes } from './staff/staff-photos.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { statsRoutes } from './stats/stats.routes.ts';
import { staffingRoutes } from './staffing/staffing.routes.ts';
import { ticketsRoutes } from './tickets/tickets.routes.ts';

export async function registerApiRoutes(
  app: FastifyInstance,
  s: Services,
  opts: { rateLimit: boolean },
): Promise<void> {
  await app.register(
    async (api) => {
      await api.register(authRoutes(s.auth));
      await api.register(hallsRoutes(s.halls));
      await api.register(
        mattersRoutes({ matters: s.matters, halls: s.halls, queue: s.queue, clock: s.clock }),
      );
      await api.register(
        countersRoutes({ counters: s.counters, tickets: s.tickets, halls: s.halls, queue: s.queue }),
      );
      await api.register(staffRoutes(s.staff));
      await api.register(staffPhotoRoutes(new StaffPhotos(s.db, s.clock, s.halls)));
      await api.register(ticketsRoutes(s.tickets, s.unresolved));
      await api.register(boardRoutes({ db: s.db, queue: s.queue, halls: s.halls }));
      await api.register(auditRoutes(s.db));
      await api.register(scheduleRoutes(s.schedule));
      await api.register(calendarRoutes(s.calendarYears, s.clock, s.issuingGate));
      await api.register(
        appointmentsRoutes({
          appointments: s.appointments,
          checkIn: s.checkIn,
          halls: s.halls,
          clock: s.clock,
          limits: opts.rateLimit,
          kioskOf: async (request) => {
            const header = request.headers[DEVICE_HEADER];
            const device = typeof header === 'string' ? await s.devices.byToken(header) : null;
            return device?.kind === 'kiosk' ? device.hallId : null;
          },
        }),
      );
      await api.register(ratingsRoutes({ ratings: s.ratings, pads: s.pads }));
      await api.register(complaintsRoutes(s.complaints));
      await api.register(ratingRulesRoutes(s.ratingRules));
      await api.register(caseActionsRoutes(s.caseActions));
      await api.register(
        feedRoutes({
          feed: s.feed,
          results: s.results,
          month: async (hallId) => {
            const hall = await s.halls.get(hallId);
            return serviceDay(s.clock.now(), hall.timezone).slice(0, 7);
          },
        }),
      );
      await api.register(statsRoutes(s.stats));
      await api.register(floorRoutes(s.floor));
      await api.register(staffingRoutes(s));
      await api.register(timeRoutes(s.clock));
      await api.register(devicesRoutes(s.devices));
      await api.register(helpAlertsRoutes(s.helpAlerts, s.devices, opts.rateLimit));
    },
    { prefix: '/api/v1' },
  );
}
