import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Staff passwords: at least 10 characters with a letter and a digit, not the username. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('at least 10 characters');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('letters and digits');
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('not containing the username');
  return problems;
}

export function checkPasswordPolicy(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', `Password must have ${problems.join(', ')}`, [
      { path: ['body', 'password'], message: `Password must have ${problems.join(', ')}` },
    ]);
  }
}

/** A password that meets the policy, for seeded accounts. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out + String(bytes[10]! % 10) + String(bytes[11]! % 10);
}
