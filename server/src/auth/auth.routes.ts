import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perMinute } from '../plugins/client-limits.ts';
import { requireStaff, setSessionCookie } from '../plugins/auth.ts';
import { errors, Name, Secret } from '../schemas.ts';
import { SESSION_COOKIE, SESSION_HOURS, type AuthService } from './auth.service.ts';

export const StaffUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'manager', 'clerk']),
  hallId: z.string().nullable(),
});

export const authRoutes =
  (auth: AuthService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        config: { rateLimit: perMinute(30) },
        schema: {
          tags: ['auth'],
          summary: 'Staff sign-in; sets the session cookie',
          body: z.object({ username: Name(64), password: Secret(200) }),
          response: { 200: z.object({ user: StaffUser }), ...errors },
        },
      },
      async (request, reply) => {
        // A new session every sign-in; the one the browser had, if any, ends.
        const { staff, token } = await auth.login(request.body.username, request.body.password, request.ip);
        const old = request.cookies[SESSION_COOKIE];
        if (old) await auth.logout(old);
        setSessionCookie(request, reply, token, SESSION_HOURS * 3600);
        return { user: staff };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: 'Ends the session', response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        requireStaff(request);
        const token = request.cookies[SESSION_COOKIE];
        if (token) await auth.logout(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'Who is signed in',
          response: { 200: z.object({ user: StaffUser }), ...errors },
        },
      },
      async (request) => ({ user: requireStaff(request) }),
    );
  };
