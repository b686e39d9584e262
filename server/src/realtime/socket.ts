import type { Server as HttpServer } from 'node:http';
import { Server, type Socket as IoSocket } from 'socket.io';
import { SESSION_COOKIE, assertHallAccess, type AuthService } from '../auth/auth.service.ts';
import type { Db } from '../db/index.ts';
import type { HelpAlertsService } from '../devices/help-alerts.service.ts';
import type { LastSeen } from '../devices/last-seen.ts';
import { isId } from '../schemas.ts';
import type { QueueService } from '../tickets/queue.service.ts';
import type { TicketsService } from '../tickets/tickets.service.ts';
import { nobody, type Audience } from './audience.ts';
import { buildBoard } from './board.ts';
import { eventsAfter, type HallEvent } from './hall-events.ts';
import {
  PRIVATE_EVENT_TYPES,
  SubscribeHall,
  SubscribeTicket,
  WatchHelp,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeAnswer,
  type WatchHelpAnswer,
} from './protocol.ts';
import {
  applySocketLimits,
  clientAddressOf,
  DEFAULT_SOCKET_LIMITS,
  type SocketLimits,
} from './socket-limits.ts';
import type { EventPublisher } from './publisher.ts';
import { WriteBatch } from './write-batch.ts';

type Socket = IoSocket<ClientToServerEvents, ServerToClientEvents>;

/** How far back a client may ask for a replay before it gets a fresh snapshot instead. */
export const MAX_REPLAY = 500;

type Ack = (answer: SubscribeAnswer) => void;

const helpRoom = (hallId: string) => `help:${hallId}`;

/** One cookie's value from a Cookie header (the handshake's). */
function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * One subscription of one socket. Live events that arrive while its replay is being read are
 * held back, then sent after it, so a client always sees seq in order and without gaps.
 */
interface Subscription {
  socket: Socket;
  hallId: string;
  /** Follows one ticket: only that ticket's events, plus a `queue` nudge for its estimate. */
  ticketId: string | null;
  /** Staff of the hall or its paired pad: gets the private events too (audience.ts). */
  privileged: boolean;
  lastSent: number;
  syncing: HallEvent[] | null;
}

export interface Realtime {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  connectedCount(): number;
  close(): Promise<void>;
}

export function attachRealtime(
  httpServer: HttpServer,
  deps: {
    db: Db;
    publisher: EventPublisher;
    queue: QueueService;
    tickets: TicketsService;
    auth: AuthService;
    helpAlerts: HelpAlertsService;
    /** Notes a paired device or pad subscribed with its token as heard from (and at heartbeats). */
    lastSeen?: LastSeen;
    trustedProxies?: string[];
    limits?: Partial<SocketLimits>;
    /** Who gets the private events (rating.created); nobody by default. */
    audience?: Audience;
  },
): Realtime {
  const audience = deps.audience ?? nobody;
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    cors: { origin: false },
    // A subscribe message is tiny; nothing a client sends needs more.
    maxHttpBufferSize: 16 * 1024,
  });
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...(deps.limits ?? {}) };
  const refuse = applySocketLimits(io, limits, clientAddressOf(deps.trustedProxies ?? []));
  const byHall = new Map<string, Set<Subscription>>();

  const send = (sub: Subscription, ev: HallEvent) => {
    if (ev.seq <= sub.lastSent) return;
    sub.lastSent = ev.seq;
    const hidden = PRIVATE_EVENT_TYPES.has(ev.type) && !sub.privileged;
    if (sub.ticketId === null) {
      if (hidden) sub.socket.emit('skip', { hallId: ev.hallId, seq: ev.seq });
      else sub.socket.emit('event', ev);
    } else if (ev.data.ticketId === sub.ticketId) sub.socket.emit('event', ev);
    else if (ev.type.startsWith('ticket.') || ev.type === 'counter.updated')
      sub.socket.emit('queue', { hallId: ev.hallId, seq: ev.seq });
  };

  // The events one commit delivers leave in one write per socket (write-batch.ts).
  const batch = new WriteBatch();
  deps.publisher.onEvent((ev) => {
    const subs = byHall.get(ev.hallId);
    if (!subs) return;
    const live: string[] = [];
    const skipped: string[] = [];
    const hidden = PRIVATE_EVENT_TYPES.has(ev.type);
    for (const sub of subs) {
      if (!sub.syncing) batch.hold(sub.socket);
      if (sub.syncing) sub.syncing.push(ev);
      else if (sub.ticketId !== null) send(sub, ev);
      else if (ev.seq > sub.lastSent) {
        sub.lastSent = ev.seq;
        (hidden && !sub.privileged ? skipped : live).push(sub.socket.id);
      }
    }
    // The hall's subscribers get the same packet: one broadcast encodes it once for all of
    // them (this process's sockets only; every process delivers to its own).
    if (live.length) io.local.to(live).emit('event', ev);
    if (skipped.length) io.local.to(skipped).emit('skip', { hallId: ev.hallId, seq: ev.seq });
  });

  // 请工作人员协助: to the hall's staff sockets only (never to a hall subscription).
  deps.helpAlerts.onNotice((notice) => {
    io.local.to(helpRoom(notice.alert.hallId)).emit('help', notice);
  });

  const unsubscribe = (socket: Socket) => {
    const subs = (socket.data.subs ?? []) as Subscription[];
    for (const s of subs) byHall.get(s.hallId)?.delete(s);
    socket.data.subs = [];
  };

  /** Drops the socket's subscriptions that a new one replaces. */
  const replace = (socket: Socket, replaced: (s: Subscription) => boolean) => {
    const subs = (socket.data.subs ?? []) as Subscription[];
    for (const s of subs) if (replaced(s)) byHall.get(s.hallId)?.delete(s);
    socket.data.subs = subs.filter((s) => !replaced(s));
  };

  const subscribe = async (
    socket: Socket,
    hallId: string,
    ticketId: string | null,
    lastSeq: number | undefined,
    privileged = false,
  ) => {
    if (((socket.data.subs ?? []) as Subscription[]).length >= limits.subscriptionsPerSocket) {
      throw Object.assign(new Error('too many subscriptions'), { code: 'RATE_LIMITED' });
    }
    const sub: Subscription = { socket, hallId, ticketId, privileged, lastSent: 0, syncing: [] };
    const subs = byHall.get(hallId) ?? new Set<Subscription>();
    byHall.set(hallId, subs);
    subs.add(sub);
    (socket.data.subs ??= []).push(sub);
    try {
      const delivered = deps.publisher.deliveredSeq(hallId);
      if (lastSeq !== undefined && lastSeq <= delivered && delivered - lastSeq <= MAX_REPLAY) {
        const missed = (await eventsAfter(deps.db, hallId, lastSeq, MAX_REPLAY)).filter(
          (e) => e.seq <= delivered,
        );
        sub.lastSent = lastSeq;
        for (const ev of missed) send(sub, ev);
      } else if (ticketId) {
        const ticket = await deps.tickets.get(ticketId, {
          staff: null,
          token: socket.data.ticketToken as string,
        });
        sub.lastSent = delivered;
        socket.emit('snapshot', { hallId, seq: delivered, ticket });
      } else {
        const board = await buildBoard(deps.db, deps.queue, hallId);
        sub.lastSent = board.seq;
        socket.emit('snapshot', board);
      }
    } finally {
      const held = sub.syncing ?? [];
      sub.syncing = null;
      for (const ev of held) send(sub, ev);
    }
    return sub.lastSent;
  };

  io.on('connection', (socket) => {
    let busy = false;
    socket.on('subscribe', async (payload: unknown, ack?: Ack) => {
      // One subscribe at a time per socket: the next waits for this one's answer (clients do).
      if (busy) return refuse(socket, ack);
      busy = true;
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      try {
        const asTicket = SubscribeTicket.safeParse(payload);
        if (asTicket.success) {
          const { ticketId, token } = asTicket.data;
          if (!isId(ticketId)) return reply({ ok: false, error: 'NOT_FOUND' });
          const ticket = await deps.tickets.get(ticketId, { staff: null, token });
          socket.data.ticketToken = token;
          // Following the same ticket again (a phone waking up) replaces the earlier subscription.
          replace(socket, (sub) => sub.ticketId === ticketId);
          const seq = await subscribe(socket, ticket.hallId, ticketId, undefined);
          return reply({ ok: true, seq });
        }
        const asHall = SubscribeHall.safeParse(payload);
        if (!asHall.success || !isId(asHall.data.hallId))
          return reply({ ok: false, error: 'VALIDATION_FAILED' });
        const hall = await deps.db
          .selectFrom('halls')
          .select('id')
          .where('id', '=', asHall.data.hallId)
          .executeTakeFirst();
        if (!hall) return reply({ ok: false, error: 'NOT_FOUND' });
        // A resubscribe replaces the socket's earlier subscription to the same hall.
        replace(socket, (s) => s.hallId === hall.id && s.ticketId === null);
        deps.lastSeen?.hearSocket(socket, { device: asHall.data.deviceToken, pad: asHall.data.padToken });
        const privileged = await audience(socket.request, hall.id, asHall.data.padToken);
        const seq = await subscribe(socket, hall.id, null, asHall.data.lastSeq, privileged);
        return reply({ ok: true, seq });
      } catch (err) {
        const code = (err as { code?: string }).code;
        return reply({
          ok: false,
          error: typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'INTERNAL',
        });
      } finally {
        busy = false;
      }
    });
    socket.on('watchHelp', async (payload: unknown, ack?: (answer: WatchHelpAnswer) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      try {
        const asked = WatchHelp.safeParse(payload);
        if (!asked.success || !isId(asked.data.hallId))
          return reply({ ok: false, error: 'VALIDATION_FAILED' });
        const session = cookieOf(socket.request.headers.cookie, SESSION_COOKIE);
        const staff = session ? await deps.auth.fromSession(session) : null;
        if (!staff) return reply({ ok: false, error: 'UNAUTHENTICATED' });
        assertHallAccess(staff, asked.data.hallId);
        await socket.join(helpRoom(asked.data.hallId));
        return reply({ ok: true, alerts: await deps.helpAlerts.open(asked.data.hallId, staff) });
      } catch (err) {
        const code = (err as { code?: string }).code;
        return reply({
          ok: false,
          error: typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'INTERNAL',
        });
      }
    });
    socket.on('disconnect', () => unsubscribe(socket));
  });

  return {
    io,
    connectedCount: () => io.engine.clientsCount,
    // The HTTP server itself is closed by Fastify; here only the sockets end.
    close: async () => {
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
