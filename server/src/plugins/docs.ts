import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' zod schemas, with its UI at /docs. */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'hallq API',
        description:
          'Queue and appointments of a government service hall (政务服务中心). See API.md for the contract.',
        version: '1.0.0',
      },
      tags: [
        { name: 'auth' },
        { name: 'config' },
        { name: 'tickets' },
        { name: 'queue' },
        { name: 'realtime' },
        { name: 'appointments' },
        { name: 'ratings' },
        { name: 'stats' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
