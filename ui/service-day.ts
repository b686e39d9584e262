// The service day (the calendar date in the hall's time zone) of a moment, as the server counts
// it (server/src/domain/numbering.ts): screens left on overnight use it to start the new day.
const formats = new Map<string, Intl.DateTimeFormat>();

/** 2026-11-18 */
export function serviceDayOf(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    const opts = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, ...opts });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', opts); // unknown zone: the device's own
    }
    formats.set(timeZone, f);
  }
  return f.format(ms);
}
