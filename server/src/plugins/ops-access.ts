import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AuthService } from '../auth/auth.service.ts';
import { AppError } from '../errors.ts';

/**
 * Who may read the operators' pages: /metrics and /docs (the OpenAPI, its UI, the AsyncAPI).
 * `open`: anyone (a loopback-only install, or HALLQ_OPS_ACCESS=open); `private`: a signed-in
 * staff member, or a scraper with `Authorization: Bearer <HALLQ_OPS_TOKEN>`.
 */
export type OpsAccess = 'open' | 'private';

/** The paths the setting covers. */
export function isOpsPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/metrics' || path === '/docs' || path.startsWith('/docs/');
}

/** HALLQ_OPS_ACCESS=auto: open only when the server listens on a loopback address alone. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Refuses anonymous callers of /metrics and /docs unless access is open (401 UNAUTHENTICATED). */
export function registerOpsAccess(
  app: FastifyInstance,
  auth: AuthService,
  opts: { access: OpsAccess; token?: string },
): void {
  if (opts.access === 'open') return;
  const expected = opts.token ? digest(opts.token) : null;
  const bearerOk = (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!expected || typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
    return timingSafeEqual(digest(header.slice('Bearer '.length).trim()), expected);
  };
  app.addHook('onRequest', async (request) => {
    if (!isOpsPath(request.url)) return;
    if (bearerOk(request)) return;
    const session = request.cookies[SESSION_COOKIE];
    if (session && (await auth.fromSession(session))) return;
    throw new AppError(
      'UNAUTHENTICATED',
      'Sign in as staff, or send the operators’ token (HALLQ_OPS_TOKEN) as a bearer token',
    );
  });
}
