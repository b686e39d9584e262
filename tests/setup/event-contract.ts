// Runs in every test file (vitest setupFiles): every hall event the server appends while the
// file runs is checked against the AsyncAPI document at the end of the file, so the whole suite
// holds the server to its published realtime contract. Nothing is loaded unless an event was.
import { afterAll, expect } from 'vitest';
import { observeAppendedEvents, type HallEvent } from '../../server/src/realtime/hall-events.ts';

const appended: HallEvent[] = [];
observeAppendedEvents((event) => appended.push(event));

afterAll(async () => {
  if (!appended.length) return;
  const { realtimeContract } = await import('../helpers/contract.ts');
  const contract = realtimeContract();
  const problems = new Set<string>();
  for (const event of appended.splice(0)) {
    for (const p of contract.check('event', event)) problems.add(p);
  }
  expect([...problems].slice(0, 20), 'hall events that do not match /docs/asyncapi.json').toEqual([]);
});
