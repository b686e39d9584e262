import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/auth.service.ts';
import { AppError } from '../errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers (helmet) and CSRF protection for cookie-authenticated writes: a browser
 * always sends Origin (or at least Referer) with a cross-site write, so a write that carries
 * the session cookie must come from this server's own origin. Clients that send neither (kiosk
 * scripts, curl) are not browsers and cannot be made to carry someone's cookie.
 */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP inside a hall network too; HSTS belongs to the TLS proxy.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });

  // API answers may be personal (a holder's ticket or booking, a staff member's view): no
  // browser, phone or proxy cache keeps them.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    if (!request.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return;
    const source = request.headers.origin ?? request.headers.referer;
    if (!source) return;
    let host: string;
    try {
      host = new URL(source).host;
    } catch {
      throw new AppError('FORBIDDEN', 'Cross-site request refused');
    }
    const expected = String(request.headers['x-forwarded-host'] ?? request.headers.host ?? '');
    let expectedHost = expected;
    try {
      expectedHost = new URL(`http://${expected}`).host; // drops a default :80 like URL does
    } catch {
      // keep as given
    }
    if (host !== expectedHost) throw new AppError('FORBIDDEN', 'Cross-site request refused');
  });
}
