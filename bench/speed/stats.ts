// Small statistics helpers for the speed benchmarks: percentiles of latency samples, medians
// of rounds, and the formatting the table uses.

/** The p-th percentile (0–100) of the samples, by nearest rank; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** p50 and p99 of one round's latencies (ms). */
export interface Latency {
  p50: number;
  p99: number;
  n: number;
}

export function latencyOf(samples: readonly number[]): Latency {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length };
}

/** The median over rounds of each field of a numeric record. */
export function medianOfRounds<T extends Record<string, number>>(rounds: readonly T[]): T {
  const first = rounds[0];
  if (!first) throw new Error('no rounds');
  const out: Record<string, number> = {};
  for (const key of Object.keys(first)) out[key] = median(rounds.map((r) => r[key]!));
  return out as T;
}

export const ms = (v: number) =>
  Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ms' : 'n/a';
export const perSec = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)}/s` : 'n/a');
export const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');

export const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec));

/** Runs `n` workers concurrently until each returns; resolves with their results. */
export async function runWorkers<T>(n: number, worker: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => worker(i)));
}

/** A tiny deterministic PRNG (mulberry32) so rounds and baselines see the same shapes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Student's t quantile for a two-sided 95 % interval with `df` degrees of freedom. */
function t975(df: number): number {
  const table = [
    12.71, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  ];
  return df <= 0 ? Infinity : (table[df - 1] ?? 1.96 + 2.5 / df);
}

/**
 * The 95 % interval of the ratio of two paired series of rounds (round i of hallq against round i of
 * its baseline, run alternately): the geometric mean of the per-round ratios ± t · standard error in
 * log space. [NaN, NaN] with fewer than two rounds.
 */
export function ratioInterval(app: readonly number[], base: readonly number[]): [number, number] {
  const logs = app.map((a, i) => Math.log(a / base[i]!)).filter((x) => Number.isFinite(x));
  const n = logs.length;
  if (n < 2) return [Number.NaN, Number.NaN];
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (t975(n - 1) * sd) / Math.sqrt(n);
  return [Math.exp(mean - half), Math.exp(mean + half)];
}
