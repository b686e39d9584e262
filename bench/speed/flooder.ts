// The two clients of the socket-flood benchmark, each run in a load process of its own
// (load-child.ts): GET board requests one after another, timed; and a Socket.IO client that
// floods `subscribe` until the server cuts it off, then connects again and floods again, one
// socket at a time, until told to stop (so the flood lasts the whole measured round).
import { io, type Socket } from 'socket.io-client';
import type { HttpClient } from './http.ts';

/** `requests` GET /halls/:hallId/board one after another; each one's milliseconds. */
export async function boardRound(
  http: HttpClient,
  o: { hallId: string; requests: number },
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < o.requests; i++) {
    const started = performance.now();
    const res = await http.request('GET', `/api/v1/halls/${o.hallId}/board`);
    if (res.status !== 200) throw new Error(`board answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

export interface FloodTally {
  /** Sockets opened; every one but the last (stopped by us) should have been cut off. */
  sockets: number;
  cutOff: number;
  sent: number;
  answeredOk: number;
  refused: number;
  /** Messages sent on a socket before its cut-off reached the flooder, each cut-off socket. */
  sentBeforeCutOff: number[];
}

export interface Flood {
  /** Resolves once the first socket is connected and flooding. */
  started: Promise<void>;
  stop(): Promise<FloodTally>;
}

/** A tally with nothing counted yet. */
export const emptyTally = (): FloodTally => ({
  sockets: 0,
  cutOff: 0,
  sent: 0,
  answeredOk: 0,
  refused: 0,
  sentBeforeCutOff: [],
});

/** Floods `subscribe` to `hallId`, `batch` messages per event-loop turn, reconnecting when cut off. */
export function startFlood(baseUrl: string, o: { hallId: string; batch: number }): Flood {
  const tally = emptyTally();
  let stopped = false;
  let current: Socket | null = null;
  let timer: NodeJS.Timeout | null = null;
  let finished: () => void = () => {};
  const done = new Promise<void>((r) => (finished = r));
  let begun: () => void = () => {};
  const started = new Promise<void>((r) => (begun = r));

  const connect = () => {
    if (stopped) return finished();
    const socket = io(baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
    current = socket;
    tally.sockets++;
    let sentHere = 0;
    socket.on('connect', () => {
      const flood = () => {
        if (!socket.connected || stopped) return;
        for (let i = 0; i < o.batch; i++) {
          sentHere++;
          tally.sent++;
          socket.emit('subscribe', { hallId: o.hallId }, (a: { ok: boolean }) => {
            if (a.ok) tally.answeredOk++;
            else tally.refused++;
          });
        }
        timer = setTimeout(flood, 0);
      };
      flood();
      begun();
    });
    socket.on('disconnect', (reason) => {
      if (timer) clearTimeout(timer);
      if (stopped) return finished();
      // 'io server disconnect': the server cut this socket off.
      if (reason === 'io server disconnect') {
        tally.cutOff++;
        tally.sentBeforeCutOff.push(sentHere);
      }
      connect();
    });
    socket.on('connect_error', () => setTimeout(connect, 10));
  };
  connect();

  return {
    started,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (current?.connected) current.disconnect();
      else finished();
      await done;
      return tally;
    },
  };
}
