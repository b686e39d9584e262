import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AuthService, type Staff } from '../auth/auth.service.ts';
import type { StaffRole } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { HOLDER_HEADER } from '../route-table.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staff: Staff | null;
  }
}

/** Reads the session cookie on every request; routes then ask for `requireStaff(request)`. */
export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('staff', null);
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    request.staff = token ? await auth.fromSession(token) : null;
  });
  // A holder's token travels in the X-Holder-Token header, out of the URLs that servers and
  // proxies log; routes read it as the `token` query parameter, which printed links still use.
  app.addHook('onRequest', async (request) => {
    const given = request.headers[HOLDER_HEADER];
    const query = request.query as Record<string, unknown> | null;
    if (typeof given === 'string' && given && query && typeof query === 'object' && query.token === undefined)
      query.token = given;
  });
}

export function requireStaff(request: FastifyRequest, roles?: StaffRole[]): Staff {
  if (!request.staff) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (roles && !roles.includes(request.staff.role))
    throw new AppError('FORBIDDEN', 'Your role may not do this');
  return request.staff;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    // Behind a trusted TLS proxy the protocol is https: the cookie then never travels in clear.
    secure: request.protocol === 'https',
    sameSite: 'lax',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}
