// The audit log's writer: every change a signed-in staff member makes (an admin's too), every
// sign-in, failed sign-in and sign-out, and every refused attempt (401/403 on a staff route, or
// by staff beyond their hall or role), each with the hall it concerns, the caller's address, the
// outcome, an action code and the names of what was acted on (labels.ts). The API routes that
// read it are in audit.routes.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import type { AuditOutcome } from '../db/types.ts';
import { routeContract, type Access } from '../route-table.ts';
import { actionOf, AUTH_ACTIONS } from './actions.ts';
import { idsOf, lookupOf, resolve, type Ids, type Labels } from './labels.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The answer of a change, before serialization: names what a change created. */
    auditAnswer: unknown;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOGIN = '/api/v1/auth/login';
const LOGOUT = '/api/v1/auth/logout';
// Asked on every console start to learn whether a session is still there: not an attempt.
const SESSION_CHECK = '/api/v1/auth/me';
/** Routes only staff (or a hall's feed token) may call: an anonymous 401 there is an attempt. */
const STAFF_ACCESS = new Set<Access>([
  'anyStaff',
  'hallStaff',
  'hallManager',
  'admin',
  'clerkAtCounter',
  'counterClerkOrManager',
  'staffOfTicketHall',
  'managerOrFeedToken',
]);
// Never written to the audit log: secrets and residents' personal data.
const SECRET_KEYS = new Set([
  'password',
  'idNumber',
  'phone',
  'name',
  'token',
  'comment',
  'code',
  'data',
  'summary',
]);
/** A refusal or failure repeated with the same key within this time is counted on one row. */
export const COALESCE_MS = 10 * 60_000;
const MAX_COALESCED = 10_000;

function summarize(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k] = SECRET_KEYS.has(k) ? '[not logged]' : v;
  }
  return out;
}

interface Entry {
  /** With `targets`: the hall when none of them names one. */
  hallId: string | null;
  staffId: string | null;
  action: string;
  outcome: AuditOutcome;
  actorLabel: string | null;
  labels: Labels;
  /** Targets whose names (added to `labels`) and hall the entry's INSERT looks up itself. */
  targets?: Ids;
  targetId: string | null;
  details: Record<string, unknown>;
}

export class AuditWriter {
  // Recent failures and refusals by key: a repeat updates that row instead of adding one, so a
  // caller hammering a staff route from one address cannot flood the log.
  private recent = new Map<string, { id: Promise<string | null>; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Counts a repeat on the row written for `key` a moment ago; false when there is none. */
  async repeat(key: string): Promise<boolean> {
    const now = this.clock.now();
    const seen = this.recent.get(key);
    if (!seen || seen.until <= now.getTime()) return false;
    const id = await seen.id;
    if (!id) return false;
    await this.db
      .updateTable('audit_log')
      .set((eb) => ({ repeats: eb('repeats', '+', 1), last_at: now }))
      .where('id', '=', id)
      .execute();
    return true;
  }

  /** Writes the entry; a failure or refusal repeating one a moment ago only counts on that row. */
  async write(request: FastifyRequest, status: number, entry: Entry, requestKey?: string): Promise<void> {
    const now = this.clock.now();
    const address = request.ip ?? null;
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    const coalesce = entry.outcome !== 'ok';
    const key = [
      address,
      entry.hallId,
      entry.staffId,
      entry.action,
      entry.actorLabel,
      status,
      entry.labels.attempted,
    ]
      .map(String)
      .join('\u0001');
    if (coalesce && (await this.repeat(key))) {
      if (requestKey) this.recent.set(requestKey, this.recent.get(key)!);
      return;
    }
    // One statement: the targets' names and hall are joins of the INSERT … SELECT (labels.ts).
    const l = lookupOf(entry.targets ?? {}, entry.hallId, entry.labels);
    const inserted = sql<{ id: string }>`
      insert into audit_log
        (hall_id, staff_id, at, method, route, target_id, status, details, action, outcome, address,
         actor_label, labels)
      select ${l.hallId}, ${entry.staffId}::uuid, ${now}::timestamptz, ${request.method}, ${route},
        ${entry.targetId}, ${status}::int, ${JSON.stringify(entry.details)}::jsonb, ${entry.action},
        ${entry.outcome}, ${address}, ${entry.actorLabel}, ${l.labels}
      from (select 1) as one ${l.joins}
      returning id
    `
      .execute(this.db)
      .then((r) => r.rows[0]?.id ?? null);
    if (coalesce) {
      const seen = { id: inserted.catch(() => null), until: now.getTime() + COALESCE_MS };
      this.recent.set(key, seen);
      if (requestKey) this.recent.set(requestKey, seen);
      if (this.recent.size > MAX_COALESCED) this.prune(now.getTime());
    }
    await inserted;
  }

  private prune(now: number): void {
    for (const [key, v] of this.recent) if (v.until <= now) this.recent.delete(key);
    if (this.recent.size > MAX_COALESCED) this.recent.clear();
  }
}

/** Records the audit log's entries for every request (see the file's opening comment). */
export function registerAudit(
  app: FastifyInstance,
  db: Db,
  clock: Clock,
  /** A keyed hash: an unknown username is kept only as a short fingerprint of it. */
  fingerprint: (text: string) => string,
): void {
  const writer = new AuditWriter(db, clock);
  app.decorateRequest('auditAnswer', null);
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (UNSAFE.has(request.method) && reply.statusCode < 400) request.auditAnswer = payload;
    return payload;
  });
  // Written before the answer leaves: an action the caller saw succeed is in the log, and the
  // next request (the manager reading the log) already finds it.
  app.addHook('onSend', async (request, reply, payload) => {
    try {
      const status = reply.statusCode;
      // The same refusal again (same caller, route, target): count it without looking anything up.
      // Not for sign-ins: their 401 depends on the username in the body (signInEntry).
      const requestKey =
        (status === 401 || status === 403) && request.routeOptions.url !== LOGIN
          ? [
              request.ip,
              request.staff?.id,
              request.method,
              request.routeOptions.url,
              status,
              JSON.stringify(request.params),
            ].join('\u0001')
          : undefined;
      if (requestKey && (await writer.repeat(requestKey))) return payload;
      const entry = await entryOf(db, request, status, fingerprint);
      if (entry) await writer.write(request, status, entry, requestKey);
    } catch (err) {
      request.log.warn({ err }, 'audit log write failed');
    }
    return payload;
  });
}

async function entryOf(
  db: Db,
  request: FastifyRequest,
  status: number,
  fingerprint: (text: string) => string,
): Promise<Entry | null> {
  const route = request.routeOptions.url ?? '';
  const staff = request.staff;
  const params = (request.params ?? {}) as Record<string, string>;
  if (route === LOGIN && request.method === 'POST') return signInEntry(db, request, status, fingerprint);
  if (route === LOGOUT && status === 204 && staff) {
    return { ...ok(staff.id, AUTH_ACTIONS.signOut, staff.hallId), targetId: staff.id };
  }
  const contract = routeContract(request.method, route);
  if (status === 401 || status === 403) {
    if (route === SESSION_CHECK && !staff) return null;
    if (!staff && !(contract && STAFF_ACCESS.has(contract.access))) return null;
    const { hallId, labels } = await resolve(db, idsOf(params));
    return {
      hallId: hallId ?? staff?.hallId ?? null,
      staffId: staff?.id ?? null,
      action: AUTH_ACTIONS.refused,
      outcome: 'refused',
      actorLabel: null,
      labels: { ...labels, attempted: actionOf(request.method, route, contract?.operationId).action },
      targetId: Object.values(params)[0] ?? null,
      details: { params },
    };
  }
  if (!staff || !UNSAFE.has(request.method) || status >= 400) return null;
  // A route that writes its own audit entry in its transaction (show a rater's contact).
  if ((request.routeOptions.config as { auditedInService?: boolean } | undefined)?.auditedInService)
    return null;
  const def = actionOf(request.method, route, contract?.operationId);
  const ids = idsOf(params, request.body);
  const answer = request.auditAnswer as { id?: unknown } | null;
  const created = def.created && typeof answer?.id === 'string' ? answer.id : null;
  if (def.created && created) ids[def.created] = created;
  return {
    ...ok(staff.id, def.action, staff.hallId),
    targets: ids,
    targetId: Object.values(params)[0] ?? created,
    details: { params, body: summarize(request.body) },
  };
}

const ok = (staffId: string, action: string, hallId: string | null): Entry => ({
  hallId,
  staffId,
  action,
  outcome: 'ok',
  actorLabel: null,
  labels: {},
  targetId: null,
  details: {},
});

/**
 * A sign-in and its outcome. A failed attempt names the account when one has that username;
 * otherwise the typed username is kept only as a keyed fingerprint: people type their password
 * into the username field often enough that the log must never hold what was typed there.
 */
async function signInEntry(
  db: Db,
  request: FastifyRequest,
  status: number,
  fingerprint: (text: string) => string,
): Promise<Entry | null> {
  const action =
    status === 200
      ? AUTH_ACTIONS.signIn
      : status === 401
        ? AUTH_ACTIONS.signInFailed
        : status === 429
          ? AUTH_ACTIONS.signInThrottled
          : null;
  if (!action) return null; // 400: not an attempt (no username, a control character, …)
  const typed = (request.body as { username?: unknown } | undefined)?.username;
  const username = typeof typed === 'string' && typed ? typed : null;
  const account = username
    ? await db
        .selectFrom('staff')
        .select(['id', 'name', 'username', 'hall_id'])
        .where('username', '=', username)
        .executeTakeFirst()
    : undefined;
  if (status === 200 && account) return { ...ok(account.id, action, account.hall_id), targetId: account.id };
  return {
    hallId: account?.hall_id ?? null,
    staffId: null,
    action,
    outcome: status === 429 ? 'refused' : 'failed',
    actorLabel: account ? account.username : username ? `#${fingerprint(username).slice(0, 8)}` : null,
    labels: account ? { staff: account.name } : {},
    targetId: account?.id ?? null,
    details: {},
  };
}
