import { z } from 'zod';

// Schemas shared by several route files. Route-specific schemas live beside their routes.

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ID in a path or body: a UUID; anything else is answered 400 before touching the database. */
export const Id = z.string().regex(UUID_RE, 'must be an ID (UUID)');
export const isId = (v: string) => UUID_RE.test(v);

export const HallParams = z.object({ hallId: Id });
export const TicketParams = z.object({ ticketId: Id });
export const CounterParams = z.object({ counterId: Id });
export const MatterParams = z.object({ matterId: Id });
export const TokenQuery = z.object({ token: z.string().min(8).max(200).optional() });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.unknown()).optional(),
  }),
});

/** Error answers documented on every route. */
export const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
};

export const HHmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
