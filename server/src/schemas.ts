import { DateTime } from 'luxon';
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

// Text from the outside world. C0/C1 control characters never belong in hall data (a NUL makes
// PostgreSQL refuse the whole statement), line breaks only in multi-line fields; a name must
// show something, not only spaces and invisible characters (zero-width space, joiners, BOM).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\s\p{Cf}\u115f\u1160\u3164\uffa0]/gu;
export const hasControlCharacters = (v: string) => CONTROL_SINGLE_LINE.test(v);
export const isBlankLooking = (v: string) => v.replace(INVISIBLE, '').length === 0;

/**
 * Every string field a client sends: trimmed, at most `max` characters, no control characters
 * (400 VALIDATION_FAILED). `min: 1` also refuses a value that looks blank.
 */
export function Text(max: number, opts: { min?: number; multiline?: boolean; trim?: boolean } = {}) {
  const control = opts.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
  let s = z.string();
  if (opts.trim ?? true) s = s.trim();
  s = s.max(max, `must be at most ${max} characters`);
  s = s.refine((v) => !control.test(v), 'must not contain control characters');
  const min = opts.min ?? 0;
  if (min > 0) {
    s = s
      .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
      .refine((v) => !isBlankLooking(v), 'must not be blank');
  }
  return s;
}

/** A name shown to people: 1..max visible characters on one line. */
export const Name = (max: number) => Text(max, { min: 1 });
/** A password or token: taken as typed (not trimmed), but no control characters. */
export const Secret = (max: number, min = 1) => Text(max, { min, trim: false });

export const TokenQuery = z.object({ token: Secret(200, 8).optional() });

// Dates a hall can mean: years outside this range are typos or probes (years 0000–0099 used to
// reach the date library and the database as nonsense).
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const saneYear = (d: DateTime) => d.isValid && d.year >= MIN_YEAR && d.year <= MAX_YEAR;
const YEARS = `a year from ${MIN_YEAR} to ${MAX_YEAR}`;

/** A calendar day, YYYY-MM-DD, real and within sane years. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => DateTime.fromISO(d).isValid, 'must be a real date')
  .refine((d) => saneYear(DateTime.fromISO(d)), `must be in ${YEARS}`);

/** An instant, ISO 8601 with a time, within sane years. */
export const Instant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'must be an ISO 8601 time such as 2026-11-19T09:00:00+08:00')
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, 'must be an ISO 8601 time')
  .refine((s) => saneYear(DateTime.fromISO(s, { setZone: true })), `must be in ${YEARS}`);
