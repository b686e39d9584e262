// The fan-out benchmark's clients, in a process of their own (forked by fanout.ts) so that
// decoding 500 sockets' packets shares neither the server's event loop nor its process (and
// does not delay the receipts measured after it). Plain JavaScript: it runs as is under node.
// FANOUT_CLIENTS (JSON): { kind: 'socketio' | 'ws', url, hallId? }. Messages in: { id, cmd,
// ...args }; out: { id, ok, result | error }. Times are absolute ms (performance.timeOrigin +
// now()). Both kinds timestamp a receipt the same way: in the application's message handler,
// after the message is decoded (socket.io: its packet decoded and the event dispatched; ws: the
// frame's text JSON-parsed), before anything else is done with it.
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';

const { kind, url, hallId } = JSON.parse(process.env.FANOUT_CLIENTS ?? '{}');
const now = () => performance.timeOrigin + performance.now();

/** @type {{ socket: any, hallId: string, seqs: number[], from: number }[]} */
const clients = [];
/** ticket.called receipts: by ticketId (socket.io) or by seq (ws) */
let receipts = new Map();
let dropped = [];

function record(key, t) {
  const list = receipts.get(key);
  if (list) list.push(t);
  else receipts.set(key, [t]);
}

function connectSocketIo(client) {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  client.socket = socket;
  socket.on('event', (e) => {
    const t = now();
    client.seqs.push(e.seq);
    if (e.type === 'ticket.called') record(String(e.data.ticketId), t);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

async function subscribe(client, payload) {
  const ack = await client.socket.timeout(30_000).emitWithAck('subscribe', payload);
  if (!ack.ok || ack.seq === undefined) throw new Error(`subscribe failed: ${ack.error}`);
  return ack.seq;
}

function connectWs(client) {
  const ws = new WebSocket(url);
  client.socket = ws;
  ws.on('message', (raw) => {
    const e = JSON.parse(String(raw));
    const t = now();
    if (e.type === 'ticket.called') record(e.seq, t);
  });
  return new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
}

const commands = {
  /** Connects `n` more clients (socket.io: subscribed to `hallId`, by default the pool's). */
  async connect({ n, hallId: hall = hallId }) {
    for (let i = 0; i < n; i += 50) {
      const batch = Array.from({ length: Math.min(50, n - i) }, () => ({
        socket: null,
        hallId,
        seqs: [],
        from: 0,
      }));
      await Promise.all(
        batch.map(async (c) => {
          if (kind === 'ws') return connectWs(c);
          await connectSocketIo(c);
          c.hallId = hall;
          c.from = await subscribe(c, { hallId: hall });
        }),
      );
      clients.push(...batch);
    }
    return clients.map((c) => c.from);
  },
  /** The receipts since the last call, as [key, times[]] pairs. */
  collect() {
    const out = [...receipts];
    receipts = new Map();
    return out;
  },
  /** Disconnects the first `n` clients; the lowest last seq among them. */
  drop({ n }) {
    dropped = clients.slice(0, n);
    for (const c of dropped) c.socket.disconnect();
    return Math.min(...dropped.map((c) => c.seqs.at(-1) ?? c.from));
  },
  /** Brings the dropped clients back, each subscribing with the last seq it saw. */
  async reconnect() {
    await Promise.all(
      dropped.map(async (c) => {
        await connectSocketIo(c);
        await subscribe(c, { hallId: c.hallId, lastSeq: c.seqs.at(-1) ?? c.from });
      }),
    );
    return dropped.length;
  },
  /** Per client: the seq its first subscription answered and every seq received since. */
  seqs() {
    return clients.map((c) => ({ from: c.from, seqs: c.seqs }));
  },
  async close() {
    for (const c of clients) {
      if (kind === 'ws') c.socket.terminate();
      else c.socket.disconnect();
    }
    await delay(50);
    return true;
  },
};

process.on('message', async (msg) => {
  try {
    const result = await commands[msg.cmd](msg);
    process.send({ id: msg.id, ok: true, result });
  } catch (err) {
    process.send({ id: msg.id, ok: false, error: String(err?.stack ?? err) });
  }
});
