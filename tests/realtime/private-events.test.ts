// Lobby sockets (wall displays, kiosks, anyone) must not receive `rating.created`: only the hall's
// staff and its paired rating pads do, live and in a replay after lastSeq; the others get a
// `skip` for that seq so their seq has no gaps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { makeTicket } from '../helpers/queue.ts';
import { pairPad, rate, servedTicket, type Clerk } from '../helpers/ratings.ts';
import { connectRecorder, type Recorder } from '../helpers/sockets.ts';

describe('private hall events', { timeout: 240_000 }, () => {
  let t: TestApp;
  let base: string;
  let clerk: Clerk;
  const opened: Recorder[] = [];
  const connect = async (headers?: Record<string, string>) => {
    const r = await connectRecorder(base, headers ? { headers } : {});
    opened.push(r);
    return r;
  };
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const counterId = t.demo.counters[1]!;
    clerk = { cookie: await t.login('clerk1'), counterId };
    await t.req('POST', `/api/v1/counters/${counterId}/open`, { cookie: clerk.cookie });
  }, 240_000);
  afterAll(async () => {
    for (const r of opened) r.close();
    await t?.close();
  });

  it('sends rating.created to the pad and staff, never to a lobby socket (live or replayed)', async () => {
    const hallId = t.demo.hallId;
    const padToken = await pairPad(t, clerk.counterId);
    const ticket = await servedTicket(t, clerk);

    const lobby = await connect();
    const pad = await connect();
    const staff = await connect({ cookie: await t.login('manager') });
    const forged = await connect();
    const start = await lobby.subscribe({ hallId });
    expect(start.ok).toBe(true);
    expect((await pad.subscribe({ hallId, padToken })).ok).toBe(true);
    expect((await staff.subscribe({ hallId })).ok).toBe(true);
    expect((await forged.subscribe({ hallId, padToken: 'not-a-pad-token' })).ok).toBe(true);

    expect((await rate(t, ticket, { score: 5 })).statusCode).toBe(201);
    const rated = await pad.waitFor((e) => e.type === 'rating.created');
    expect(rated.data.ticketId).toBe(ticket.id);
    await staff.waitFor((e) => e.type === 'rating.created');
    // An event after the rating reaches the lobby: by then the rating has passed it by.
    const next = await makeTicket(t, 'A');
    for (const r of [lobby, forged]) {
      await r.waitFor((e) => e.type === 'ticket.issued' && e.data.ticketId === next.id);
      expect(r.events.map((e) => e.type)).not.toContain('rating.created');
      expect(r.skips).toContain(rated.seq);
    }

    // A reconnecting lobby socket's replay leaves it out too; a reconnecting pad's has it.
    const replayLobby = await connect();
    const replayPad = await connect();
    expect((await replayLobby.subscribe({ hallId, lastSeq: start.seq })).ok).toBe(true);
    expect((await replayPad.subscribe({ hallId, lastSeq: start.seq, padToken })).ok).toBe(true);
    await replayLobby.waitFor((e) => e.type === 'ticket.issued' && e.data.ticketId === next.id);
    expect(replayLobby.events.map((e) => e.type)).not.toContain('rating.created');
    expect(replayLobby.skips).toEqual([rated.seq]);
    expect(replayLobby.snapshots).toEqual([]);
    await replayPad.waitFor((e) => e.type === 'rating.created');
  });
});
