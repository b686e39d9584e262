// Estimates that know the lunch break ahead: counters open now whose clerks go to lunch call no one
// between the break's start and end (issue 18).
import { describe, expect, it } from 'vitest';
import { availableAt, estimateQueue, type EstimateCounter } from '../../server/src/domain/estimate.ts';
import { DEFAULT_WEIGHTS, type QueueTicket } from '../../server/src/domain/policy.ts';
import { queueEstimates, type EstimateCounterSource } from '../../server/src/tickets/queue.service.ts';

const MINUTE = 60_000;
const START = Date.parse('2026-11-18T04:00:00Z'); // 12:00 in Shanghai
const END = START + 90 * MINUTE; // 13:30
const NOW = START - 10 * MINUTE; // a ticket issued 10 minutes before the break
const ticket = (id: string, matterId: string, minute: number): QueueTicket => ({
  id,
  matterId,
  class: 'normal',
  queueTime: NOW + minute * MINUTE,
  dueAt: null,
  reservedCounterId: null,
  transferred: false,
});
const queue = [ticket('t1', 'A', -2), ticket('t2', 'A', -1), ticket('new', 'A', 0)];

describe('the lunch break ahead in the estimates', () => {
  it('moves a call that would begin inside the break to its end', () => {
    const w = { start: START, end: END };
    expect(availableAt(START - 1, w)).toBe(START - 1);
    expect(availableAt(START, w)).toBe(END);
    expect(availableAt(END - 1, w)).toBe(END);
    expect(availableAt(END, w)).toBe(END);
    expect(availableAt(START, null)).toBe(START);
  });

  it('keeps a ticket issued 10 minutes before the break waiting past its end behind a queue', () => {
    const goesToLunch: EstimateCounter = {
      id: 'c1',
      matterIds: ['A'],
      status: 'open',
      freeAt: NOW,
      breakWindow: { start: START, end: END },
    };
    const est = estimateQueue({
      now: NOW,
      tickets: queue,
      counters: [goesToLunch],
      serviceMinutes: new Map([['A', 8]]),
      weights: DEFAULT_WEIGHTS,
    });
    // t1 now (its service runs 2 minutes into the break and finishes), t2 at 8 minutes: the
    // counter is free at 16 minutes, inside the break, so `new` is called when it ends.
    expect(est.get('t1')!.waitMinutes).toBe(0);
    expect(est.get('t2')!.waitMinutes).toBe(8);
    expect(est.get('new')!.callAt).toBe(END);
    expect(est.get('new')!.waitMinutes).toBe(100);
    // The same counter without the break would have called it at 16 minutes.
    const without = estimateQueue({
      now: NOW,
      tickets: queue,
      counters: [{ ...goesToLunch, breakWindow: null }],
      serviceMinutes: new Map([['A', 8]]),
      weights: DEFAULT_WEIGHTS,
    });
    expect(without.get('new')!.waitMinutes).toBe(16);
  });

  it('lets a counter that serves through the break take the ticket meanwhile', () => {
    const est = estimateQueue({
      now: NOW,
      tickets: queue,
      counters: [
        { id: 'c1', matterIds: ['A'], status: 'open', freeAt: NOW, breakWindow: { start: START, end: END } },
        { id: 'c2', matterIds: ['A'], status: 'open', freeAt: NOW + 30 * MINUTE },
      ],
      serviceMinutes: new Map([['A', 8]]),
      weights: DEFAULT_WEIGHTS,
    });
    expect(est.get('new')!.waitMinutes).toBe(30);
  });

  // The production computation (server and simulator), with enough recent services for the plays.
  const counters: EstimateCounterSource[] = [
    { id: 'c1', matterIds: ['A'], status: 'open', currentTicket: null },
    { id: 'c2', matterIds: ['A'], status: 'open', currentTicket: null },
  ];
  const production = (now: number, staysOpen: string[], tickets = queue) =>
    queueEstimates({
      now,
      policy: DEFAULT_WEIGHTS,
      matters: [{ id: 'A', avgServiceMinutes: 12 }],
      counters,
      tickets,
      recent: new Map([['A', [10, 12, 14, 11, 13, 12, 12, 10, 14, 12]]]),
      resumeAt: null,
      priorityRecent: null,
      lunchBreak: { start: START, end: END, staysOpen: new Set(staysOpen) },
    }).estimates;

  it('in the production estimates, waits past the break when every counter goes to lunch', () => {
    const est = production(NOW, []);
    expect(est.get('t1')!.waitMinutes).toBe(0);
    expect(est.get('t2')!.waitMinutes).toBe(0);
    expect(est.get('new')!.waitMinutes).toBeGreaterThanOrEqual(100);
  });

  it('in the production estimates, counts on the counters that serve through the break', () => {
    // c1 goes to lunch after t1; c2 serves t2 and then `new`, about one service from now.
    const est = production(NOW, ['c2']);
    const wait = est.get('new')!.waitMinutes!;
    expect(wait).toBeGreaterThanOrEqual(8);
    expect(wait).toBeLessThan(20);
  });

  it('ignores the window once the break has begun (paused counters come back at its end)', () => {
    const during = START + 5 * MINUTE;
    const later = [ticket('t1', 'A', 13), ticket('t2', 'A', 14), ticket('new', 'A', 15)];
    const est = production(during, [], later);
    // Both counters are open during the break (they were seen serving): no wait to the end.
    expect(est.get('new')!.waitMinutes).toBeLessThan(20);
  });
});

describe('transfers in the estimates', () => {
  it('expects tickets transferred into the matter to jump ahead at the recent rate', () => {
    const counters: EstimateCounterSource[] = [
      { id: 'c1', matterIds: ['A'], status: 'open', currentTicket: null },
    ];
    // Two tickets waiting (20-minute services); the second has waited 5 minutes. Two transfers into
    // A an hour: expected at 15 and 45 minutes.
    const tickets = [ticket('t1', 'A', -6), ticket('t2', 'A', -5)];
    const run = (transfers: { matterId: string; n: number }[]) =>
      queueEstimates({
        now: NOW,
        policy: DEFAULT_WEIGHTS,
        matters: [{ id: 'A', avgServiceMinutes: 20 }],
        counters,
        tickets,
        recent: new Map(),
        resumeAt: null,
        priorityRecent: { counts: [], transfers, minutes: 60 },
      }).estimates.get('t2')!.waitMinutes;
    expect(run([])).toBe(20);
    // The one expected at 15 minutes (boosted by 45) is called before t2 when t1 is done at 20.
    expect(run([{ matterId: 'A', n: 2 }])).toBe(40);
    // Transfers into another matter do not.
    expect(run([{ matterId: 'B', n: 2 }])).toBe(20);
  });
});
