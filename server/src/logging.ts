import type { FastifyServerOptions } from 'fastify';

// Log lines carry no passwords, cookies, tokens or personal data: request logs keep only the
// method and the path (no query string: holder tokens travel there), never headers or bodies.
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'password',
        '*.password',
        'phone',
        '*.phone',
        'idNumber',
        '*.idNumber',
        'name',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
