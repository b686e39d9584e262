import { get } from './api.ts';
import type { Hall } from './types.ts';

/**
 * The hall a screen belongs to: `?hall=<id>` (or its code), else the first hall. A kiosk or a
 * display is set up once with its address, so a wrong one is an error, not a guess.
 */
export async function resolveHall(
  param = new URLSearchParams(location.search).get('hall'),
): Promise<Hall | null> {
  const halls = await get<Hall[]>('/halls');
  if (!param) return halls[0] ?? null;
  return halls.find((h) => h.id === param || h.code === param) ?? null;
}
