// Everyone who comes during a simulated day, drawn from the scenario's seed, and each ticket's own
// draws (service, no-show, walk-up, patience) made up front: the same ticket makes the same draws
// under any policy or counter set, so references run on the same draws.
import { DateTime } from 'luxon';
import type { PolicyWeights, QueueTicket } from '../policy.ts';
import { exponential, mulberry32, normal, subSeed, uniform } from './rng.ts';
import { minutesOfDay, type Scenario } from './scenario.ts';

export const MINUTE = 60_000;
/** Check-in with a booking is possible from 30 min before the slot to 15 min after (DESIGN.md). */
const CHECK_IN_EARLY_MINUTES = 30;
const CHECK_IN_LATE_MINUTES = 15;
const HALL_TIME_ZONE = 'Asia/Shanghai';
/** Calls a ticket may get (first call, after a requeue, after a transfer, one spare). */
const CALL_DRAWS = 4;

/** The draws of one call: uniform for the no-show, standard normal for the service, walk-up minutes. */
export interface CallDraw {
  u: number;
  z: number;
  walk: number;
}

export interface SimTicket extends QueueTicket {
  /** When the ticket was issued (walk-in) or checked in (booking). */
  issuedAt: number;
  originalMatterId: string;
  /** Slot start of the booking it came from (appointment tickets). */
  slotStart: number | null;
  /** Came with a booking but too late to check in, so was issued as a normal ticket. */
  lateBooking: boolean;
  status: 'waiting' | 'called' | 'serving' | 'away' | 'done' | 'no_show' | 'left' | 'reneged';
  firstCalledAt: number | null;
  requeues: number;
  transfers: number;
  calls: number;
  draws: CallDraw[];
  /** Minutes the resident waits before giving up (Infinity: never). */
  patience: number;
  /** Uniforms for the requeue and transfer decisions, in order of use. */
  later: number[];
}

/** The day's epoch-ms landmarks. */
export function dayTimes(s: Scenario): {
  openAt: number;
  lastIssueAt: number;
  closeAt: number;
  lunch: { start: number; end: number } | null;
} {
  const midnight = DateTime.fromISO(`${s.date}T00:00`, { zone: HALL_TIME_ZONE }).toMillis();
  const at = (hhmm: string) => midnight + minutesOfDay(hhmm) * MINUTE;
  return {
    openAt: at(s.day.open),
    lastIssueAt: at(s.day.lastIssue ?? s.day.close),
    closeAt: at(s.day.close),
    lunch: s.day.lunch ? { start: at(s.day.lunch.start), end: at(s.day.lunch.end) } : null,
  };
}

/** Minutes a call occupies the counter, and the service minutes the server would record. */
export function callMinutes(
  s: Scenario,
  t: SimTicket,
  draw: CallDraw,
): { noShow: boolean; occupied: number; service: number } {
  if (draw.u < s.noShow.probability) return { noShow: true, occupied: s.noShow.markAfterMinutes, service: 0 };
  const m = s.matters.find((x) => x.id === t.matterId)!;
  const sigma = m.service.sigma;
  const service = Math.exp(Math.log(m.service.meanMinutes) - (sigma * sigma) / 2 + sigma * draw.z);
  return { noShow: false, occupied: draw.walk + service, service };
}

/**
 * Poisson arrivals per matter, piecewise constant by hour, plus the queue at the door at opening;
 * each one walks in (green with its share) or comes with a booking (checking in around the slot
 * start, too late, or never).
 */
export function generateArrivals(
  s: Scenario,
  weights: PolicyWeights,
): { tickets: SimTicket[]; turnedAway: number; bookedNoShows: number } {
  const { openAt, lastIssueAt, closeAt } = dayTimes(s);
  const rng = mulberry32(subSeed(s.seed, 0));
  const raw: { at: number; matterId: string }[] = [];
  for (const m of s.matters) {
    m.arrivalsPerHour.forEach((perHour, h) => {
      if (perHour <= 0) return;
      const end = Math.min(openAt + (h + 1) * 60 * MINUTE, lastIssueAt);
      let t = openAt + h * 60 * MINUTE;
      for (;;) {
        t += exponential(rng, perHour / 60) * MINUTE;
        if (t >= end) break;
        raw.push({ at: t, matterId: m.id });
      }
    });
  }
  const door = s.openingQueue;
  if (door.count > 0) {
    const doorRng = mulberry32(subSeed(s.seed, 2_000_000));
    const first = s.matters.map((m) => m.arrivalsPerHour[0] ?? 0);
    const total = first.reduce((a, b) => a + b, 0) || 1;
    for (let k = 0; k < door.count; k++) {
      let x = doorRng() * total;
      let i = 0;
      while (i < first.length - 1 && x >= first[i]!) x -= first[i++]!;
      raw.push({ at: openAt + k * door.everySeconds * 1000, matterId: s.matters[i]!.id });
    }
  }
  raw.sort((a, b) => a.at - b.at);

  const bookable = new Map(s.matters.map((m) => [m.id, m.bookable]));
  const appt = s.appointments;
  const slot = appt.slotMinutes * MINUTE;
  const tickets: SimTicket[] = [];
  let turnedAway = 0;
  let bookedNoShows = 0;
  for (const { at, matterId } of raw) {
    let cls: SimTicket['class'] = 'normal';
    let issuedAt = at;
    let slotStart: number | null = null;
    let lateBooking = false;
    if (bookable.get(matterId) && rng() < appt.share) {
      if (s.bookedNoShowShare > 0 && rng() < s.bookedNoShowShare) {
        bookedNoShows++;
        continue;
      }
      // The booked slot is the one the arrival time falls in; the resident turns up around it.
      const start = openAt + Math.floor((at - openAt) / slot) * slot;
      const arrives =
        start + (appt.punctualityMeanMinutes + appt.punctualitySdMinutes * normal(rng)) * MINUTE;
      if (arrives > start + CHECK_IN_LATE_MINUTES * MINUTE) {
        lateBooking = true; // too late for check-in: offered a normal ticket
        issuedAt = arrives;
        if (issuedAt >= lastIssueAt) {
          turnedAway++;
          continue;
        }
      } else {
        cls = 'appointment';
        slotStart = start;
        issuedAt = Math.max(arrives, start - CHECK_IN_EARLY_MINUTES * MINUTE, openAt);
        if (issuedAt >= closeAt) {
          turnedAway++;
          continue;
        }
      }
    } else if (rng() < s.greenShare) {
      cls = 'green';
    }
    tickets.push({
      id: '',
      matterId,
      class: cls,
      queueTime: issuedAt,
      dueAt: slotStart === null ? null : slotStart - weights.appointmentDueLeadMinutes * MINUTE,
      reservedCounterId: null,
      transferred: false,
      issuedAt,
      originalMatterId: matterId,
      slotStart,
      lateBooking,
      status: 'waiting',
      firstCalledAt: null,
      requeues: 0,
      transfers: 0,
      calls: 0,
      draws: [],
      patience: Infinity,
      later: [],
    });
  }
  tickets.sort((a, b) => a.issuedAt - b.issuedAt);
  // Ticket numbers as the kiosk prints them: the matter's prefix and a sequence of the day.
  const seq = new Map<string, number>();
  tickets.forEach((t, i) => {
    const n = (seq.get(t.matterId) ?? 0) + 1;
    seq.set(t.matterId, n);
    t.id = `${t.matterId}${String(n).padStart(3, '0')}`;
    const r = mulberry32(subSeed(s.seed, i + 1));
    const [lo, hi] = s.walkUpMinutes;
    for (let k = 0; k < CALL_DRAWS; k++) t.draws.push({ u: r(), z: normal(r), walk: uniform(r, lo, hi) });
    for (let k = 0; k < 4; k++) t.later.push(r());
    if (s.patienceMeanMinutes > 0 && t.class !== 'appointment')
      t.patience = exponential(r, 1 / s.patienceMeanMinutes);
  });
  return { tickets, turnedAway, bookedNoShows };
}
