// Finding 2: one anonymous Socket.IO client must not stall the server. A flood of messages on
// one socket is refused (RATE_LIMITED) and then cut off; one address cannot hold hundreds of
// sockets; a normal display on another socket keeps working meanwhile.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { connectRecorder } from '../helpers/sockets.ts';

describe('socket limits', { timeout: 240_000 }, () => {
  let t: TestApp;
  let base: string;
  const opened: Socket[] = [];
  beforeAll(async () => {
    t = await makeTestApp('pglite', { deps: { socketLimits: { socketsPerAddress: 30 } } });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 240_000);
  afterAll(async () => {
    for (const s of opened) s.disconnect();
    await t?.close();
  });

  it('refuses a subscribe flood on one socket, then disconnects it', async () => {
    const flooder = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
    opened.push(flooder);
    await new Promise<void>((resolve, reject) => {
      flooder.on('connect', () => resolve());
      flooder.on('connect_error', reject);
    });
    const disconnected = new Promise<string>((resolve) => flooder.on('disconnect', resolve));
    const answers: Promise<{ ok: boolean; error?: string }>[] = [];
    for (let i = 0; i < 1500; i++) {
      answers.push(
        flooder
          .timeout(60_000)
          .emitWithAck('subscribe', { hallId: t.demo.hallId })
          .catch(() => ({ ok: false, error: 'NO_ANSWER' })),
      );
    }
    expect(await disconnected).toBe('io server disconnect');
    const settled = await Promise.all(answers);
    // The first burst is served (its answers may be lost with the cut-off), the rest refused.
    expect(settled.filter((a) => a.ok).length).toBeLessThan(100);
    expect(settled.some((a) => a.error === 'RATE_LIMITED')).toBe(true);

    // Meanwhile-and-after: an ordinary display on its own socket subscribes at once.
    const display = await connectRecorder(base);
    const ack = await display.subscribe({ hallId: t.demo.hallId });
    expect(ack.ok).toBe(true);
    display.close();
  });

  it('answers one subscribe of a socket at a time: the rest sent meanwhile are refused without work', async () => {
    const s = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
    opened.push(s);
    await new Promise<void>((resolve, reject) => {
      s.on('connect', () => resolve());
      s.on('connect_error', reject);
    });
    // Within the message burst, all sent at once: the first is answered, the others find it busy.
    const answers = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          s.timeout(60_000).emitWithAck('subscribe', { hallId: t.demo.hallId }) as Promise<{
            ok: boolean;
            error?: string;
          }>,
      ),
    );
    expect(answers[0]).toMatchObject({ ok: true });
    expect(answers.filter((a) => a.error === 'RATE_LIMITED').length).toBeGreaterThan(0);
    expect(
      answers.filter((a) => a.ok).length + answers.filter((a) => a.error === 'RATE_LIMITED').length,
    ).toBe(10);
    // Once answered, the socket subscribes again as usual.
    expect((await s.timeout(60_000).emitWithAck('subscribe', { hallId: t.demo.hallId })).ok).toBe(true);
    s.disconnect();
  });

  it('refuses more sockets from one address than the limit', async () => {
    const results: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      const s = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
      opened.push(s);
      results.push(
        await new Promise<boolean>((resolve) => {
          s.on('connect', () => resolve(true));
          s.on('connect_error', () => resolve(false));
        }),
      );
    }
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(30);
    expect(results.filter((r) => !r).length).toBeGreaterThanOrEqual(10);
  });
});
