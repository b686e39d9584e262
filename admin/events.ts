// The console keeps one socket per hall (shared/socket.ts) and hands its events to whichever
// tabs listen; `null` means a fresh snapshot: refetch everything.
import { useEffect, useRef } from 'preact/hooks';
import type { HallEvent } from '../ui/types.ts';

export type Listener = (ev: HallEvent | null) => void;

export class HallEvents {
  private readonly listeners = new Set<Listener>();
  on(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(ev: HallEvent | null): void {
    for (const fn of this.listeners) fn(ev);
  }
}

/** Calls `fn` on each event of the hall while the component is mounted. */
export function useHallEvents(events: HallEvents, fn: Listener): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => events.on((ev) => ref.current(ev)), [events]);
}
