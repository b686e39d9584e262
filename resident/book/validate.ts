// The booking form's checks, in the browser before anything is sent: the same rules as the
// server's (name length, the chosen document's format and check digit, the phone), see
// ui/doc-check.ts for what only the server checks (region codes, other places' numbering plans).
import {
  docProblem,
  phoneBody,
  phoneProblem,
  type DocProblem,
  type DocumentType,
  type PhoneProblem,
} from '../../ui/doc-check.ts';

export interface Person {
  name: string;
  documentType: DocumentType;
  idNumber: string;
  /** For passports: ISO 3166-1 alpha-2 or alpha-3. */
  nationality: string;
  phone: string;
}

export interface PersonErrors {
  name?: 'nameEmpty' | 'nameLong';
  idNumber?: DocProblem;
  nationality?: 'nationality';
  phone?: PhoneProblem;
}

export const NAME_MAX = 30;

export function checkName(name: string): PersonErrors['name'] {
  const n = name.trim();
  if (!n) return 'nameEmpty';
  if (n.length > NAME_MAX) return 'nameLong';
  return undefined;
}

export const checkPhone = (phone: string): PersonErrors['phone'] => phoneProblem(phone) ?? undefined;

export function validatePerson(p: Person, today: string): PersonErrors {
  const errors: PersonErrors = {};
  const name = checkName(p.name);
  if (name) errors.name = name;
  const id = docProblem(p.documentType, p.idNumber, p.nationality, today);
  if (id === 'nationality') errors.nationality = id;
  else if (id) errors.idNumber = id;
  // The passport's number is checked even while the nationality is missing.
  if (id === 'nationality' && p.documentType === 'passport') {
    const num = docProblem('passport', p.idNumber, 'XX', today);
    if (num) errors.idNumber = num;
  }
  const phone = checkPhone(p.phone);
  if (phone) errors.phone = phone;
  return errors;
}

/** What is sent: trimmed name, the document as typed (the server normalizes it), the phone. */
export const toBody = (p: Person) => ({
  name: p.name.trim(),
  documentType: p.documentType,
  idNumber: p.idNumber.trim(),
  ...(p.documentType === 'passport' ? { nationality: p.nationality.trim().toUpperCase() } : {}),
  phone: phoneBody(p.phone),
});

/** The marks for `field` from a fresh check, the others as they were. */
export function pick(fresh: PersonErrors, field: keyof Person, was: PersonErrors): PersonErrors {
  const next = { ...was };
  const keys = field === 'documentType' ? (['idNumber', 'nationality'] as const) : [field];
  for (const key of keys) {
    if (fresh[key]) Object.assign(next, { [key]: fresh[key] });
    else delete next[key];
  }
  return next;
}
