import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../plugins/auth.ts';
import { perMinute } from '../plugins/client-limits.ts';
import { DEVICE_HEADER } from '../route-table.ts';
import { errors, HallParams, Id } from '../schemas.ts';
import type { DevicesService } from './devices.service.ts';
import { HELP_INTERVAL_SECONDS, type HelpAlertsService } from './help-alerts.service.ts';

export const HelpAlertOut = z.object({
  id: z.string(),
  hallId: z.string(),
  kiosk: z.string().nullable().describe('The paired kiosk’s name; null for a kiosk not paired'),
  requestedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});

export const helpAlertsRoutes =
  (help: HelpAlertsService, devices: DevicesService, limits: boolean): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/halls/:hallId/help-alerts',
      {
        schema: {
          tags: ['devices'],
          summary: `请工作人员协助: a kiosk asks the help desk for a person (anyone; a paired kiosk sends X-Device-Token and is named on the desk). Once per kiosk or address every ${HELP_INTERVAL_SECONDS} s, else 429 HELP_ALREADY_REQUESTED; staff sockets that sent watchHelp get it live`,
          params: HallParams,
          response: { 201: HelpAlertOut, ...errors },
        },
        config: { rateLimit: limits ? perMinute(10) : (false as const) },
      },
      async (request, reply) => {
        const header = request.headers[DEVICE_HEADER];
        const device = typeof header === 'string' ? await devices.byToken(header) : null;
        return reply.status(201).send(await help.request(request.params.hallId, device, request.ip));
      },
    );

    app.get(
      '/halls/:hallId/help-alerts',
      {
        schema: {
          tags: ['devices'],
          summary: 'The hall’s help alerts not acknowledged yet, oldest first (staff of the hall)',
          params: HallParams,
          response: { 200: z.array(HelpAlertOut), ...errors },
        },
      },
      async (request) => help.open(request.params.hallId, requireStaff(request)),
    );

    app.post(
      '/halls/:hallId/help-alerts/:alertId/acknowledge',
      {
        schema: {
          tags: ['devices'],
          summary: 'A help alert is taken care of (staff of the hall); every desk drops it',
          params: z.object({ hallId: Id, alertId: Id }),
          response: { 200: HelpAlertOut, ...errors },
        },
      },
      async (request) =>
        help.acknowledge(request.params.hallId, request.params.alertId, requireStaff(request)),
    );
  };
