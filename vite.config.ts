// One Vite multi-page build for every browser screen. A page is any `index.html` under web/
// (web/kiosk/index.html → /kiosk/): adding a screen needs no change here. The server serves
// dist/web itself (server/src/plugins/web.ts); `npm start` builds when dist/web/.built is missing.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const ROOT = dirname(fileURLToPath(import.meta.url));
const WEB = join(ROOT, 'web');
const OUT = join(ROOT, 'dist', 'web');
/** Folders under web/ that hold code shared by the pages, never a page. */
const NOT_PAGES = new Set(['shared', 'node_modules', 'public']);

/** Every web/**\/index.html, keyed by its folder ('index' for web/index.html). */
function findPages(dir = WEB, depth = 0): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'index.html') pages[relative(WEB, dir) || 'index'] = path;
    else if (depth < 3 && !NOT_PAGES.has(name) && statSync(path).isDirectory())
      Object.assign(pages, findPages(path, depth + 1));
  }
  return pages;
}

/** Marks a complete build: the server and the browser tests check this file. */
function builtMarker(): Plugin {
  return {
    name: 'hallq-built-marker',
    apply: 'build',
    closeBundle() {
      writeFileSync(join(OUT, '.built'), new Date().toISOString() + '\n');
    },
  };
}

// `npx vite` (dev server) proxies the API and Socket.IO to `npm start` on port 3000.
const backend = process.env.HALLQ_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  root: WEB,
  base: '/',
  publicDir: false,
  clearScreen: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: findPages(),
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
  plugins: [builtMarker()],
});
