import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AuthService, type Staff } from '../auth/auth.service.ts';
import type { StaffRole } from '../db/types.ts';
import { AppError } from '../errors.ts';

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
}

export function requireStaff(request: FastifyRequest, roles?: StaffRole[]): Staff {
  if (!request.staff) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (roles && !roles.includes(request.staff.role))
    throw new AppError('FORBIDDEN', 'Your role may not do this');
  return request.staff;
}

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}
