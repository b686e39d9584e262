import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { asyncApiDocument } from '../realtime/asyncapi.ts';
import { ACCESS, routeContract, SECURITY_SCHEMES } from '../route-table.ts';

/** Every tag a route may use, with what it groups; a route with another tag fails the lint test. */
export const TAGS = [
  { name: 'auth', description: 'Staff sign-in and sessions (the session cookie).' },
  {
    name: 'config',
    description: 'Halls, matters (事项), counters, staff and the audit log: what a manager sets up.',
  },
  { name: 'tickets', description: 'Taking a ticket (取号) and what its holder can see and do.' },
  {
    name: 'queue',
    description:
      'The clerk’s work at a counter: open, call (叫号), recall, start, finish, no-show, transfer.',
  },
  {
    name: 'realtime',
    description:
      'The board a wall display shows. Live changes come over Socket.IO, described by the AsyncAPI document at /docs/asyncapi.json.',
  },
  {
    name: 'appointments',
    description: 'Slots, booking (预约), check-in and the hall’s schedule and calendar.',
  },
  { name: 'ratings', description: '好差评: ratings by holders and counter pads, and the 差评 ledger.' },
  { name: 'stats', description: 'Statistics and the live floor dashboard for managers.' },
  {
    name: 'devices',
    description:
      'Paired kiosks, wall displays and counter screens: each sends its token in X-Device-Token and is limited per device, not by the hall’s shared address.',
  },
];

const INFO = {
  title: 'hallq API',
  description:
    'Queue and appointments of a government service hall (政务服务中心): JSON over HTTP under /api/v1. ' +
    'Errors are `{"error": {"code", "message", "details?"}}` with the HTTP status. Live changes (calls, ' +
    'queue, counters) come over Socket.IO on the same port: see the AsyncAPI document at /docs/asyncapi.json.',
  version: '1.0.0',
  license: { name: 'UNLICENSED', url: '/docs/license' },
  contact: { name: 'The IT office of the service hall that runs this server' },
};

// The package is private (package.json) and no licence has been chosen yet; the document says
// exactly that rather than inventing terms.
const LICENSE =
  'No licence has been published for hallq yet (package.json marks the package private and ' +
  'UNLICENSED). Ask the project’s owners for terms.\n';

/**
 * Adds to each route's generated schema what the route table says of it: its operationId, who
 * may call it (security requirements and a sentence), so later routes get them by their row.
 */
function withContract(schema: FastifySchema & Record<string, unknown>, method: string, url: string) {
  const row = routeContract(method, url);
  if (!row || schema.hide) return schema;
  const access = ACCESS[row.access];
  const description = [schema.description, `**Who may call:** ${access.who}`].filter(Boolean).join('\n\n');
  return {
    ...schema,
    ...(row.operationId ? { operationId: row.operationId } : {}),
    security: access.security,
    description,
    'x-access': row.access,
  };
}

/** OpenAPI generated from the routes' zod schemas, with its UI at /docs; AsyncAPI beside it. */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: INFO,
      servers: [{ url: '/', description: 'This hall’s server (the same origin as /docs)' }],
      tags: TAGS,
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    // Only the schemes some operation uses are published: a scheme nobody accepts yet (a device
    // token before any route takes one) would only mislead a client generator.
    transformObject: (doc) => {
      if (!('openapiObject' in doc)) return doc.swaggerObject;
      const { openapiObject } = doc;
      const used = new Set<string>();
      for (const item of Object.values(openapiObject.paths ?? {}))
        for (const op of Object.values(item ?? {})) {
          const o = op as {
            security?: Record<string, string[]>[];
            parameters?: { in?: string; name?: string }[];
          };
          for (const r of o.security ?? []) for (const name of Object.keys(r)) used.add(name);
          // The holder token's `?token=` form is still taken (printed tickets) but not published:
          // clients send X-Holder-Token, so the token stays out of URLs that servers log.
          if (o.parameters)
            o.parameters = o.parameters.filter((p) => !(p.in === 'query' && p.name === 'token'));
        }
      const schemes = Object.entries(SECURITY_SCHEMES).filter(([name]) => used.has(name));
      const components = { ...openapiObject.components, securitySchemes: Object.fromEntries(schemes) };
      return { ...openapiObject, components } as typeof openapiObject;
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const method = ([] as string[]).concat(input.route.method)[0] ?? 'GET';
      return {
        ...out,
        schema: withContract(out.schema as FastifySchema & Record<string, unknown>, method, input.url),
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/docs/license', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(LICENSE),
  );
  const asyncapi = asyncApiDocument();
  app.get('/docs/asyncapi.json', { schema: { hide: true } }, async () => asyncapi);
}
