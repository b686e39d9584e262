// Who a request counts against for rate limits. A hall's kiosks, displays, consoles and pads sit
// behind one shared address, so limiting by address alone stops the hall (finding 4: a busy
// hall makes ≈ 440 calls a minute). Requests that prove who sends them count per sender:
// a signed-in staff member (session cookie) per person, a paired device (X-Device-Token) or
// rating pad (X-Pad-Token) per device. Everything else counts per client address, as before.
// A made-up token is simply an anonymous request.
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AuthService } from '../auth/auth.service.ts';
import { DEVICE_HEADER, type DevicesService } from '../devices/devices.service.ts';
import { PAD_HEADER, type PadsService } from '../ratings/pads.service.ts';

/** Requests a minute for anonymous callers per address (routes may set tighter ones). */
export const ANONYMOUS_PER_MINUTE = 300;
/** A known sender's allowance is this many times the anonymous one, on every route. */
export const KNOWN_SENDER_FACTOR = 10;

const CACHE_MS = 30_000;

export class ClientIdentity {
  private cache = new Map<string, { key: string | null; until: number }>();

  constructor(
    private readonly auth: AuthService,
    private readonly devices: DevicesService,
    private readonly pads: PadsService,
  ) {}

  private async cached(id: string, resolve: () => Promise<string | null>): Promise<string | null> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.key;
    const key = await resolve();
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { key, until: now + CACHE_MS });
    return key;
  }

  /** `staff:<id>`, `device:<id>`, `pad:<counterId>` or `ip:<address>`. */
  async keyOf(request: FastifyRequest): Promise<string> {
    const session = request.cookies?.[SESSION_COOKIE];
    if (session) {
      const key = await this.cached(`s:${session}`, async () => {
        const staff = await this.auth.fromSession(session);
        return staff ? `staff:${staff.id}` : null;
      });
      if (key) return key;
    }
    const device = request.headers[DEVICE_HEADER];
    if (typeof device === 'string') {
      const key = await this.cached(`d:${device}`, async () => {
        const d = await this.devices.byToken(device);
        return d ? `device:${d.id}` : null;
      });
      if (key) return key;
    }
    const pad = request.headers[PAD_HEADER];
    if (typeof pad === 'string') {
      const key = await this.cached(`p:${pad}`, async () => {
        const p = await this.pads.counterOf(pad);
        return p ? `pad:${p.counterId}` : null;
      });
      if (key) return key;
    }
    return `ip:${request.ip}`;
  }
}

/** A route's per-minute limit: `max` for anonymous callers, more for known senders. */
export const perMinute = (max: number) => ({
  max: (_request: FastifyRequest, key: string) => (key.startsWith('ip:') ? max : max * KNOWN_SENDER_FACTOR),
  timeWindow: '1 minute',
});
