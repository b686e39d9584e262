import { describe, expect, it } from 'vitest';
import {
  estimateNewTicket,
  estimateQueue,
  serviceMinutesFrom,
  type EstimateCounter,
} from '../../server/src/domain/estimate.ts';
import { DEFAULT_WEIGHTS, type QueueTicket } from '../../server/src/domain/policy.ts';

const T0 = Date.parse('2026-11-18T02:00:00Z');
const ticket = (id: string, matterId: string, minute: number): QueueTicket => ({
  id,
  matterId,
  class: 'normal',
  queueTime: T0 + minute * 60_000,
  dueAt: null,
  reservedCounterId: null,
  transferred: false,
});
const counter = (id: string, matterIds: string[], freeInMinutes = 0): EstimateCounter => ({
  id,
  matterIds,
  status: 'open',
  freeAt: T0 + freeInMinutes * 60_000,
});

describe('estimates', () => {
  it('gives one counter’s queue waits of whole service times', () => {
    const tickets = [ticket('t1', 'A', -3), ticket('t2', 'A', -2), ticket('t3', 'A', -1)];
    const est = estimateQueue({
      now: T0,
      tickets,
      counters: [counter('c1', ['A'])],
      serviceMinutes: new Map([['A', 10]]),
      weights: DEFAULT_WEIGHTS,
    });
    expect([...est.values()].map((e) => [e.ahead, e.waitMinutes])).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
    ]);
  });

  it('shares the work between counters and waits for a busy counter to free up', () => {
    const tickets = [ticket('t1', 'A', -3), ticket('t2', 'A', -2), ticket('t3', 'A', -1)];
    const est = estimateQueue({
      now: T0,
      tickets,
      counters: [counter('c1', ['A'], 4), counter('c2', ['A'])],
      serviceMinutes: new Map([['A', 10]]),
      weights: DEFAULT_WEIGHTS,
    });
    expect(est.get('t1')!.waitMinutes).toBe(0); // c2 free now
    expect(est.get('t2')!.waitMinutes).toBe(4); // c1 frees at 4
    expect(est.get('t3')!.waitMinutes).toBe(10); // c2 again at 10
  });

  it('leaves the wait unknown when no open counter serves the matter', () => {
    const est = estimateQueue({
      now: T0,
      tickets: [ticket('t1', 'B', 0)],
      counters: [counter('c1', ['A'])],
      serviceMinutes: new Map(),
      weights: DEFAULT_WEIGHTS,
    });
    expect(est.get('t1')).toEqual({ ahead: 0, waitMinutes: null, callAt: null });
  });

  it('estimates a new ticket behind those already waiting', () => {
    const tickets = [ticket('t1', 'A', -3), ticket('t2', 'A', -2)];
    const e = estimateNewTicket(
      {
        now: T0,
        tickets,
        counters: [counter('c1', ['A'])],
        serviceMinutes: new Map([['A', 6]]),
        weights: DEFAULT_WEIGHTS,
      },
      'A',
    );
    expect(e).toMatchObject({ ahead: 2, waitMinutes: 12 });
  });

  it('learns service time from recent tickets, leaning on the configured average when few', () => {
    expect(serviceMinutesFrom([], 10)).toBe(10);
    expect(serviceMinutesFrom([20, 20, 20, 20, 20], 10)).toBeCloseTo(15);
    expect(serviceMinutesFrom(Array(95).fill(20), 10)).toBeCloseTo(19.5);
  });
});

describe('expected priority arrivals', () => {
  it('lets the green tickets expected to arrive go ahead, and never reports them', () => {
    const tickets = [ticket('t1', 'A', -2), ticket('t2', 'A', -1)];
    const input = {
      now: T0,
      tickets,
      counters: [counter('c1', ['A'])],
      serviceMinutes: new Map([['A', 10]]),
      weights: DEFAULT_WEIGHTS,
    };
    const plain = estimateQueue(input);
    // One green ticket every 20 minutes, the first at minute 10: then it scores 0 + 30 boost
    // points against t2's 11, so it is called first and t2 waits one more service.
    const expecting = estimateQueue({
      ...input,
      expectedArrivals: [{ matterId: 'A', class: 'green', perMinute: 0.05 }],
    });
    expect(plain.get('t2')?.waitMinutes).toBe(10);
    expect(expecting.get('t2')?.waitMinutes).toBe(20);
    expect(expecting.get('t1')?.waitMinutes).toBe(0);
    expect([...expecting.keys()].sort()).toEqual(['t1', 't2']);
    // Expected arrivals of a matter the ticket's counters do not serve change nothing.
    const other = estimateQueue({
      ...input,
      expectedArrivals: [{ matterId: 'B', class: 'green', perMinute: 1 }],
    });
    expect(other.get('t2')?.waitMinutes).toBe(10);
  });
});
