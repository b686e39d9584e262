// The AsyncAPI 3 document of the realtime API (/docs/asyncapi.json), generated from the zod
// schemas the server emits with (protocol.ts), so the document and the server cannot differ.
import { z } from 'zod';
import { MAX_REPLAY } from './socket.ts';
import {
  BoardSnapshot,
  EVENT_DATA,
  hallEventSchema,
  HALL_EVENT_TYPES,
  HelpNotice,
  QueueNudge,
  SubscribeAck,
  SubscribeHall,
  SubscribeTicket,
  WatchHelp,
  WatchHelpAck,
  TicketSnapshot,
} from './protocol.ts';

type JsonSchema = Record<string, unknown>;

/** JSON Schema (draft 7, AsyncAPI's default schema format) of what the server sends or takes. */
function schemaOf(schema: z.ZodType): JsonSchema {
  // 'input': objects stay open (no additionalProperties: false), as a growing contract needs.
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** `ticket.called` → `ticketCalled`: message and schema names. */
const camel = (type: string) => type.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
const ref = (path: string) => ({ $ref: `#/${path}` });

const DESCRIPTION = `
The live side of hallq over [Socket.IO](https://socket.io) v4 on the same port as the HTTP API
(path \`/socket.io\`). This document describes the **server**: it *receives* \`subscribe\` and
*sends* \`event\`, \`snapshot\` and \`queue\`. Each message's \`name\` is its Socket.IO event name.

1. Connect, then emit \`subscribe\` with an acknowledgement callback: \`{hallId, lastSeq?}\` to follow a
   hall (wall display, kiosk, clerk console) or \`{ticketId, token}\` to follow one ticket (a
   holder's phone). The acknowledgement is \`{ok: true, seq}\` or \`{ok: false, error}\`.
2. A hall subscriber with \`lastSeq\` gets every \`event\` it missed (a replay, at most ${MAX_REPLAY}),
   otherwise one \`snapshot\` (the board) to start from. A ticket follower gets a \`snapshot\` of its ticket.
3. Then each new \`event\`: \`{hallId, seq, type, at, data}\`, seq strictly increasing per hall without
   gaps; a client keeps the last seq and sends it as \`lastSeq\` when it reconnects. A ticket follower
   gets only its ticket's events, plus \`queue\` when the hall's queue moved (its estimate may change).

The HTTP API is described by the OpenAPI document at \`/docs/json\` on the same server.
Clients must ignore fields and event types they do not know: the contract grows by adding them.
`.trim();

export function asyncApiDocument(): JsonSchema {
  const schemas: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};
  const message = (
    id: string,
    socketEvent: string,
    title: string,
    schema: z.ZodType,
    extra: JsonSchema = {},
  ) => {
    schemas[id] = schemaOf(schema);
    messages[id] = { name: socketEvent, title, payload: ref(`components/schemas/${id}`), ...extra };
    return ref(`components/messages/${id}`);
  };

  const subscribe = [
    message('subscribeToHall', 'subscribe', 'Follow a hall', SubscribeHall, {
      examples: [
        {
          name: 'afterReconnect',
          payload: { hallId: '0b9e5a0c-3d0a-4c47-9c8e-2f5d2a7f1e10', lastSeq: 1042 },
        },
      ],
    }),
    message('subscribeToTicket', 'subscribe', 'Follow one ticket (its holder)', SubscribeTicket),
  ];
  const ack = message('subscribeAck', 'subscribe', 'The acknowledgement of subscribe', SubscribeAck);
  const events = HALL_EVENT_TYPES.map((type) =>
    message(camel(type), 'event', `Event ${type}`, hallEventSchema(type), {
      summary: EVENT_DATA[type].description,
      'x-event-type': type,
    }),
  );
  const snapshots = [
    message('boardSnapshot', 'snapshot', 'The board, to start from', BoardSnapshot),
    message('ticketSnapshot', 'snapshot', 'The followed ticket, to start from', TicketSnapshot),
  ];
  const queue = message('queueNudge', 'queue', 'The hall’s queue moved', QueueNudge);
  const watchHelp = message('watchHelp', 'watchHelp', 'Follow the hall’s help alerts (staff)', WatchHelp);
  const watchHelpAck = message('watchHelpAck', 'watchHelp', 'The acknowledgement of watchHelp', WatchHelpAck);
  const help = message('helpNotice', 'help', 'A help alert raised or acknowledged', HelpNotice);

  const channel = ref('channels/hall');
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'hallq realtime API',
      version: '1.0.0',
      description: DESCRIPTION,
      license: { name: 'UNLICENSED (see /docs/license on the server)' },
      contact: { name: 'The IT office of the service hall that runs this server' },
    },
    defaultContentType: 'application/json',
    servers: {
      hall: {
        host: '{host}',
        protocol: 'ws',
        pathname: '/socket.io',
        description:
          'The hall’s server: a Socket.IO v4 endpoint (use a Socket.IO client, not a bare WebSocket).',
        variables: { host: { default: 'localhost:3000', description: 'The server’s host and port' } },
      },
    },
    channels: {
      hall: {
        address: '/',
        title: 'The default Socket.IO namespace',
        description: 'Every message of the realtime API, told apart by its Socket.IO event name.',
        servers: [ref('servers/hall')],
        messages: Object.fromEntries(
          Object.keys(messages).map((id) => [id, ref(`components/messages/${id}`)]),
        ),
      },
    },
    operations: {
      subscribe: {
        action: 'receive',
        channel,
        title: 'subscribe',
        summary: 'A client follows a hall or one ticket; the acknowledgement answers it.',
        messages: subscribe.map(channelMessage),
        reply: { channel, messages: [channelMessage(ack)] },
      },
      sendEvent: {
        action: 'send',
        channel,
        title: 'event',
        summary: 'Each hall event, live or replayed after lastSeq, in seq order without gaps.',
        messages: events.map(channelMessage),
      },
      sendSnapshot: {
        action: 'send',
        channel,
        title: 'snapshot',
        summary: 'Where a subscriber starts when there is nothing to replay.',
        messages: snapshots.map(channelMessage),
      },
      sendQueueNudge: {
        action: 'send',
        channel,
        title: 'queue',
        summary: 'To a ticket follower: the queue moved, so its place or estimate may have changed.',
        messages: [channelMessage(queue)],
      },
      watchHelp: {
        action: 'receive',
        channel,
        title: 'watchHelp',
        summary: 'The help desk (a staff session) follows the hall’s 请工作人员协助 alerts.',
        messages: [channelMessage(watchHelp)],
        reply: { channel, messages: [channelMessage(watchHelpAck)] },
      },
      sendHelpNotice: {
        action: 'send',
        channel,
        title: 'help',
        summary: 'To watchHelp sockets only: a kiosk asked for staff, or an alert was acknowledged.',
        messages: [channelMessage(help)],
      },
    },
    components: { schemas, messages },
  };
}

/** An operation names its messages through the channel: `#/components/messages/x` → the channel's. */
const channelMessage = (m: { $ref: string }) => ({
  $ref: `#/channels/hall/messages/${m.$ref.split('/').pop()}`,
});
