import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.ts';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown[] };
}

// Fastify's own client errors (malformed JSON, wrong content type, body too large) keep their
// 4xx status; anything else unexpected is a 500 whose message is hidden.
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'NOT_FOUND',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (err instanceof AppError) {
      status = err.status;
      body = {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      };
      if (err.retryAfter !== undefined) reply.header('retry-after', String(err.retryAfter));
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      body = {
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid ${err.validationContext ?? 'request'}: ${err.validation
            .map((v) => `${v.instancePath || '/'} ${v.message}`)
            .join('; ')}`,
          details: err.validation.map((v) => ({
            path: [err.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)],
            message: v.message,
            code: (v.params as { issue?: { code?: string } }).issue?.code,
          })),
        },
      };
    } else if (err.statusCode === 429) {
      status = 429;
      body = { error: { code: 'RATE_LIMITED', message: 'Too many requests; try again shortly' } };
    } else if (err.code && FASTIFY_CLIENT_ERRORS[err.code]) {
      const code = FASTIFY_CLIENT_ERRORS[err.code]!;
      status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400;
      body = { error: { code, message: err.message } };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      body = { error: { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', message: err.message } };
    } else {
      status = 500;
      if (isResponseSerializationError(err))
        request.log.error({ err, route: request.routeOptions.url }, 'bad response');
      else request.log.error({ err }, 'unexpected error');
      body = { error: { code: 'INTERNAL', message: 'Something went wrong on our side; please try again' } };
    }
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    });
  });
}
