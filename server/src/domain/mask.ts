// Masked forms of personal data: what staff screens, receipts and logs may show (DESIGN: Privacy).

import { normalizePhone } from './id-number.ts';

/** Keeps `head` leading and `tail` trailing characters; too short a value is masked entirely. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** `110105194912310021` → `110***********0021` (first 3, 11 asterisks, last 4). */
export function maskIdNumber(id: string): string {
  return keepEnds(id.trim().toUpperCase(), 3, 4);
}

/** `13800138000` → `138****8000`; `+85291234567` → `+852****4567`. */
export function maskPhone(phone: string): string {
  const p = normalizePhone(phone);
  return p.startsWith('+') ? keepEnds(p, 4, 4) : keepEnds(p, 3, 4);
}

/** A document number of another kind than the resident ID: `H12345678` → `H****5678`. */
export function maskDocument(number: string): string {
  const n = number.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(n) ? keepEnds(n, 3, 4) : keepEnds(n, 1, Math.min(4, Math.max(1, n.length - 4)));
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`; always at least one asterisk. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  const first = chars[0];
  if (first === undefined) return '';
  return first + '*'.repeat(Math.max(1, chars.length - 1));
}
