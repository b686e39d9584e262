// The holder's live feed of one ticket: `subscribe` {ticketId, token} on every (re)connect,
// which answers a fresh `snapshot` of the ticket; then the ticket's own `event`s and `queue`
// nudges (someone else moved: the estimate may have changed). A phone that slept may hold a
// dead connection that looks alive, so waking up starts a fresh one.
import { io, type Socket } from 'socket.io-client';
import { observeServerTime } from '../../shared/clock.ts';
import type { HallEvent, Ticket } from '../../shared/types.ts';

export interface TicketFeedHandlers {
  snapshot(ticket: Ticket): void;
  /** An event about this ticket (called, started, finished, …). */
  event(ev: HallEvent): void;
  /** Something else changed in the hall: the place in the queue may have. */
  queue(): void;
  status(online: boolean): void;
  /** The server refused the subscription for good (a wrong link). */
  refused(code: string): void;
}

type Ack = { ok: boolean; seq?: number; error?: string };

/** A sleep longer than this may have cost the connection: start a fresh one on waking. */
const FRESH_AFTER_HIDDEN_MS = 5_000;

export class TicketFeed {
  private readonly socket: Socket;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private online = false;

  constructor(
    readonly ticketId: string,
    private readonly token: string,
    private readonly handlers: TicketFeedHandlers,
  ) {
    this.socket = io({ reconnectionDelay: 1000, reconnectionDelayMax: 4000 });
    this.socket.on('connect', () => this.subscribe());
    this.socket.on('disconnect', (reason) => {
      this.setOnline(false);
      if (reason === 'io server disconnect') this.later(() => this.socket.connect(), 1000);
    });
    this.socket.on('snapshot', (snap: { ticket?: Ticket }) => {
      if (snap.ticket?.id === this.ticketId) this.handlers.snapshot(snap.ticket);
    });
    this.socket.on('event', (ev: HallEvent) => {
      if (ev.data.ticketId !== this.ticketId) return;
      observeServerTime(ev.at);
      this.handlers.event(ev);
    });
    this.socket.on('queue', () => this.handlers.queue());
  }

  private subscribe(): void {
    clearTimeout(this.retry);
    this.socket
      .timeout(10_000)
      .emit('subscribe', { ticketId: this.ticketId, token: this.token }, (err: Error | null, ack?: Ack) => {
        if (this.closed) return;
        if (!err && ack?.ok) return this.setOnline(true);
        this.setOnline(false);
        const code = ack?.error ?? '';
        if (['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'VALIDATION_FAILED'].includes(code))
          return this.handlers.refused(code);
        if (this.socket.connected) this.later(() => this.subscribe(), 3000);
      });
  }

  /** After the phone woke up: a fresh connection (and so a fresh snapshot) when it slept long. */
  wake(hiddenForMs: number): void {
    if (this.closed) return;
    if (hiddenForMs >= FRESH_AFTER_HIDDEN_MS || !this.socket.connected) {
      this.socket.disconnect();
      this.socket.connect();
    }
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
    this.handlers.status(online);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket.close();
  }
}
