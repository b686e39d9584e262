// Bookings made on this phone, kept in its own storage so a resident who closed the
// confirmation can still reach the manage page. Only what the manage link holds is kept (the
// appointment's id and token, its time and matter): no personal data.

import { holderHref } from '../ui/holder-link.ts';
const KEY = 'hallq.bookings';
const MAX = 10;

export interface SavedBooking {
  id: string;
  token: string;
  hallId: string;
  matterId: string;
  start: string;
  end: string;
}

export function savedBookings(hallId?: string): SavedBooking[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as SavedBooking[];
    if (!Array.isArray(list)) return [];
    return list.filter((b) => b && typeof b.id === 'string' && (!hallId || b.hallId === hallId));
  } catch {
    return [];
  }
}

function store(list: SavedBooking[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
  } catch {
    // private mode or full: the confirmation page still shows the link
  }
}

export function saveBooking(b: SavedBooking): void {
  store([b, ...savedBookings().filter((x) => x.id !== b.id)]);
}

/** After a change (new time) or a cancellation (gone from the list). */
export function updateSavedBooking(id: string, change: Partial<SavedBooking> | null): void {
  const list = savedBookings();
  store(
    change === null
      ? list.filter((b) => b.id !== id)
      : list.map((b) => (b.id === id ? { ...b, ...change } : b)),
  );
}

export const manageHref = (b: Pick<SavedBooking, 'id' | 'token'>) =>
  holderHref('/resident/manage', b.id, b.token);
