import { ApiError } from '../../ui/api.ts';
import type { DocProblem } from '../../ui/doc-check.ts';
import type { PersonErrors } from './validate.ts';

const DOC_CODES: DocProblem[] = ['format', 'legacy15', 'birthDate', 'checkDigit', 'region', 'nationality'];

/**
 * A 400 the server gave for a field: the region code and other places' phone numbering are
 * checked only there; everything else the page checks too.
 */
export function serverFieldErrors(err: unknown): PersonErrors | null {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return null;
  const out: PersonErrors = {};
  for (const d of err.details as { path?: unknown[]; code?: string }[]) {
    const path = Array.isArray(d?.path) ? d.path.map(String) : [];
    if (path.includes('idNumber')) {
      const code = DOC_CODES.find((c) => c === d.code) ?? 'checkDigit';
      if (code === 'nationality') out.nationality = 'nationality';
      else out.idNumber = code;
    }
    if (path.includes('nationality')) out.nationality = 'nationality';
    if (path.includes('phone')) out.phone = 'phoneIntlBad';
    if (path.includes('name')) out.name = 'nameEmpty';
  }
  return Object.keys(out).length ? out : null;
}
