import { useEffect, useRef, useState } from 'preact/hooks';
import { onServerTimeChange, serverNow } from './clock.ts';

/** The server's time, refreshed every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const id = setInterval(() => setNow(serverNow()), everyMs);
    const off = onServerTimeChange(() => setNow(serverNow()));
    return () => {
      clearInterval(id);
      off();
    };
  }, [everyMs]);
  return now;
}

/** True when `online` has been false for `graceMs` (no flicker on a short blip). */
export function useOffline(online: boolean, graceMs = 1000): boolean {
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if (online) {
      setOffline(false);
      return;
    }
    const id = setTimeout(() => setOffline(true), graceMs);
    return () => clearTimeout(id);
  }, [online, graceMs]);
  return offline;
}

/** Calls `fn` at most once per `ms`, after the last call (for refetching on bursts of events). */
export function useDebounced(fn: () => void, ms: number): () => void {
  const ref = useRef(fn);
  ref.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useRef(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => ref.current(), ms);
  }).current;
}

/** The browser's own idea of being online (`navigator.onLine`), kept current. */
export function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}
