// Who may receive a hall's private events (PRIVATE_EVENT_TYPES: a rating and its counter): the
// hall's staff, known by the session cookie the connection carried, and the hall's paired rating
// pads, known by the pad token they subscribe with. Wall displays, kiosks and phones are neither.
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE, type AuthService } from '../auth/auth.service.ts';
import type { PadsService } from '../ratings/pads.service.ts';

/** Answers whether this connection, subscribing to this hall, may see its private events. */
export type Audience = (request: IncomingMessage, hallId: string, padToken?: string) => Promise<boolean>;

/** The session cookie's value in a raw Cookie header. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0 || part.slice(0, i).trim() !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function hallAudience(auth: AuthService, pads: PadsService): Audience {
  return async (request, hallId, padToken) => {
    if (padToken) {
      const pad = await pads.counterOf(padToken);
      if (pad?.hallId === hallId) return true;
    }
    const session = sessionCookieOf(request.headers.cookie);
    if (!session) return false;
    const staff = await auth.fromSession(session);
    return staff !== null && (staff.role === 'admin' || staff.hallId === hallId);
  };
}

/** No one sees private events (a server built without the services, e.g. a bare test). */
export const nobody: Audience = async () => false;
