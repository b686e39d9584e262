import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { WEB_DIST } from '../web.ts';

/**
 * Serves the browser screens from the Vite build (dist/web): /kiosk/, /counter/, /display/ and
 * any later page, with / as the landing page. Files are looked up per request, so a missing
 * build (tests that do not build) only answers 404 and a build made later is served at once.
 * Hashed assets are cached for good; pages are revalidated so a new build shows up on reload.
 * Text files go out brotli- or gzip-compressed as built, when the browser accepts it.
 */
export async function registerWeb(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    redirect: true,
    dotfiles: 'ignore',
    // The build writes .br and .gz beside each text file (vite.config.ts): sent as they are.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'cache-control',
        /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
