// Weight of the screens after the build: each page's JavaScript and CSS, as sent (gzip), stays
// within its budget (README, "The screens"); no server-only library reaches a browser bundle;
// the server sends text compressed and hashed files cached for good.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../server/src/web.ts';
import { ensureWebBuilt, ServedApp } from './harness.ts';

/** KB of gzip-compressed JavaScript + CSS a page loads. Raise only with a reason. */
export const PAGE_BUDGET_KB: Record<string, number> = {
  'index.html': 8,
  // 60 → 64 in round 2: check-in by six document types (their own keypads and checks) and paging.
  'kiosk/index.html': 64,
  'display/index.html': 44,
  'counter/index.html': 48,
  'counter/pad/index.html': 48,
  'resident/book/index.html': 48,
  'resident/manage/index.html': 48,
  'resident/ticket/index.html': 48,
  'admin/index.html': 66,
};
/** For a page the table does not name yet (a new screen). */
const DEFAULT_BUDGET_KB = 48;

function pages(dir = WEB_DIST): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'assets' ? [] : pages(join(dir, e.name));
    return e.name === 'index.html' ? [relative(WEB_DIST, join(dir, e.name))] : [];
  });
}

/** The page's JS and CSS files: its script, module preloads and stylesheets. */
function assetsOf(page: string): string[] {
  const html = readFileSync(join(WEB_DIST, page), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

const gzipKb = (file: string) => gzipSync(readFileSync(join(WEB_DIST, file))).length / 1024;

describe('the weight of the screens', () => {
  let served: ServedApp;
  beforeAll(async () => {
    await ensureWebBuilt();
    served = await ServedApp.start();
  }, 300_000);
  afterAll(async () => {
    await served?.close();
  });

  it('keeps every page within its budget', () => {
    const over: string[] = [];
    const found = pages();
    expect(found).toContain('admin/index.html');
    for (const page of found) {
      const kb = assetsOf(page).reduce((sum, f) => sum + gzipKb(f), 0);
      const budget = PAGE_BUDGET_KB[page] ?? DEFAULT_BUDGET_KB;
      console.log(`${page}: ${kb.toFixed(1)} KB of ${budget} KB`);
      if (kb > budget) over.push(`${page}: ${kb.toFixed(1)} KB > ${budget} KB`);
    }
    expect(over).toEqual([]);
  });

  it('puts no server-only library (zod, Kysely, Fastify) in a browser bundle', () => {
    const js = readdirSync(join(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js'));
    const found = js.filter((f) =>
      /ZodError|\$ZodType|kysely|fastify/i.test(readFileSync(join(WEB_DIST, 'assets', f), 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('sends the screens compressed and their hashed files cached for good', async () => {
    const js = assetsOf('admin/index.html').find((f) => f.endsWith('.js'))!;
    for (const enc of ['br', 'gzip'] as const) {
      const res = await served.app!.inject({ url: js, headers: { 'accept-encoding': enc } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(enc);
      expect(res.headers['cache-control']).toContain('immutable');
    }
    const page = await served.app!.inject({ url: '/kiosk/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('sends API answers compressed when the client accepts it', async () => {
    const res = await served.app!.inject({
      url: `/api/v1/halls/${served.hallId}/matters`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const plain = await served.app!.inject({ url: `/api/v1/halls/${served.hallId}/matters` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toBeInstanceOf(Array);
  });
});
