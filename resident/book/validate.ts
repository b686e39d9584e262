// The booking form's checks, in the browser before anything is sent: the same rules as the
// server's (name length, GB 11643 ID number, mainland mobile).
import { idProblem, isMainlandMobile, normalizePhone, type IdProblem } from '../../ui/id-check.ts';

export interface Person {
  name: string;
  idNumber: string;
  phone: string;
}

export interface PersonErrors {
  name?: 'nameEmpty' | 'nameLong';
  idNumber?: IdProblem;
  phone?: 'phoneEmpty' | 'phoneBad';
}

export const NAME_MAX = 30;

export function checkName(name: string): PersonErrors['name'] {
  const n = name.trim();
  if (!n) return 'nameEmpty';
  if (n.length > NAME_MAX) return 'nameLong';
  return undefined;
}

export function checkPhone(phone: string): PersonErrors['phone'] {
  if (!phone.trim()) return 'phoneEmpty';
  return isMainlandMobile(normalizePhone(phone)) ? undefined : 'phoneBad';
}

export function validatePerson(p: Person, today: string): PersonErrors {
  const errors: PersonErrors = {};
  const name = checkName(p.name);
  if (name) errors.name = name;
  const id = idProblem(p.idNumber, today);
  if (id) errors.idNumber = id;
  const phone = checkPhone(p.phone);
  if (phone) errors.phone = phone;
  return errors;
}

/** What is sent: trimmed name, the ID as typed (the server normalizes it), a normalized mobile. */
export const toBody = (p: Person) => ({
  name: p.name.trim(),
  idNumber: p.idNumber.trim(),
  phone: normalizePhone(p.phone),
});

/** The marks for `field` from a fresh check, the others as they were. */
export function pick(fresh: PersonErrors, field: keyof Person, was: PersonErrors): PersonErrors {
  const next = { ...was };
  if (fresh[field]) Object.assign(next, { [field]: fresh[field] });
  else delete next[field];
  return next;
}
