import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { errors } from '../schemas.ts';

/**
 * The server's time, for a device's self-check (how far its own clock is off) and for a screen
 * left on overnight to notice the new service day without waiting for an event.
 */
export const timeRoutes =
  (clock: Clock): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/time',
      {
        schema: {
          tags: ['realtime'],
          summary: "The server's time (a device compares its clock with it)",
          response: { 200: z.object({ now: z.string().describe('ISO 8601, UTC') }), ...errors },
        },
      },
      async () => ({ now: clock.now().toISOString() }),
    );
  };
