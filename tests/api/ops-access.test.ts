// /metrics and /docs are the operators' pages: closed to anonymous callers unless the install
// listens on loopback only (HALLQ_OPS_ACCESS); staff sessions and the bearer token get in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

const OPS_PATHS = ['/metrics', '/docs/json', '/docs/asyncapi.json', '/docs/yaml', '/docs', '/docs/license'];
const TOKEN = 'scraper-token-'.padEnd(40, 'z');

describe('operators’ pages (HALLQ_OPS_ACCESS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite', { deps: { opsToken: TOKEN } });
  });
  afterAll(() => t.close());

  it('refuses anonymous callers and a wrong token with 401 UNAUTHENTICATED', async () => {
    for (const path of OPS_PATHS) {
      const anon = await t.req('GET', path);
      expect(anon.statusCode, path).toBe(401);
      expect(anon.json().error.code).toBe('UNAUTHENTICATED');
      const wrong = await t.req('GET', path, { headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.statusCode, path).toBe(401);
    }
  });

  it('lets a Prometheus scraper in with the bearer token, and signed-in staff', async () => {
    const scraped = await t.req('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('hallq_http_request_duration_seconds');
    const clerk = await t.login('clerk1');
    for (const path of ['/metrics', '/docs/json', '/docs/asyncapi.json'])
      expect((await t.req('GET', path, { cookie: clerk })).statusCode, path).toBe(200);
  });

  it('is open to anyone with HALLQ_OPS_ACCESS=open', async () => {
    const open = await makeTestApp('pglite', { deps: { opsAccess: 'open' } });
    try {
      for (const path of ['/metrics', '/docs/json', '/docs/asyncapi.json'])
        expect((await open.req('GET', path)).statusCode, path).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('opens by itself only on a loopback-only install', () => {
    const base = { DATA_DIR: 'memory-unused', HALLQ_SECRET: 's'.repeat(40) };
    expect(loadConfig({ ...base, HOST: '127.0.0.1' }).opsAccess).toBe('open');
    expect(loadConfig({ ...base, HOST: '::1' }).opsAccess).toBe('open');
    expect(loadConfig({ ...base, HOST: '0.0.0.0' }).opsAccess).toBe('private');
    expect(loadConfig({ ...base }).opsAccess).toBe('private');
    expect(loadConfig({ ...base, HOST: '127.0.0.1', HALLQ_OPS_ACCESS: 'private' }).opsAccess).toBe('private');
    expect(loadConfig({ ...base, HALLQ_OPS_ACCESS: 'open' }).opsAccess).toBe('open');
    expect(() => loadConfig({ ...base, HALLQ_OPS_TOKEN: 'short' })).toThrow(/HALLQ_OPS_TOKEN/);
  });
});
