// The AsyncAPI document at /docs/asyncapi.json: valid AsyncAPI 3 by the reference parser, with
// a message for every hall event type the server knows.
import { Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALL_EVENT_TYPES } from '../../server/src/realtime/protocol.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';

describe('the AsyncAPI document', () => {
  let t: TestApp;
  let document: AsyncAPIDocumentInterface | undefined;
  let diagnostics: Diagnostic[];
  beforeAll(async () => {
    t = await makeTestApp('pglite');
    const res = await t.req('GET', '/docs/asyncapi.json');
    expect(res.statusCode).toBe(200);
    ({ document, diagnostics } = await new Parser().parse(res.body));
  });
  afterAll(async () => t?.close());

  it('parses with @asyncapi/parser without a diagnostic', async () => {
    const problems = diagnostics.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toMatch(/^3\./);
  });

  it('describes every event type, subscribe with its answer, the snapshots and the queue nudge', async () => {
    const messages = document!.allMessages().all();
    const eventTypes = messages
      .filter((m) => m.name() === 'event')
      .map((m) => m.extensions().get('x-event-type')?.value());
    expect(eventTypes.sort()).toEqual([...HALL_EVENT_TYPES].sort());
    const names = new Set(messages.map((m) => m.name()));
    // `watchHelp` and `help`: the help desk's 请工作人员协助 alerts (staff sockets only).
    expect([...names].sort()).toEqual(['event', 'help', 'queue', 'snapshot', 'subscribe', 'watchHelp']);
    const subscribe = document!.operations().get('subscribe')!;
    expect(subscribe.action()).toBe('receive');
    expect(
      subscribe
        .reply()
        ?.messages()
        .all()
        .map((m) => m.id()),
    ).toEqual(['subscribeAck']);
    expect(
      document!
        .operations()
        .get('watchHelp')
        ?.reply()
        ?.messages()
        .all()
        .map((m) => m.id()),
    ).toEqual(['watchHelpAck']);
  });
});
