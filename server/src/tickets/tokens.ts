import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// A holder's token is derived from the ticket (or appointment) ID with the server secret, so a
// retried request can hand the same token back without the database ever storing it.
export function holderToken(secret: string, kind: 'ticket' | 'appointment', id: string): string {
  return createHmac('sha256', secret).update(`${kind}:${id}`).digest('base64url').slice(0, 32);
}

export function tokenMatches(
  secret: string,
  kind: 'ticket' | 'appointment',
  id: string,
  token: string | undefined,
) {
  if (!token) return false;
  const expected = Buffer.from(holderToken(secret, kind, id));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
