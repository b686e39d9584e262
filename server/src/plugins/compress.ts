import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { constants } from 'node:zlib';

/**
 * Compresses API answers (brotli or gzip, as the client accepts). The screens' files are
 * compressed once at build time (vite.config.ts) and served as they are (plugins/web.ts); a
 * reply that already carries a content-encoding is left alone. Request bodies are not
 * decompressed: nothing sends them compressed, and it would only open a door to zip bombs.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Quality 11 (the default) costs far more CPU per answer than it saves on the wire.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
}
