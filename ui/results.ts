// The month's published 好差评 results (GET /halls/:hallId/results; 国办发〔2019〕51号 (九)), as the
// public results page (resident/results/) and the wall display's panel read them: counts and
// shares only, nothing about a rater.
import { get } from './api.ts';

// The server's own answer types (a type-only import: nothing of the server reaches the bundle).
import type { MonthResults } from '../server/src/ratings/results.service.ts';
export type { MonthResults, ResultsGroup } from '../server/src/ratings/results.service.ts';

export const loadResults = (hallId: string, month?: string) =>
  get<MonthResults>(`/halls/${encodeURIComponent(hallId)}/results${month ? `?month=${month}` : ''}`);

/** A share as a percentage with one decimal ("98.5%"); "—" when there is nothing to divide. */
export const percent = (share: number | null): string =>
  share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

/** The month before (-1) or after (+1) a "YYYY-MM" month. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
