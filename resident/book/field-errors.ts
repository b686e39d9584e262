import { ApiError } from '../../ui/api.ts';
import type { PersonErrors } from './validate.ts';

/** A 400 the server gave for a field the page checks too (it should not happen). */
export function serverFieldErrors(err: unknown): PersonErrors | null {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return null;
  const out: PersonErrors = {};
  for (const d of err.details as { path?: unknown[]; code?: string }[]) {
    const path = Array.isArray(d?.path) ? d.path.map(String) : [];
    if (path.includes('idNumber'))
      out.idNumber =
        d.code === 'legacy15' || d.code === 'birthDate' || d.code === 'format' ? d.code : 'checkDigit';
    if (path.includes('phone')) out.phone = 'phoneBad';
    if (path.includes('name')) out.name = 'nameEmpty';
  }
  return Object.keys(out).length ? out : null;
}
