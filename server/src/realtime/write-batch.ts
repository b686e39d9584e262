// One write per socket for the events one commit delivers (issue 19). A call-next commits two
// hall events (the previous ticket finished, the next one called); emitted one after the other,
// engine.io writes the first to every socket and keeps the second in its buffer until that
// socket's write has called back, so each subscriber costs two writes and the `ticket.called`
// frame of the last socket leaves only after the first frame went to all of them. Held here,
// each websocket's packets of the run are flushed together once the run is over (a microtask
// later), in order, corked into one write. Each packet is still encoded once for all sockets.
import type { Socket } from 'socket.io';

/** The parts of engine.io's websocket transport this relies on (engine.io 6). */
interface EngineTransport {
  name: string;
  /** False while a write is pending: engine.io then buffers what is emitted, in order. */
  writable: boolean;
  /** engine.io's own signal, after a write called back, to flush the buffered packets. */
  emit(event: 'ready'): boolean;
  /** The `ws` socket and its TCP socket. */
  socket?: { _socket?: { cork?: () => void; uncork?: () => void } };
}

export class WriteBatch {
  private held: EngineTransport[] = [];

  /** Holds the socket's writes until the current run of synchronous code is over. */
  hold(socket: Pick<Socket, 'conn'>): void {
    const transport = socket.conn?.transport as unknown as EngineTransport | undefined;
    // Only an idle websocket: one with a write pending flushes on its own callback anyway.
    if (!transport || transport.name !== 'websocket' || !transport.writable) return;
    transport.writable = false;
    if (this.held.push(transport) === 1) queueMicrotask(() => this.release());
  }

  /** Flushes every held socket (each in one write). Runs on its own a microtask after a hold. */
  release(): void {
    const held = this.held;
    this.held = [];
    for (const transport of held) {
      const tcp = transport.socket?._socket;
      tcp?.cork?.();
      try {
        transport.writable = true;
        transport.emit('ready');
      } catch {
        // A closed socket: nothing to flush.
      } finally {
        tcp?.uncork?.();
      }
    }
  }
}
