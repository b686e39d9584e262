// The load process's entry (started by loadgen.ts with `node --import tsx`): it keeps HTTP
// clients and `pg` pools by target and runs the rounds the bench process asks for over IPC, so
// the requests are generated and timed outside the server's process.
import {
  callNextRound,
  httpBook,
  httpDriver,
  issuingRound,
  noopRound,
  rawDriver,
  rush,
  sqlBook,
  type CallNextRoundOptions,
  type HallRef,
  type RushSpec,
} from './drivers.ts';
import { boardRound, startFlood, type Flood } from './flooder.ts';
import { growthRound } from './growth-round.ts';
import { HttpClient } from './http.ts';
import type { Target } from './loadgen.ts';
import { pgRunner, type SqlRunner } from './sql.ts';

const clients = new Map<string, HttpClient>();
const pools = new Map<string, SqlRunner>();

let flood: Flood | null = null;

const httpOf = (baseUrl: string) => {
  let c = clients.get(baseUrl);
  if (!c) clients.set(baseUrl, (c = new HttpClient(baseUrl)));
  return c;
};
const poolOf = (url: string, size: number) => {
  const key = `${size}@${url}`;
  let p = pools.get(key);
  if (!p) pools.set(key, (p = pgRunner(url, size)));
  return p;
};
const driverOf = (t: Target, hall: HallRef) =>
  t.kind === 'http' ? httpDriver(httpOf(t.baseUrl), hall) : rawDriver(poolOf(t.url, t.pool), hall);

type Args = Record<string, unknown> & { target: Target };

const commands: Record<string, (a: Args) => Promise<unknown>> = {
  callNextRound: (a) => callNextRound(driverOf(a.target, a.hall as HallRef), a.o as CallNextRoundOptions),
  issuingRound: (a) => {
    const d = driverOf(a.target, a.hall as HallRef);
    return issuingRound((k) => d.issue(k), a.o as { concurrency: number; tickets: number });
  },
  growthRound: (a) =>
    growthRound(
      (a.halls as HallRef[]).map((h) => driverOf(a.target, h)),
      a.o as { perSec: number; ms: number },
    ),
  noopRound: (a) => {
    if (a.target.kind !== 'http') throw new Error('the no-op floor is an HTTP figure');
    return noopRound(httpOf(a.target.baseUrl), a.o as { concurrency: number; requests: number });
  },
  rush: (a) => {
    const s = a.spec as RushSpec;
    const t = a.target;
    return rush(s, t.kind === 'http' ? httpBook(httpOf(t.baseUrl), s) : sqlBook(poolOf(t.url, t.pool), s));
  },
  boardRound: (a) => {
    if (a.target.kind !== 'http') throw new Error('GET board is an HTTP figure');
    return boardRound(httpOf(a.target.baseUrl), a.o as { hallId: string; requests: number });
  },
  floodStart: async (a) => {
    if (a.target.kind !== 'http') throw new Error('the flood is a Socket.IO client');
    if (flood) throw new Error('a flood is already running');
    flood = startFlood(a.target.baseUrl, a.o as { hallId: string; batch: number });
    await flood.started;
    return true;
  },
  floodStop: async () => {
    const tally = await flood?.stop();
    flood = null;
    return tally ?? null;
  },
  async close() {
    await flood?.stop();
    flood = null;
    for (const c of clients.values()) c.close();
    for (const p of pools.values()) await p.close();
    clients.clear();
    pools.clear();
    return true;
  },
};

process.on('message', (m: { id: number; cmd: string; args: Args }) => {
  const run = commands[m.cmd];
  Promise.resolve()
    .then(() => (run ? run(m.args) : Promise.reject(new Error(`unknown command ${m.cmd}`))))
    .then(
      (result) => process.send!({ id: m.id, ok: true, result }),
      (err: unknown) => process.send!({ id: m.id, ok: false, error: String((err as Error)?.stack ?? err) }),
    );
});
process.send!({ ready: true });
