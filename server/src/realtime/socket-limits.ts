// Limits that keep one Socket.IO client from stalling the server: sockets per client address
// (the address a trusted proxy reports, else the peer's), and messages per socket as a token
// bucket. A message over the limit is answered RATE_LIMITED without work; a socket that keeps
// sending after that is disconnected. A subscribe sent while the socket's previous one is still
// being answered is refused the same way (socket.ts), so one socket never has more than one
// database read under way: a flood costs the server one read at a time until it is cut off. Paired devices (X-Device-Token) are limited per device
// elsewhere and not counted against their hall's shared address.
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Server, Socket } from 'socket.io';

export interface SocketLimits {
  /** Sockets one address may hold open at once. */
  socketsPerAddress: number;
  /** Messages a socket may send at once, then `messagesPerSecond` refill. */
  messageBurst: number;
  messagesPerSecond: number;
  /** Messages refused in a row before the socket is cut off. */
  refusalsBeforeDisconnect: number;
  /** Subscriptions one socket may hold (halls and followed tickets). */
  subscriptionsPerSocket: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  // A hall's guest Wi-Fi puts many phones behind one address; a flood needs far more.
  socketsPerAddress: 100,
  messageBurst: 20,
  messagesPerSecond: 5,
  refusalsBeforeDisconnect: 50,
  subscriptionsPerSocket: 20,
};

/** The client's address for a raw request: forwarded only from a trusted proxy. */
export function clientAddressOf(trustedProxies: string[]): (req: IncomingMessage) => string {
  const trust = trustedProxies.length ? proxyAddr.compile(trustedProxies) : () => false;
  return (req) => proxyAddr(req, trust);
}

/** Refuses one message of a socket (its ack answered RATE_LIMITED); counts toward the cut-off. */
export type Refuse = (socket: Socket, ack?: unknown) => void;

export function applySocketLimits(
  io: Server,
  limits: SocketLimits,
  addressOf: (req: IncomingMessage) => string,
  exempt: (socket: Socket) => boolean = () => false,
): Refuse {
  const refusalsOf = new WeakMap<Socket, number>();
  const refuse: Refuse = (socket, ack) => {
    const refusals = (refusalsOf.get(socket) ?? 0) + 1;
    refusalsOf.set(socket, refusals);
    if (typeof ack === 'function') (ack as (a: unknown) => void)({ ok: false, error: 'RATE_LIMITED' });
    if (refusals >= limits.refusalsBeforeDisconnect) socket.disconnect(true);
  };
  const open = new Map<string, number>();
  io.use((socket, next) => {
    if (exempt(socket)) return next();
    const address = addressOf(socket.request);
    const count = open.get(address) ?? 0;
    if (count >= limits.socketsPerAddress) {
      const err = new Error('RATE_LIMITED') as Error & { data?: unknown };
      err.data = { code: 'RATE_LIMITED', message: 'Too many connections from this address' };
      return next(err);
    }
    open.set(address, count + 1);
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
    next();
  });

  io.on('connection', (socket) => {
    let tokens = limits.messageBurst;
    let last = Date.now();
    socket.use((packet, next) => {
      const now = Date.now();
      tokens = Math.min(limits.messageBurst, tokens + ((now - last) / 1000) * limits.messagesPerSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return next();
      }
      refuse(socket, packet[packet.length - 1]);
    });
  });
  return refuse;
}
