// The screens show the server's time in the hall's time zone, not the device's: a kiosk or a
// wall panel with a wrong clock or zone must not show a wrong time or a wrong timer. The offset
// comes from server timestamps seen as they arrive (event and board `at`); the largest recent
// one is the one with the least delay.
import type { Lang } from './i18n.ts';

const WINDOW_MS = 10 * 60_000;
let offset = 0;
let bestAt = -Infinity;
let best = -Infinity;
const listeners = new Set<() => void>();

/** Called when the offset moves by a second or more (clocks on screen re-render at once). */
export function onServerTimeChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A server timestamp that was "now" on the server when it was sent. */
export function observeServerTime(iso: string | null | undefined): void {
  if (!iso) return;
  const seen = Date.parse(iso);
  if (Number.isNaN(seen)) return;
  const o = seen - Date.now();
  if (o > best || Date.now() - bestAt > WINDOW_MS) {
    const moved = Math.abs(o - offset) >= 1000;
    best = o;
    bestAt = Date.now();
    offset = o;
    if (moved) for (const fn of listeners) fn();
  }
}

export const serverNow = (): number => Date.now() + offset;

const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: Lang, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, ...opts });
    } catch {
      f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', opts); // unknown zone
    }
    formats.set(key, f);
  }
  return f;
}

/** 14:05 */
export const timeOf = (ms: number, tz: string, lang: Lang) =>
  format(lang, tz, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/** 14:05:09 */
export const clockOf = (ms: number, tz: string, lang: Lang) =>
  format(lang, tz, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);

/** 2026年11月18日 星期三 / Wednesday 18 November 2026 */
export const dateOf = (ms: number, tz: string, lang: Lang) =>
  format(lang, tz, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(ms);

/** 2026-11-18 14:05 (for a printed ticket) */
export function dateTimeOf(ms: number, tz: string): string {
  const parts = Object.fromEntries(
    format('en', tz, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** 3:07 or 1:02:07, never negative. */
export function elapsed(fromIso: string, now = serverNow()): string {
  const s = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
