// What a device page knows about its own health, kept in one place so the status corner needs
// no wiring: the socket wrappers (socket.ts) report connection changes and the server time of
// each snapshot and event they hand on.
import { useEffect, useState } from 'preact/hooks';

export interface DeviceStatus {
  /** Subscribed to the server right now. */
  online: boolean;
  /** Server time (ISO) of the last snapshot or event received; null before the first. */
  lastEventAt: string | null;
}

let status: DeviceStatus = { online: false, lastEventAt: null };
const listeners = new Set<(s: DeviceStatus) => void>();

function set(next: DeviceStatus): void {
  status = next;
  for (const fn of listeners) fn(status);
}

export function noteOnline(online: boolean): void {
  if (online !== status.online) set({ ...status, online });
}

export function noteEvent(at: string): void {
  set({ ...status, lastEventAt: at });
}

export const deviceStatus = (): DeviceStatus => status;

export function useDeviceStatus(): DeviceStatus {
  const [s, setS] = useState(status);
  useEffect(() => {
    listeners.add(setS);
    setS(status);
    return () => {
      listeners.delete(setS);
    };
  }, []);
  return s;
}

/** The device's name: `?device=` in its start URL (docs/DEVICES.md), else what it is. */
export function deviceName(kind: string): string {
  const named = new URLSearchParams(location.search).get('device')?.trim();
  return named ? named.slice(0, 40) : kind;
}

/**
 * Keeps the screen on while the page is shown (Screen Wake Lock, where the browser allows it:
 * https or localhost). The lock is dropped when the page is hidden, so it is asked for again
 * each time the page comes back. docs/DEVICES.md also switches sleep off in the system.
 */
export function useWakeLock(): void {
  useEffect(() => {
    const nav = navigator as Navigator & {
      wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> };
    };
    if (!nav.wakeLock) return;
    let lock: { release(): Promise<void> } | null = null;
    let stopped = false;
    const request = () => {
      if (document.visibilityState !== 'visible') return;
      nav.wakeLock!.request('screen').then(
        (l) => {
          if (stopped) void l.release();
          else lock = l;
        },
        () => {}, // not allowed here (plain http, battery saver): the system settings apply
      );
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', request);
      void lock?.release().catch(() => {});
    };
  }, []);
}
