// When a paired device or rating pad was last heard from (issue 20; docs/DEVICES.md
// "Troubleshooting"): "2 分钟前" / "2 min ago" by the server's clock, "从未连接" / "never", and a
// red 离线 / offline mark the server sets when the hall is open and the device has been silent
// for more than 5 minutes. Shared by the devices section and the counters' rating pads, and so is
// the minute by which both read their marks again while shown (useSeenReload).
import { useEffect, useRef } from 'preact/hooks';
import { observeServerTime } from '../ui/clock.ts';
import { useNow } from '../ui/hooks.ts';
import { useT } from '../ui/i18n.ts';
import { get } from './http.ts';
import { strings } from './strings-devices.ts';

/** Sets the console's idea of the server's time (relative times are counted from it). */
export const syncServerTime = (): Promise<void> =>
  get<{ now: string }>('/time').then(
    ({ now }) => observeServerTime(now),
    () => {}, // the device's own clock then; the banner says when the server is away
  );

/** Marks shown are read again this often, so a device going silent, or coming back, shows up. */
export const SEEN_RELOAD_MS = 60_000;

/**
 * Calls `reload` every SEEN_RELOAD_MS while the component is mounted (the latest `reload` given).
 * The timer ends with the component, so leaving the tab stops it: the console stays open all
 * day and switching tabs must not pile timers up.
 */
export function useSeenReload(reload: () => unknown): void {
  const ref = useRef(reload);
  ref.current = reload;
  useEffect(() => {
    const timer = setInterval(() => void ref.current(), SEEN_RELOAD_MS);
    return () => clearInterval(timer);
  }, []);
}

export function LastSeen({ lastSeenAt, offline }: { lastSeenAt: string | null; offline: boolean }) {
  const t = useT(strings);
  const now = useNow(30_000);
  let words: string;
  if (lastSeenAt === null) words = t('seenNever');
  else {
    const minutes = Math.max(0, Math.floor((now - Date.parse(lastSeenAt)) / 60_000));
    if (minutes < 1) words = t('seenJustNow');
    else if (minutes < 60) words = t('seenMinutes', { n: minutes });
    else if (minutes < 24 * 60) words = t('seenHours', { n: Math.floor(minutes / 60) });
    else words = t('seenDays', { n: Math.floor(minutes / (24 * 60)) });
  }
  return (
    <span data-testid="last-seen" title={lastSeenAt ?? undefined}>
      {offline && (
        <span class="pill pill-offline" data-testid="device-offline" title={t('offlineHint')}>
          {t('offline')}
        </span>
      )}{' '}
      {words}
    </span>
  );
}
