import { io, type Socket } from 'socket.io-client';

export interface EventMsg {
  hallId: string;
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** A socket.io client that records everything it receives. */
export interface Recorder {
  socket: Socket;
  events: EventMsg[];
  snapshots: Record<string, unknown>[];
  nudges: number;
  /** Seqs the server said are not for this subscriber (private events). */
  skips: number[];
  subscribe(payload: Record<string, unknown>): Promise<{ ok: boolean; seq?: number; error?: string }>;
  waitFor(pred: (e: EventMsg) => boolean, timeoutMs?: number): Promise<EventMsg>;
  close(): void;
}

export async function connectRecorder(
  baseUrl: string,
  opts: { headers?: Record<string, string> } = {},
): Promise<Recorder> {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(opts.headers ? { extraHeaders: opts.headers } : {}),
  });
  const rec: Recorder = {
    socket,
    events: [],
    snapshots: [],
    nudges: 0,
    skips: [],
    subscribe: (payload) => socket.timeout(10_000).emitWithAck('subscribe', payload),
    waitFor: (pred, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const found = rec.events.find(pred);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error('event not received in time')), timeoutMs);
        const onEvent = (e: EventMsg) => {
          if (pred(e)) {
            clearTimeout(timer);
            socket.off('event', onEvent);
            resolve(e);
          }
        };
        socket.on('event', onEvent);
      }),
    close: () => socket.disconnect(),
  };
  socket.on('event', (e: EventMsg) => rec.events.push(e));
  socket.on('snapshot', (s: Record<string, unknown>) => rec.snapshots.push(s));
  socket.on('queue', () => rec.nudges++);
  socket.on('skip', (k: { seq: number }) => rec.skips.push(k.seq));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return rec;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
