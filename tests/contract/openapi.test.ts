// The OpenAPI at /docs/json is what outside systems generate their clients from. It must lint
// clean with Redocly's recommended rules, and every operation must have the parts that come from
// its row in server/src/route-table.ts. Failures name the route and what it lacks.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGS } from '../../server/src/plugins/docs.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
}
type Doc = { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );

/** `#/paths/~1api~1v1~1halls/get/summary` → `GET /api/v1/halls: summary`, so a failure names its route. */
function where(pointer: string): string {
  const parts = pointer
    .replace(/^#\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] !== 'paths' || parts.length < 3) return pointer;
  return `${parts[2]!.toUpperCase()} ${parts[1]}${parts.length > 3 ? `: ${parts.slice(3).join('/')}` : ''}`;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    const res = await t.req('GET', '/docs/json', { cookie: await t.login('admin') });
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
  });
  afterAll(async () => t?.close());

  it('gives every operation a unique operationId, a summary, a declared tag and its security', () => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    const declared = new Set(TAGS.map((tag) => tag.name));
    for (const { route, op } of operations(doc)) {
      const fix = 'add it to the route’s row in server/src/route-table.ts';
      if (!op.operationId) problems.push(`${route}: no operationId (${fix})`);
      else if (seen.has(op.operationId))
        problems.push(`${route}: operationId ${op.operationId} is also ${seen.get(op.operationId)}`);
      else seen.set(op.operationId, route);
      if (!op.security) problems.push(`${route}: no security (no access kind: ${fix})`);
      if (!op.summary) problems.push(`${route}: no schema.summary in its route file`);
      for (const tag of op.tags ?? []) {
        if (!declared.has(tag))
          problems.push(`${route}: tag ${tag} is not in TAGS (server/src/plugins/docs.ts)`);
      }
      if (!op.tags?.length) problems.push(`${route}: no schema.tags in its route file`);
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(50);
  });

  it('declares who may call: the holder’s token in its header, the pad’s, the staff cookie', () => {
    const schemes = (doc.components as { securitySchemes: Record<string, { in: string; name: string }> })
      .securitySchemes;
    expect(schemes.holderToken).toMatchObject({ in: 'header', name: 'X-Holder-Token' });
    expect(schemes.padToken).toMatchObject({ in: 'header', name: 'X-Pad-Token' });
    expect(schemes.staffSession).toMatchObject({ in: 'cookie', name: 'hallq_session' });
    const byRoute = Object.fromEntries(operations(doc).map(({ route, op }) => [route, op.security]));
    expect(byRoute['GET /api/v1/halls']).toEqual([]);
    expect(byRoute['GET /api/v1/tickets/{ticketId}']).toEqual([{ holderToken: [] }, { staffSession: [] }]);
    expect(byRoute['POST /api/v1/tickets/{ticketId}/rating']).toEqual([
      { holderToken: [] },
      { padToken: [] },
    ]);
    expect(byRoute['GET /api/v1/halls/{hallId}/stats']).toEqual([{ staffSession: [] }]);
  });

  it('passes redocly lint with the recommended rules: 0 errors, 0 warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
      // lint exits 1 when it finds errors; the JSON report is on stdout either way
      const run = await promisify(execFile)(
        process.execPath,
        [cli, 'lint', '--extends=recommended', '--format=json', file],
        {
          maxBuffer: 32 * 1024 * 1024,
          env: {
            ...process.env,
            REDOCLY_TELEMETRY: 'off',
            REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
            NO_COLOR: '1',
          },
        },
      ).catch((err: { stdout?: string; stderr?: string }) => ({
        stdout: err.stdout ?? '',
        stderr: err.stderr ?? '',
      }));
      const start = run.stdout.indexOf('{');
      expect(start, `redocly printed no report: ${run.stderr.slice(-2000)}`).toBeGreaterThanOrEqual(0);
      const report = JSON.parse(run.stdout.slice(start)) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
      };
      const problems = report.problems.map(
        (p) => `${p.severity} ${p.ruleId} at ${where(p.location[0]?.pointer ?? '')}: ${p.message}`,
      );
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
