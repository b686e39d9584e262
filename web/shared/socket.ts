// The one socket wrapper of the screens. It remembers the last event seq it handed on and says
// it on every (re)connect, so the server replays exactly what was missed (or sends a fresh
// snapshot when the gap is too old): an event is never lost and never handled twice.
import { io, type Socket } from 'socket.io-client';
import { observeServerTime } from './clock.ts';
import type { Board, HallEvent } from './types.ts';

export interface HallFeedHandlers {
  /** The whole board: reset the screen's state to it. Events after it follow. */
  snapshot(board: Board): void;
  /** One new event, in seq order, each exactly once. */
  event(ev: HallEvent): void;
  /** True once subscribed; false while disconnected. */
  status?(online: boolean): void;
}

type Ack = { ok: boolean; seq?: number; error?: string };

export class HallFeed {
  /** The seq of the last snapshot or event handed on; -1 before the first snapshot. */
  lastSeq = -1;
  online = false;
  private readonly socket: Socket;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    readonly hallId: string,
    private readonly handlers: HallFeedHandlers,
  ) {
    this.socket = io({ reconnectionDelay: 1000, reconnectionDelayMax: 4000 });
    this.socket.on('connect', () => this.subscribe());
    this.socket.on('disconnect', (reason) => {
      this.setOnline(false);
      // The server ended the connection (a restart): socket.io-client does not retry by
      // itself in that case.
      if (reason === 'io server disconnect') this.later(() => this.socket.connect(), 1000);
    });
    this.socket.on('snapshot', (board: Board) => {
      if (board.hallId !== this.hallId) return;
      this.lastSeq = board.seq;
      observeServerTime(board.at);
      this.handlers.snapshot(board);
    });
    this.socket.on('event', (ev: HallEvent) => {
      if (ev.hallId !== this.hallId || this.lastSeq < 0 || ev.seq <= this.lastSeq) return;
      if (ev.seq > this.lastSeq + 1) {
        // A gap should not happen (the server sends in order), but if it does, ask again
        // from what we have rather than skip an event.
        this.subscribe();
        return;
      }
      this.lastSeq = ev.seq;
      observeServerTime(ev.at);
      this.handlers.event(ev);
    });
  }

  private subscribe(): void {
    clearTimeout(this.retry);
    const payload =
      this.lastSeq >= 0 ? { hallId: this.hallId, lastSeq: this.lastSeq } : { hallId: this.hallId };
    this.socket.timeout(10_000).emit('subscribe', payload, (err: Error | null, ack?: Ack) => {
      if (this.closed) return;
      if (!err && ack?.ok) {
        this.setOnline(true);
        return;
      }
      this.setOnline(false);
      if (this.socket.connected) this.later(() => this.subscribe(), 3000);
    });
  }

  private later(fn: () => void, ms: number): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (!this.closed) fn();
    }, ms);
  }

  private setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.handlers.status?.(online);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket.close();
  }
}
