import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket } from '../helpers/queue.ts';

describe('security and operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const manager = await t.login('manager');
    const url = `/api/v1/matters/${t.demo.matters.A}`;
    const evil = await t.req('PATCH', url, {
      cookie: manager,
      body: { name: '被篡改' },
      headers: { origin: 'http://evil.example' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('FORBIDDEN');
    const viaReferer = await t.req('PATCH', url, {
      cookie: manager,
      body: { name: '被篡改' },
      headers: { referer: 'http://evil.example/x' },
    });
    expect(viaReferer.statusCode).toBe(403);
    expect((await t.req('GET', `/api/v1/matters/${t.demo.matters.A}`)).json().name).toBe('户籍');
    const own = await t.req('PATCH', url, {
      cookie: manager,
      body: { name: '户籍业务' },
      headers: { origin: 'http://localhost:80' },
    });
    expect(own.statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await t.req('GET', '/api/v1/halls');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('serves Prometheus metrics with request and call-next latency, waiting tickets and sockets', async () => {
    await makeTicket(t, 'A');
    const clerk = await t.login('clerk1');
    await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/open`, { cookie: clerk });
    await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/call-next`, { cookie: clerk });
    await makeTicket(t, 'A');
    const res = await t.req('GET', '/metrics', { cookie: await t.login('admin') });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /hallq_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/halls\/:hallId\/tickets"/,
    );
    expect(res.body).toMatch(/hallq_call_next_duration_seconds_count 1/);
    expect(res.body).toMatch(/hallq_waiting_tickets\{hall="demo"\} 1/);
    expect(res.body).toMatch(/hallq_connected_sockets 0/);
    expect(res.body).toMatch(/hallq_outbox_backlog \d+/);
  });

  it('refuses an oversized body with 413 and changes nothing', async () => {
    const before = await t.handle.db.selectFrom('tickets').select('id').execute();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/halls/${t.demo.hallId}/tickets`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ matterId: t.demo.matters.A, pad: 'x'.repeat(200_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await t.handle.db.selectFrom('tickets').select('id').execute()).toHaveLength(before.length);
  });
});

describe('per-IP rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite', { rateLimit: true });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After once an address issues too many tickets', async () => {
    let limited: {
      statusCode: number;
      headers: Record<string, unknown>;
      json(): { error: { code: string } };
    } | null = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/tickets`, {
        body: { matterId: t.demo.matters.F },
      });
      if (res.statusCode === 429) limited = res;
      else expect(res.statusCode).toBe(201);
    }
    expect(limited).not.toBeNull();
    expect(limited!.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('audit log of staff actions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('records who changed what, without secrets, readable by the hall’s manager only', async () => {
    const manager = await t.login('manager');
    await t.req('PATCH', `/api/v1/matters/${t.demo.matters.B}`, {
      cookie: manager,
      body: { avgServiceMinutes: 11 },
    });
    await t.req('POST', `/api/v1/halls/${t.demo.hallId}/staff`, {
      cookie: manager,
      body: { username: 'audited', password: 'Auditpass12345', name: '审计', role: 'clerk' },
    });
    const clerk = await t.login('clerk1');
    await t.req('POST', `/api/v1/counters/${t.demo.counters[1]}/open`, { cookie: clerk });
    const log = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/audit`, { cookie: manager });
    expect(log.statusCode).toBe(200);
    // Sign-ins are in the log too (tests/api/audit.test.ts); here only the changes.
    const entries = (
      log.json() as {
        action: string;
        route: string;
        staff: { username: string };
        details: { body: Record<string, unknown> };
      }[]
    ).filter((e) => !e.action.startsWith('auth.'));
    expect(entries.map((e) => [e.staff.username, e.route])).toEqual([
      ['clerk1', '/api/v1/counters/:counterId/open'],
      ['manager', '/api/v1/halls/:hallId/staff'],
      ['manager', '/api/v1/matters/:matterId'],
    ]);
    expect(entries[2]!.details.body).toEqual({ avgServiceMinutes: 11 });
    expect(JSON.stringify(entries)).not.toContain('Auditpass12345');
    expect((await t.req('GET', `/api/v1/halls/${t.demo.hallId}/audit`, { cookie: clerk })).statusCode).toBe(
      403,
    );
  });
});

describe('slow clients', () => {
  it('cuts off a client that trickles its request', { timeout: 120_000 }, async () => {
    const { buildApp } = await import('../../server/src/app.ts');
    const { freshDatabase, SECRET } = await import('../helpers/app.ts');
    const net = await import('node:net');
    const handle = await freshDatabase('pglite');
    const app = await buildApp({ db: handle.db, secret: SECRET, logLevel: 'silent', requestTimeoutMs: 1000 });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/halls HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"co',
        );
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    await app.close();
    await handle.close();
  });
});
