// The informed oracle: the best any estimator can do with what is knowable when a ticket is issued.
// It plays the hall forward many times from that moment, with the TRUE service-time distributions
// (a busy counter's remaining time drawn given how long it has been busy), the TRUE arrival rates
// and class mix for the residents still to come, residents ahead who may give up, the lunch break,
// and the real policy; it answers the median of the waits those futures give the ticket.
import { pickNext, type QueueTicket } from '../../server/src/domain/policy.ts';
import { MINUTE, dayTimes, type IssueView } from '../../server/src/domain/sim/engine.ts';
import { exponential, lognormal, uniform, type Rng } from '../../server/src/domain/sim/rng.ts';

interface FTicket extends QueueTicket {
  giveUpAt: number;
}

/** Minutes a call occupies a counter, drawn from the scenario's true distributions. */
function drawOccupied(view: IssueView, matterId: string, rng: Rng): number {
  const s = view.scenario;
  if (rng() < s.noShow.probability) return s.noShow.markAfterMinutes;
  const m = s.matters.find((x) => x.id === matterId)!;
  return (
    uniform(rng, s.walkUpMinutes[0], s.walkUpMinutes[1]) +
    lognormal(rng, m.service.meanMinutes, m.service.sigma)
  );
}

/** One future: the ticket's wait in minutes, or null when it is not called before close. */
function future(view: IssueView, rng: Rng): number | null {
  const s = view.scenario;
  const { now, lunch, weights } = view;
  const { openAt, lastIssueAt, closeAt } = dayTimes(s);
  const patience = s.patienceMeanMinutes;
  const counters = view.counters
    .filter((c) => c.status !== 'closed')
    .map((c) => {
      let freeAt = now;
      if (c.busy) {
        const elapsed = (now - c.busy.calledAt) / MINUTE;
        let total = drawOccupied(view, c.busy.matterId, rng);
        for (let k = 0; k < 50 && total <= elapsed; k++) total = drawOccupied(view, c.busy.matterId, rng);
        freeAt = c.busy.calledAt + Math.max(total, elapsed + 0.1) * MINUTE;
      }
      if (c.absent)
        freeAt = Math.max(
          freeAt,
          now + (uniform(rng, s.absences.minutes[0], s.absences.minutes[1]) * MINUTE) / 2,
        );
      return {
        counter: { id: c.id, matterIds: c.matterIds, status: 'open' as const },
        openAtLunch: c.openAtLunch,
        freeAt,
      };
    });
  const target = view.ticket;
  const waiting: FTicket[] = [...view.waiting, target].map((t) => ({
    ...t,
    giveUpAt:
      t === target || !Number.isFinite(t.patience) || patience <= 0
        ? Infinity
        : now + exponential(rng, 1 / patience) * MINUTE,
  }));
  // Arrivals still to come, per matter, by the hour's rate; appointments are due as they check in.
  const next = s.matters.map((m) => ({ m, at: now }));
  const advance = (x: (typeof next)[number]) => {
    for (;;) {
      const h = Math.floor((x.at - openAt) / (60 * MINUTE));
      const rate = x.m.arrivalsPerHour[h] ?? 0;
      if (x.at >= lastIssueAt || h >= x.m.arrivalsPerHour.length) return (x.at = Infinity);
      if (rate <= 0) {
        x.at = openAt + (h + 1) * 60 * MINUTE;
        continue;
      }
      const at = x.at + exponential(rng, rate / 60) * MINUTE;
      if (at < openAt + (h + 1) * 60 * MINUTE) return (x.at = at);
      x.at = openAt + (h + 1) * 60 * MINUTE;
    }
  };
  next.forEach(advance);
  const admit = (until: number) => {
    for (const x of next)
      while (x.at <= until) {
        const booked = x.m.bookable && rng() < s.appointments.share;
        const cls = booked ? 'appointment' : rng() < s.greenShare ? 'green' : 'normal';
        waiting.push({
          id: `future-${x.at}`,
          matterId: x.m.id,
          class: cls,
          queueTime: x.at,
          dueAt: booked ? x.at : null,
          reservedCounterId: null,
          transferred: false,
          giveUpAt: patience > 0 && !booked ? x.at + exponential(rng, 1 / patience) * MINUTE : Infinity,
        });
        advance(x);
      }
  };
  while (counters.length > 0) {
    let idx = 0;
    const avail = (c: (typeof counters)[number]) =>
      lunch && !c.openAtLunch && c.freeAt >= lunch.start && c.freeAt < lunch.end ? lunch.end : c.freeAt;
    for (let i = 1; i < counters.length; i++) if (avail(counters[i]!) < avail(counters[idx]!)) idx = i;
    const c = counters[idx]!;
    const at = avail(c);
    if (at >= closeAt) return null;
    admit(at);
    for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.giveUpAt <= at) waiting.splice(i, 1);
    const t = pickNext(c.counter, waiting, weights, at);
    if (!t) {
      const soonest = Math.min(...next.filter((x) => c.counter.matterIds.includes(x.m.id)).map((x) => x.at));
      if (!Number.isFinite(soonest)) counters.splice(idx, 1);
      else c.freeAt = soonest;
      continue;
    }
    if (t.id === target.id) return (at - now) / MINUTE;
    waiting.splice(waiting.indexOf(t), 1);
    c.freeAt = at + drawOccupied(view, t.matterId, rng) * MINUTE;
  }
  return null;
}

/** The median wait over `futures` simulated futures; null when most futures never call it. */
export function informedEstimate(view: IssueView, rng: Rng, futures: number): number | null {
  const waits: number[] = [];
  for (let k = 0; k < futures; k++) {
    const w = future(view, rng);
    waits.push(w ?? Infinity);
  }
  waits.sort((a, b) => a - b);
  const mid = waits[Math.floor((waits.length - 1) / 2)]!;
  return Number.isFinite(mid) ? mid : null;
}
