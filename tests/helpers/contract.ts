// Checks realtime messages against the AsyncAPI document, as a vendor's client would: the JSON
// Schemas of the served document, compiled with Ajv. Objects are closed here (no field the
// document does not name), so a field the server adds without documenting it fails too.
import { Ajv, type ValidateFunction } from 'ajv';
import { asyncApiDocument } from '../../server/src/realtime/asyncapi.ts';

type Json = Record<string, unknown>;

/** A copy of a schema with every object closed to the properties it names. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export interface RealtimeContract {
  /** Problems of one message the server sent with this Socket.IO event name; none when it conforms. */
  check(socketEvent: string, payload: unknown): string[];
  /** The hall event types the document names. */
  eventTypes: string[];
}

export function realtimeContract(doc: Json = asyncApiDocument()): RealtimeContract {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const components = doc.components as { schemas: Json; messages: Record<string, Json> };
  const bySocketEvent = new Map<string, { id: string; eventType?: string; validate: ValidateFunction }[]>();
  for (const [id, message] of Object.entries(components.messages)) {
    const schemaId = String((message.payload as { $ref: string }).$ref)
      .split('/')
      .pop()!;
    const validate = ajv.compile(closed(components.schemas[schemaId]) as Json);
    const list = bySocketEvent.get(String(message.name)) ?? [];
    list.push({
      id,
      validate,
      ...(message['x-event-type'] ? { eventType: String(message['x-event-type']) } : {}),
    });
    bySocketEvent.set(String(message.name), list);
  }
  const describe = (v: ValidateFunction) =>
    (v.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    );

  return {
    eventTypes: (bySocketEvent.get('event') ?? []).map((m) => m.eventType!),
    check(socketEvent, payload) {
      let candidates = bySocketEvent.get(socketEvent);
      if (!candidates) return [`"${socketEvent}" is not a message of the AsyncAPI document`];
      if (socketEvent === 'event') {
        const type = (payload as { type?: unknown }).type;
        candidates = candidates.filter((m) => m.eventType === type);
        if (!candidates.length) return [`event type ${String(type)} is not in the AsyncAPI document`];
      }
      if (socketEvent === 'subscribe') candidates = candidates.filter((m) => m.id === 'subscribeAck');
      const problems: string[] = [];
      for (const m of candidates) {
        if (m.validate(payload)) return [];
        problems.push(...describe(m.validate).map((p) => `${m.id}: ${p}`));
      }
      return problems.map((p) => `${socketEvent} ${JSON.stringify(payload).slice(0, 200)}: ${p}`);
    },
  };
}
