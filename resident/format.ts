// Dates and times on the resident pages, always in the hall's time zone (a phone may be set to
// another zone). Service days are `YYYY-MM-DD` strings, handled as UTC dates so that no device
// zone can shift them.
import { timeOf } from '../ui/clock.ts';
import type { Lang } from '../ui/i18n.ts';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');
const utcDate = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, n: number): string {
  return new Date(utcDate(day) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The service day of an instant in the hall. */
export function dayOf(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.parse(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

/** 11月19日 星期四 / Thu 19 Nov */
export function dayLabel(day: string, lang: Lang): string {
  const opts: Intl.DateTimeFormatOptions =
    lang === 'zh'
      ? { month: 'long', day: 'numeric', weekday: 'long', timeZone: 'UTC' }
      : { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(lang), opts).format(utcDate(day));
}

/** 2026年11月 / November 2026 */
export function monthLabel(month: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    utcDate(`${month}-01`),
  );
}

/** 一 … 日 / Mon … Sun, Monday first. */
export function weekdayNames(lang: Lang): string[] {
  const f = new Intl.DateTimeFormat(locale(lang), {
    weekday: lang === 'zh' ? 'narrow' : 'short',
    timeZone: 'UTC',
  });
  // 2026-11-16 is a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(utcDate(addDays('2026-11-16', i))));
}

/** The days of a month's calendar page, Monday first, null for the padding before day 1. */
export function monthGrid(month: string): (string | null)[] {
  const first = `${month}-01`;
  const pad = (new Date(utcDate(first)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: pad }, () => null);
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) cells.push(d);
  return cells;
}

export const monthOf = (day: string) => day.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** 10:00–10:30 */
export const slotRange = (start: string, end: string, tz: string) =>
  `${timeOf(Date.parse(start), tz, 'zh')}–${timeOf(Date.parse(end), tz, 'zh')}`;

/** 11月19日 星期四 10:00–10:30 */
export const slotWhen = (start: string, end: string, tz: string, lang: Lang) =>
  `${dayLabel(dayOf(start, tz), lang)} ${slotRange(start, end, tz)}`;

/** 11月19日 星期四 09:30 */
export const momentLabel = (iso: string, tz: string, lang: Lang) =>
  `${dayLabel(dayOf(iso, tz), lang)} ${timeOf(Date.parse(iso), tz, lang)}`;

/** 09:30 */
export const hhmm = (iso: string, tz: string) => timeOf(Date.parse(iso), tz, 'zh');

/** 2 小时 / 2 hours; 90 分钟 / 90 min */
export function durationText(minutes: number, lang: Lang): string {
  if (minutes >= 60 && minutes % 60 === 0) {
    const h = minutes / 60;
    return lang === 'zh' ? `${h} 小时` : `${h} hour${h === 1 ? '' : 's'}`;
  }
  return lang === 'zh' ? `${minutes} 分钟` : `${minutes} min`;
}

/** Smooth scrolling, unless the phone asks for less motion. */
export const scrollBehavior = (): ScrollBehavior =>
  matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
