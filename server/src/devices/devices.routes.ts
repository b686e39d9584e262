import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../plugins/auth.ts';
import { errors, HallParams, Id, Name } from '../schemas.ts';
import type { DevicesService } from './devices.service.ts';

const DeviceOut = z.object({
  id: z.string(),
  hallId: z.string(),
  kind: z.enum(['kiosk', 'display', 'counter_screen']),
  name: z.string(),
  issuedAt: z.string(),
  lastSeenAt: z
    .string()
    .nullable()
    .describe(
      'When the device was last heard from (an API request with its token, or its connected screen’s heartbeat); written at most once a minute; null: never',
    ),
});
const DeviceListed = DeviceOut.extend({
  offline: z
    .boolean()
    .describe('The hall is open now and the device was not heard from for more than 5 minutes (or never)'),
});

export const devicesRoutes =
  (devices: DevicesService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/halls/:hallId/devices',
      {
        schema: {
          tags: ['devices'],
          summary:
            'Pair a kiosk, wall display or counter screen (manager, admin); the device sends the token in X-Device-Token and is then limited per device, not by the hall’s address',
          params: HallParams,
          body: z.object({ kind: z.enum(['kiosk', 'display', 'counter_screen']), name: Name(100) }),
          response: {
            201: DeviceOut.extend({ token: z.string().describe('Shown only here; the device keeps it') }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request, ['admin', 'manager']);
        return reply.status(201).send(await devices.pair(request.params.hallId, request.body, staff));
      },
    );

    app.get(
      '/halls/:hallId/devices',
      {
        schema: {
          tags: ['devices'],
          summary: 'The hall’s paired devices (manager, admin); never their tokens',
          params: HallParams,
          response: { 200: z.array(DeviceListed), ...errors },
        },
      },
      async (request) => devices.list(request.params.hallId, requireStaff(request, ['admin', 'manager'])),
    );

    app.delete(
      '/halls/:hallId/devices/:deviceId',
      {
        schema: {
          tags: ['devices'],
          summary: 'Unpair a device (manager, admin); its token stops working at once',
          params: z.object({ hallId: Id, deviceId: Id }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request, ['admin', 'manager']);
        await devices.unpair(request.params.hallId, request.params.deviceId, staff);
        return reply.status(204).send(null);
      },
    );
  };
