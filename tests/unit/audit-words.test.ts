// Every action the audit log can hold has a code, and every code has words in both languages in
// the console's audit tab, so no entry reads as a route.
import { describe, expect, it } from 'vitest';
import { ACTION_CODES, ACTIONS } from '../../server/src/audit/actions.ts';
import { ROUTES } from '../../server/src/route-table.ts';
import { ACTION_WORDS } from '../../admin/strings-audit.ts';

// Changes staff never make (a resident's rating) or audited under their own codes (sign-in/out).
const NOT_STAFF_ACTIONS = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/tickets/:ticketId/rating',
]);

describe('the audit log’s action codes', () => {
  it('gives every change a route allows an action code', () => {
    const missing = Object.keys(ROUTES).filter(
      (key) => /^(POST|PUT|PATCH|DELETE) /.test(key) && !NOT_STAFF_ACTIONS.has(key) && !ACTIONS[key],
    );
    expect(missing, 'add them to server/src/audit/actions.ts').toEqual([]);
  });

  it.each(ACTION_CODES)('has words for %s in Chinese and English', (code) => {
    const words = ACTION_WORDS[code];
    expect(words?.[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(words?.[1]).toMatch(/^[\x20-\x7e’]+$/);
  });

  it('has no words for a code the server never writes', () => {
    expect(Object.keys(ACTION_WORDS).filter((c) => !ACTION_CODES.includes(c))).toEqual([]);
  });
});
