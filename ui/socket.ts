// The screens' socket wrappers. `LiveSocket` keeps a subscription alive: it subscribes on every
// (re)connect, tries again when a subscription fails, reconnects when the server ended the
// connection and says when it goes on- or offline. `HallFeed` (here) follows a hall; the
// holder's `TicketFeed` (resident/ticket/feed.ts) follows one ticket.
import { io, type Socket } from 'socket.io-client';
import { observeServerTime } from './clock.ts';
import { noteEvent, noteOnline } from './device-status.ts';
import { deviceToken } from './device-token.ts';
import type { Board, HallEvent } from './types.ts';

type Ack = { ok: boolean; seq?: number; error?: string };

export abstract class LiveSocket {
  /** True once subscribed; false while disconnected or refused. */
  online = false;
  protected readonly socket: Socket;
  protected closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.socket = io({ reconnectionDelay: 1000, reconnectionDelayMax: 4000 });
    this.socket.on('connect', () => this.subscribe());
    this.socket.on('disconnect', (reason) => {
      this.setOnline(false);
      // The server ended the connection (a restart): socket.io-client does not retry by
      // itself in that case.
      if (reason === 'io server disconnect') this.later(() => this.socket.connect(), 1000);
    });
  }

  /** The `subscribe` payload, asked at each try. */
  protected abstract subscription(): object;

  /** Told each time `online` changes. */
  protected abstract statusChanged(online: boolean): void;

  /** A refusal retrying cannot mend is handled here and answers true (no retry); by default none. */
  protected refused(_code: string): boolean {
    return false;
  }

  protected subscribe(): void {
    clearTimeout(this.retry);
    this.socket.timeout(10_000).emit('subscribe', this.subscription(), (err: Error | null, ack?: Ack) => {
      if (this.closed) return;
      if (!err && ack?.ok) {
        this.setOnline(true);
        return;
      }
      this.setOnline(false);
      if (this.refused(ack?.error ?? '')) return;
      if (this.socket.connected) this.later(() => this.subscribe(), 3000);
    });
  }

  protected later(fn: () => void, ms: number): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (!this.closed) fn();
    }, ms);
  }

  private setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    noteOnline(online);
    this.statusChanged(online);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket.close();
  }
}

export interface HallFeedHandlers {
  /** The whole board: reset the screen's state to it. Events after it follow. */
  snapshot(board: Board): void;
  /** One new event, in seq order, each exactly once. */
  event(ev: HallEvent): void;
  /** True once subscribed; false while disconnected. */
  status?(online: boolean): void;
}

/**
 * A hall's board and events. It remembers the last event seq it handed on and says it on every
 * (re)connect, so the server replays exactly what was missed (or sends a fresh snapshot when
 * the gap is too old): an event is never lost and never handled twice.
 */
export class HallFeed extends LiveSocket {
  /** The seq of the last snapshot or event handed on; -1 before the first snapshot. */
  lastSeq = -1;

  constructor(
    readonly hallId: string,
    private readonly handlers: HallFeedHandlers,
    /** A paired rating pad's token: the pad then also gets `rating.created`. */
    private readonly padToken?: string,
  ) {
    super();
    this.socket.on('snapshot', (board: Board) => {
      if (board.hallId !== this.hallId) return;
      this.lastSeq = board.seq;
      observeServerTime(board.at);
      noteEvent(board.at);
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
      noteEvent(ev.at);
      this.handlers.event(ev);
    });
    // An event for staff and pads only: its seq counts as seen, so no gap is taken for a loss.
    this.socket.on('skip', (skip: { hallId: string; seq: number }) => {
      if (skip.hallId !== this.hallId || this.lastSeq < 0 || skip.seq <= this.lastSeq) return;
      if (skip.seq > this.lastSeq + 1) this.subscribe();
      else this.lastSeq = skip.seq;
    });
  }

  protected override subscription() {
    const device = deviceToken();
    return {
      hallId: this.hallId,
      ...(this.lastSeq >= 0 ? { lastSeq: this.lastSeq } : {}),
      ...(this.padToken ? { padToken: this.padToken } : {}),
      // The console shows a paired screen as connected while its socket is (issue 20).
      ...(device ? { deviceToken: device } : {}),
    };
  }

  protected override statusChanged(online: boolean): void {
    this.handlers.status?.(online);
  }
}
