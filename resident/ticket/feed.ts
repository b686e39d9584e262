// The holder's live feed of one ticket: `subscribe` {ticketId, token} on every (re)connect,
// which answers a fresh `snapshot` of the ticket; then the ticket's own `event`s and `queue`
// nudges (someone else moved: the estimate may have changed). A phone that slept may hold a
// dead connection that looks alive, so waking up starts a fresh one.
import { observeServerTime } from '../../ui/clock.ts';
import { LiveSocket } from '../../ui/socket.ts';
import type { HallEvent, Ticket } from '../../ui/types.ts';

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

/** A sleep longer than this may have cost the connection: start a fresh one on waking. */
const FRESH_AFTER_HIDDEN_MS = 5_000;

/** Refusals of the subscription that a retry cannot mend (a wrong link). */
const REFUSALS = ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'VALIDATION_FAILED'];

export class TicketFeed extends LiveSocket {
  constructor(
    readonly ticketId: string,
    private readonly token: string,
    private readonly handlers: TicketFeedHandlers,
  ) {
    super();
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

  protected override subscription() {
    return { ticketId: this.ticketId, token: this.token };
  }

  protected override statusChanged(online: boolean): void {
    this.handlers.status(online);
  }

  protected override refused(code: string): boolean {
    if (!REFUSALS.includes(code)) return false;
    this.handlers.refused(code);
    return true;
  }

  /** After the phone woke up: a fresh connection (and so a fresh snapshot) when it slept long. */
  wake(hiddenForMs: number): void {
    if (this.closed) return;
    if (hiddenForMs >= FRESH_AFTER_HIDDEN_MS || !this.socket.connected) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }
}
