import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GREEN_CATEGORIES,
  DEFAULT_WEIGHTS,
  weightsFrom,
  pickNext,
  rankForCounter,
  type QueueCounter,
  type QueueTicket,
} from '../../server/src/domain/policy.ts';

const T0 = Date.parse('2026-11-18T02:00:00Z');
const min = (m: number) => T0 + m * 60_000;

function makeTicket(id: string, over: Partial<QueueTicket> = {}): QueueTicket {
  return {
    id,
    matterId: 'A',
    class: 'normal',
    queueTime: T0,
    dueAt: null,
    reservedCounterId: null,
    transferred: false,
    ...over,
  };
}
const counter = (over: Partial<QueueCounter> = {}): QueueCounter => ({
  id: 'c1',
  matterIds: ['A', 'B'],
  status: 'open',
  ...over,
});

describe('queue policy', () => {
  it('calls in FIFO order within a class', () => {
    const tickets = [
      makeTicket('t2', { queueTime: min(2) }),
      makeTicket('t1', { queueTime: min(1) }),
      makeTicket('t3', { queueTime: min(3) }),
    ];
    expect(rankForCounter(counter(), tickets, DEFAULT_WEIGHTS, min(10)).map((t) => t.id)).toEqual([
      't1',
      't2',
      't3',
    ]);
  });

  it('breaks equal scores by queue time, then by id', () => {
    const tickets = [makeTicket('b'), makeTicket('a')];
    expect(pickNext(counter(), tickets, DEFAULT_WEIGHTS, min(5))?.id).toBe('a');
  });

  it('lets a green ticket pass walk-ins that waited less than the green boost longer', () => {
    const old = makeTicket('old', { queueTime: min(0) });
    const green = makeTicket('green', { class: 'green', queueTime: min(20) });
    // at minute 30: old scores 30, green scores 10 + 30 = 40
    expect(pickNext(counter(), [old, green], DEFAULT_WEIGHTS, min(30))?.id).toBe('green');
    const veryOld = makeTicket('veryOld', { queueTime: min(-40) });
    // veryOld scores 70 > 40
    expect(pickNext(counter(), [veryOld, green], DEFAULT_WEIGHTS, min(30))?.id).toBe('veryOld');
  });

  it('boosts an appointment only once it is due', () => {
    const walkIn = makeTicket('walkIn', { queueTime: min(0) });
    const appt = makeTicket('appt', { class: 'appointment', queueTime: min(5), dueAt: min(25) });
    expect(pickNext(counter(), [walkIn, appt], DEFAULT_WEIGHTS, min(20))?.id).toBe('walkIn');
    expect(pickNext(counter(), [walkIn, appt], DEFAULT_WEIGHTS, min(25))?.id).toBe('appt');
  });

  it('lets ageing beat every boost past maxWait', () => {
    const aged = makeTicket('aged', { queueTime: min(0), matterId: 'B' });
    const green = makeTicket('green', { class: 'green', queueTime: min(80) });
    const appt = makeTicket('appt', { class: 'appointment', queueTime: min(80), dueAt: min(80) });
    const transferred = makeTicket('tr', { transferred: true, queueTime: min(85) });
    // minute 91: aged waited 91 > 90 → first, whatever the others score
    expect(pickNext(counter(), [green, appt, transferred, aged], DEFAULT_WEIGHTS, min(91))?.id).toBe('aged');
  });

  it('protects a ticket from two thirds of maxWait: no boost or preference passes it, oldest first', () => {
    // minute 61: 'aged' (second matter, waited 61) scores 56; a fresh due appointment scores 60,
    // a green 30 + 1, a transferred ticket 45 + 1. Past 60 (2/3 of 90) 'aged' is protected.
    const aged = makeTicket('aged', { queueTime: min(0), matterId: 'B' });
    const appt = makeTicket('appt', { class: 'appointment', queueTime: min(60), dueAt: min(55) });
    const green = makeTicket('green', { class: 'green', queueTime: min(60) });
    const tr = makeTicket('tr', { transferred: true, queueTime: min(60) });
    expect(rankForCounter(counter(), [appt, green, tr, aged], DEFAULT_WEIGHTS, min(61))[0]?.id).toBe('aged');
    // below 60 the score decides as before: waited 59, scores 54 < 60
    const younger = makeTicket('younger', { queueTime: min(2), matterId: 'B' });
    expect(pickNext(counter(), [appt, younger], DEFAULT_WEIGHTS, min(61))?.id).toBe('appt');
    // among protected tickets the one that waited longest goes first, whatever its matter's place;
    // one past maxWait (91) before one at 61
    const overdue = makeTicket('overdue', { queueTime: min(-30), matterId: 'B' });
    const primary = makeTicket('primary', { queueTime: min(-5), matterId: 'A' });
    expect(
      rankForCounter(counter(), [aged, primary, overdue, appt], DEFAULT_WEIGHTS, min(61)).map((t) => t.id),
    ).toEqual(['overdue', 'primary', 'aged', 'appt']);
    // the threshold follows the hall's maxWait: with 120, a ticket at 61 is not protected yet
    expect(pickNext(counter(), [appt, aged], { ...DEFAULT_WEIGHTS, maxWaitMinutes: 120 }, min(61))?.id).toBe(
      'appt',
    );
  });

  it('prefers the counter’s primary matter over a later one by the preference weight', () => {
    const primary = makeTicket('A1', { matterId: 'A', queueTime: min(3) });
    const second = makeTicket('B1', { matterId: 'B', queueTime: min(0) });
    // B waited 3 more minutes but costs 5 for being second in the list
    expect(pickNext(counter(), [second, primary], DEFAULT_WEIGHTS, min(10))?.id).toBe('A1');
    const olderSecond = makeTicket('B0', { matterId: 'B', queueTime: min(-3) });
    expect(pickNext(counter(), [olderSecond, primary], DEFAULT_WEIGHTS, min(10))?.id).toBe('B0');
  });

  it('calls a transferred ticket before older walk-ins', () => {
    const walkIn = makeTicket('walkIn', { queueTime: min(0) });
    const transferred = makeTicket('tr', { transferred: true, queueTime: min(30) });
    expect(pickNext(counter(), [walkIn, transferred], DEFAULT_WEIGHTS, min(35))?.id).toBe('tr');
  });

  it('keeps a ticket reserved for a named counter away from the others', () => {
    const reserved = makeTicket('r', { reservedCounterId: 'c2', transferred: true, matterId: 'Z' });
    expect(pickNext(counter(), [reserved], DEFAULT_WEIGHTS, min(5))).toBeNull();
    expect(pickNext(counter({ id: 'c2', matterIds: ['B'] }), [reserved], DEFAULT_WEIGHTS, min(5))?.id).toBe(
      'r',
    );
  });

  it('gives nothing to a paused or closed counter', () => {
    const t = makeTicket('t');
    expect(pickNext(counter({ status: 'paused' }), [t], DEFAULT_WEIGHTS, min(5))).toBeNull();
    expect(pickNext(counter({ status: 'closed' }), [t], DEFAULT_WEIGHTS, min(5))).toBeNull();
  });

  it('ignores matters the counter does not serve', () => {
    expect(pickNext(counter({ matterIds: ['B'] }), [makeTicket('t')], DEFAULT_WEIGHTS, min(5))).toBeNull();
  });

  it('uses the hall’s own weights', () => {
    const old = makeTicket('old', { queueTime: min(0) });
    const green = makeTicket('green', { class: 'green', queueTime: min(20) });
    expect(pickNext(counter(), [old, green], { ...DEFAULT_WEIGHTS, greenBoost: 5 }, min(30))?.id).toBe('old');
  });

  it('calls a 免排队 category before every older or overdue normal ticket, in arrival order', () => {
    const w = weightsFrom({}, DEFAULT_GREEN_CATEGORIES);
    const overdue = makeTicket('overdue', { queueTime: min(-200) });
    const older = makeTicket('older', { queueTime: min(0) });
    const skip1 = makeTicket('skip1', { class: 'green', category: 'disabled', queueTime: min(20) });
    const skip2 = makeTicket('skip2', { class: 'green', category: 'pregnant', queueTime: min(25) });
    const ranked = rankForCounter(counter(), [overdue, older, skip2, skip1], w, min(30)).map((t) => t.id);
    expect(ranked).toEqual(['skip1', 'skip2', 'overdue', 'older']);
  });

  it('gives a boost category its own minutes and a category-less green ticket greenBoost', () => {
    const cats = DEFAULT_GREEN_CATEGORIES.map((c) => (c.code === 'elderly' ? { ...c, boost: 5 } : c));
    const w = weightsFrom({ greenBoost: 50 }, cats);
    const old = makeTicket('old', { queueTime: min(0) });
    const elder = makeTicket('elder', { class: 'green', category: 'elderly', queueTime: min(20) });
    const plain = makeTicket('plain', { class: 'green', queueTime: min(20) });
    expect(pickNext(counter(), [old, elder], w, min(30))?.id).toBe('old');
    expect(pickNext(counter(), [old, plain], w, min(30))?.id).toBe('plain');
    // a category the counter cannot serve is still not eligible
    const other = makeTicket('other', { class: 'green', category: 'disabled', matterId: 'Z' });
    expect(pickNext(counter(), [other], w, min(30))).toBeNull();
  });
});
