// One Vite multi-page build for every browser screen. Each kind of client has its own top-level
// folder (CLIENTS below); a page is any `index.html` in one of them (kiosk/index.html → /kiosk/,
// counter/pad/index.html → /counter/pad/), and /index.html is the landing page. Adding a page to
// a client folder needs no change here. The server serves dist/web itself
// (server/src/plugins/web.ts); `npm start` builds when dist/web/.built is missing.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib, { brotliCompressSync, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const ROOT = dirname(fileURLToPath(import.meta.url));
const OUT = join(ROOT, 'dist', 'web');
/** The top-level folders that hold browser pages, one per kind of client; ui/ is shared code. */
export const CLIENTS = ['kiosk', 'display', 'counter', 'resident', 'admin'];
/** Everything the browser build reads, for the tests' freshness check (screens import the pure
 * domain, e.g. the spoken call). */
export const BROWSER_SOURCES = [...CLIENTS, 'ui', 'server/src/domain', 'index.html'];

/** Every index.html in a client folder, keyed by its folder, plus the landing page. */
function findPages(dir: string, depth = 0): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'index.html') pages[relative(ROOT, dir)] = path;
    else if (depth < 3 && name !== 'node_modules' && statSync(path).isDirectory())
      Object.assign(pages, findPages(path, depth + 1));
  }
  return pages;
}

function allPages(): Record<string, string> {
  const pages: Record<string, string> = { index: join(ROOT, 'index.html') };
  for (const client of CLIENTS) Object.assign(pages, findPages(join(ROOT, client)));
  return pages;
}

/** Every file under `dir`. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each text file, compressed once at the
 * best level, which the server sends as they are (server/src/plugins/web.ts), then marks the
 * build complete: the server and the browser tests check that marker file.
 */
function compressAndMark(): Plugin {
  return {
    name: 'hallq-compress-and-mark',
    apply: 'build',
    closeBundle() {
      for (const file of filesIn(OUT)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
      writeFileSync(join(OUT, '.built'), new Date().toISOString() + '\n');
    },
  };
}

// `npx vite` (dev server) proxies the API and Socket.IO to `npm start` on port 3000.
const backend = process.env.HALLQ_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  root: ROOT,
  base: '/',
  publicDir: false,
  clearScreen: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: allPages(),
      // zod's sources carry /*@__PURE__*/ comments Rollup cannot place; it drops them and warns
      // about each one, which buries real warnings. Nothing is lost by dropping them silently.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
  plugins: [compressAndMark()],
});
