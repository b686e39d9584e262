import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIST = join(ROOT, 'dist', 'web');

/** `npm start` builds the browser screens when no build is there yet. */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(WEB_DIST, '.built')) || !existsSync(join(ROOT, 'vite.config.ts'))) return;
  // Process tests start many servers and need no screens.
  if (process.env.HALLQ_SKIP_WEB_BUILD === '1') return;
  console.log('building the browser screens (first start)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
