// The realtime protocol in one place: what a client sends over Socket.IO, what the server
// answers and every hall event with its data. The server emits with these types (appendHallEvent
// takes the data of its event type), the AsyncAPI document at /docs/asyncapi.json is generated
// from these schemas, and the tests check every event the server emits against that document.
// Clients must ignore fields they do not know: the contract grows by adding fields.
import { z } from 'zod';
import { HelpAlertOut } from '../devices/help-alerts.routes.ts';
import { TicketOut } from '../tickets/tickets.routes.ts';

const Iso = z.string().describe('ISO 8601 date and time');

/** What every ticket event says of the ticket: never personal data. */
export const TicketEventData = z.object({
  ticketId: z.string(),
  number: z.string().describe('The number on the ticket, e.g. A012'),
  matterId: z.string(),
  class: z.enum(['normal', 'green', 'appointment']),
  status: z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled']),
  counterId: z.string().nullable().describe('The counter that called it, while called or serving'),
  callCount: z.number().int(),
  calledAt: Iso.nullable(),
  reservedCounterId: z.string().nullable().describe('A counter it was transferred to by name'),
  category: z.string().nullable().describe('Green channel (绿色通道) category code'),
  queueTime: Iso.optional().describe(
    'Where it stands in the queue: when issued, or when requeued or transferred (the policy ranks by it)',
  ),
  dueAt: Iso.nullable().optional().describe('An appointment ticket: its slot start'),
  transferred: z.boolean().optional().describe('Sent to another matter or counter by a clerk'),
});

export const EVENT_DATA = {
  'ticket.issued': TicketEventData.describe('A ticket was taken (kiosk, phone, desk or check-in).'),
  'ticket.called': TicketEventData.extend({
    action: z.enum(['call', 'recall']),
    recall: z.boolean().describe('true for a recall (重呼) of a ticket called before'),
    counterNumber: z.number().int(),
    counterName: z.string(),
  }).describe('A ticket was called (叫号) or recalled to a counter: what the wall shows and speaks.'),
  'ticket.updated': TicketEventData.extend({
    action: z.enum(['start', 'finish', 'no_show', 'requeue', 'transfer', 'cancel', 'expire', 'assist']),
  }).describe(
    'A ticket changed: service started or finished, no-show (过号), requeued, transferred, cancelled.',
  ),
  'counter.updated': z
    .object({ counterId: z.string() })
    .describe('A counter opened, paused, resumed, closed or was changed: read it again.'),
  'queue.updated': z
    .object({ matterId: z.string().optional() })
    .describe(
      'The queue changed in a way no other event says (tickets written by maintenance, not by a ticket action): read it again. The routes of this version do not send it.',
    ),
  'matter.updated': z
    .object({ matterId: z.string() })
    .describe('A matter (事项) was created or changed: read it again.'),
  'hall.updated': z
    .object({
      schedule: z.boolean().optional().describe('true: the schedule or calendar changed'),
      settings: z
        .boolean()
        .optional()
        .describe("true: the hall's settings changed (spoken call, green-channel categories, staff details)"),
    })
    .describe('The hall’s settings changed.'),
  'appointment.updated': z
    .object({
      appointmentId: z.string(),
      matterId: z.string(),
      start: Iso,
      serviceDay: z.string().describe('YYYY-MM-DD in the hall’s zone'),
      status: z.enum(['booked', 'checked_in', 'cancelled', 'no_show', 'done']),
      ticketId: z.string().nullable().describe('The ticket its check-in issued'),
      action: z.enum(['book', 'cancel', 'reschedule', 'check_in', 'no_show']),
    })
    .describe(
      'An appointment was booked, cancelled, rescheduled, checked in or missed: never personal data.',
    ),
  'rating.created': z
    .object({
      ticketId: z.string(),
      counterId: z.string().nullable(),
      score: z.number().int().min(1).max(5),
    })
    .describe('A served ticket was rated (好差评).'),
} as const;

export type HallEventType = keyof typeof EVENT_DATA;
export const HALL_EVENT_TYPES = Object.keys(EVENT_DATA) as HallEventType[];
/**
 * Events only the hall's staff and its paired rating pads receive (a hall subscriber that proved
 * neither gets a `skip` for their seq instead); a ticket's follower gets them for its own ticket.
 */
export const PRIVATE_EVENT_TYPES: ReadonlySet<string> = new Set<HallEventType>(['rating.created']);
/** The data the server puts in an event of this type. */
export type HallEventData<T extends HallEventType> = z.output<(typeof EVENT_DATA)[T]>;

/** The envelope of every event: `event` on the socket, and what a replay sends again. */
export const hallEventSchema = <T extends HallEventType>(type: T) =>
  z.object({
    hallId: z.string(),
    seq: z.number().int().min(1).describe('Strictly increasing per hall, without gaps'),
    type: z.literal(type),
    at: Iso,
    data: EVENT_DATA[type],
  });

export interface HallEvent {
  hallId: string;
  seq: number;
  type: HallEventType;
  at: string;
  data: Record<string, unknown>;
}

// --- what a client sends, and the answers ---------------------------------------------------

export const SubscribeHall = z
  .object({
    hallId: z.string(),
    lastSeq: z.number().int().min(0).optional().describe('The last seq the client saw: replay after it'),
    padToken: z
      .string()
      .max(200)
      .optional()
      .describe('A paired rating pad’s token (X-Pad-Token): it then also gets `rating.created`'),
    deviceToken: z
      .string()
      .max(200)
      .optional()
      .describe(
        'A paired kiosk’s, wall display’s or counter screen’s token (X-Device-Token): the console then shows it as connected',
      ),
  })
  .describe(
    'A display, kiosk, console or pad follows a hall. Staff (their session cookie on the connection) and pads also get the private events (`rating.created`).',
  );
export const SubscribeTicket = z
  .object({ ticketId: z.string(), token: z.string().min(8).max(200).describe('The holder token') })
  .describe('A holder’s phone follows one ticket.');
export const SubscribeAck = z
  .object({
    ok: z.boolean(),
    seq: z.number().int().optional().describe('The seq the subscription is current to'),
    error: z.string().optional().describe('VALIDATION_FAILED, NOT_FOUND, UNAUTHENTICATED, … when not ok'),
  })
  .describe('The answer to subscribe (the Socket.IO acknowledgement).');
export type SubscribeAnswer = z.output<typeof SubscribeAck>;

/** To a ticket's follower: the hall's queue moved (its estimate may have changed). */
export const QueueNudge = z.object({ hallId: z.string(), seq: z.number().int() });
/** To a hall subscriber: the event of this seq is not for it; count it as seen. */
export const SeqSkip = z
  .object({ hallId: z.string(), seq: z.number().int() })
  .describe('The hall event of this seq is for staff and pads only: the client counts it as seen.');

export const BoardOut = z.object({
  hallId: z.string(),
  seq: z.number(),
  at: z.string(),
  calls: z.array(
    z.object({
      ticketId: z.string(),
      number: z.string(),
      matterId: z.string(),
      status: z.string(),
      counterId: z.string(),
      counterNumber: z.number(),
      counterName: z.string(),
      calledAt: z.string(),
      callCount: z.number(),
      class: z.string().describe('green: 优先 (绿色通道)'),
      category: z.string().nullable(),
    }),
  ),
  counters: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      name: z.string(),
      nameEn: z.string().optional().describe('English name; empty when none'),
      status: z.string(),
      matterIds: z.array(z.string()),
      currentTicket: z.object({ id: z.string(), number: z.string(), status: z.string() }).nullable(),
      clerk: z
        .object({
          id: z.string(),
          name: z.string(),
          staffNumber: z.string().nullable(),
          photoUrl: z.string().nullable(),
        })
        .nullable()
        .describe('亮证上岗: null when the hall keeps staff details private'),
      resumeAt: z.string().nullable(),
    }),
  ),
  waiting: z.array(
    z.object({
      matterId: z.string(),
      count: z.number(),
      estimatedWaitMinutes: z.number().nullable(),
      longestWaitMinutes: z.number(),
    }),
  ),
});

export const BoardSnapshot = BoardOut.describe(
  'The board (as GET /api/v1/halls/{hallId}/board) when there is nothing to replay.',
);
export const TicketSnapshot = z
  .object({ hallId: z.string(), seq: z.number().int(), ticket: TicketOut })
  .describe('A ticket follower’s starting point: the ticket as GET /api/v1/tickets/{ticketId} answers.');

// --- 请工作人员协助: the help desk's alerts (staff sockets only, never the hall feed) ---------

export const WatchHelp = z
  .object({ hallId: z.string() })
  .describe(
    'The help desk follows the hall’s 请工作人员协助 alerts: `watchHelp`, with the staff session cookie sent in the handshake (staff of the hall, or an admin).',
  );
export const WatchHelpAck = z
  .object({
    ok: z.boolean(),
    alerts: z.array(HelpAlertOut).optional().describe('The alerts not acknowledged yet, oldest first'),
    error: z.string().optional().describe('UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED when not ok'),
  })
  .describe('The answer to watchHelp (the Socket.IO acknowledgement).');
export type WatchHelpAnswer = z.output<typeof WatchHelpAck>;
export const HelpNotice = z
  .object({ type: z.enum(['help.requested', 'help.acknowledged']), alert: HelpAlertOut })
  .describe('`help`: a kiosk asked for staff, or a desk acknowledged an alert. Only to watchHelp sockets.');

/** Socket.IO's typing of the same protocol: the server's emits are checked against it. */
export interface ServerToClientEvents {
  event: (event: HallEvent) => void;
  queue: (nudge: z.output<typeof QueueNudge>) => void;
  skip: (skip: z.output<typeof SeqSkip>) => void;
  snapshot: (snapshot: z.output<typeof BoardSnapshot> | z.output<typeof TicketSnapshot>) => void;
  help: (notice: z.output<typeof HelpNotice>) => void;
}
export interface ClientToServerEvents {
  subscribe: (payload: unknown, ack?: (answer: SubscribeAnswer) => void) => void;
  watchHelp: (payload: unknown, ack?: (answer: WatchHelpAnswer) => void) => void;
}
