// Estimates as the median of several plays of the policy, each with service times drawn from the
// hall's own recent services (a bootstrap), instead of one play with every service at its mean.
// One play at the means is biased: the first of several busy counters frees up sooner than the
// soonest of their mean ends (the minimum of random times is below the minimum of their means),
// and a service already long past its mean tends to run on. Drawing the running services from
// the recent ones that lasted longer than this one has so far, and answering the median wait
// over the plays, the answer is the typical wait, not the wait of a hall where every service
// takes exactly its mean. Pure and deterministic: the plays are seeded from the moment asked.
import { mulberry32, type Rng } from './sim/rng.ts';
import { estimateQueue, type EstimateCounter, type EstimateInput, type TicketEstimate } from './estimate.ts';
import type { QueueTicket } from './policy.ts';

const MINUTE = 60_000;

/** Plays per estimate; odd, so the median is one play's answer. */
export const ESTIMATE_PLAYS = 15;
/**
 * A play stops after this many calls per open counter: the drawn services matter for the tickets
 * near the front (the soonest of several busy counters); further back a wait is a sum of many
 * services, whose median the play at the means already gives. Those tickets keep its answer.
 */
const CALLS_PER_COUNTER = 3;
/** Below this many recent services of a matter, its services stay at the (shrunk) mean. */
const MIN_SAMPLES = 5;
/** Weight of the configured average against the recent services, in services (as serviceMinutesFrom). */
const PRIOR = 5;

/** A counter busy with a ticket: when it began and which matter it serves. */
export interface RunningService {
  counterId: string;
  matterId: string;
  began: number;
}

function draw(samples: readonly number[] | undefined, rng: Rng, mean: number): number {
  if (!samples || samples.length < MIN_SAMPLES) return mean;
  // With the configured average's weight, as the mean itself is shrunk towards it.
  if (rng() * (samples.length + PRIOR) < PRIOR) return mean;
  return samples[Math.floor(rng() * samples.length)]!;
}

/** A running service's total minutes, drawn from the recent ones longer than it has run. */
function drawRunning(samples: readonly number[] | undefined, elapsed: number, rng: Rng): number | null {
  if (!samples || samples.length < MIN_SAMPLES) return null;
  const longer = samples.filter((s) => s > elapsed);
  if (longer.length === 0) return null;
  if (rng() * (longer.length + PRIOR) < PRIOR) return null;
  return longer[Math.floor(rng() * longer.length)]!;
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/**
 * The estimates of `input` (one play at the means, its counters' freeAt as given) refined by
 * ESTIMATE_PLAYS plays with services drawn from `recent`: positions come from the play at the
 * means, waits are the median over the plays. Without enough recent services the play at the
 * means is the answer.
 */
export function playedEstimates(
  input: EstimateInput<QueueTicket>,
  running: readonly RunningService[],
  recent: ReadonlyMap<string, readonly number[]>,
  /** Only this ticket's estimate is wanted (an issue's answer): each play stops once it is called. */
  only?: string,
): Map<string, TicketEstimate> {
  const atMeans = estimateQueue({ ...input, until: only });
  if (only !== undefined) for (const id of atMeans.keys()) if (id !== only) atMeans.delete(id);
  const enough = [...recent.values()].some((s) => s.length >= MIN_SAMPLES);
  if (!enough || input.tickets.length === 0) return atMeans;
  // Each play has its own stream, seeded from the moment asked and the play's number, so a play
  // stopped early (`only`) leaves the others' draws as they are: one ticket's answer is the same
  // whether it is asked alone or with every other.
  const seed = Math.floor(input.now / 1000) ^ input.tickets.length;
  const fallback = input.defaultServiceMinutes ?? 10;
  const waits = new Map<string, number[]>();
  for (const id of atMeans.keys()) waits.set(id, []);
  const runningOf = new Map(running.map((r) => [r.counterId, r]));
  for (let p = 0; p < ESTIMATE_PLAYS; p++) {
    const rng = mulberry32((seed + Math.imul(p, 0x9e3779b9)) | 0);
    const counters: EstimateCounter[] = input.counters.map((c) => {
      const r = runningOf.get(c.id);
      if (!r || c.status !== 'open') return c;
      const total = drawRunning(recent.get(r.matterId), (input.now - r.began) / MINUTE, rng);
      return total === null ? c : { ...c, freeAt: Math.max(input.now, r.began + total * MINUTE) };
    });
    const play = estimateQueue({
      ...input,
      counters,
      maxCalls: CALLS_PER_COUNTER * Math.max(1, input.counters.length),
      until: only,
      serviceOf: (t) => draw(recent.get(t.matterId), rng, input.serviceMinutes.get(t.matterId) ?? fallback),
    });
    for (const [id, w] of waits) w.push(play.get(id)?.waitMinutes ?? Infinity);
  }
  const out = new Map<string, TicketEstimate>();
  for (const [id, e] of atMeans) {
    const m = median(waits.get(id) ?? []);
    out.set(
      id,
      Number.isFinite(m) && e.waitMinutes !== null
        ? { ...e, waitMinutes: m, callAt: input.now + m * MINUTE }
        : e,
    );
  }
  return out;
}
