// Benchmark 2, booking rush: B concurrent bookers (each a different made-up resident with a
// valid ID number) on one slot of capacity 50 through POST /halls/:hallId/appointments, then on
// a day of slots (8 one-hour slots of 50, every slot over-asked). Bookings/s and rejections/s
// over the rush (first request sent to last answer). Baseline: the conditional
// `UPDATE slot_bookings SET booked = booked + 1 WHERE … AND booked < capacity` in raw SQL, the
// same number of attempts over a pool as large as the app's.
import type { BenchApp, PgEnv } from './env.ts';
import { setupHall, startApp } from './env.ts';
import { idCheckDigit } from '../../server/src/domain/id-number.ts';
import { pgRunner, type SqlRunner } from './sql.ts';
import { latencyOf, medianOfRounds, runWorkers } from './stats.ts';

export interface BookingOptions {
  bookers: number;
  /** Places per slot (both the single slot and each slot of the day). */
  capacity: number;
  /** Slots of the day rush. */
  daySlots: number;
  rounds: number;
}

export interface RushRound extends Record<string, number> {
  bookingsPerSec: number;
  rejectionsPerSec: number;
  successes: number;
  rejections: number;
  capacity: number;
  p99: number;
}

export interface RushResult {
  app: RushRound;
  baseline: RushRound;
  appRounds: RushRound[];
  baselineRounds: RushRound[];
  /** Every app round: successes exactly equal to the places on offer, and no other answer. */
  exact: boolean;
  otherAnswers: number;
}

export type BookingResult =
  | { skipped: true; reason: string }
  | { skipped: false; options: BookingOptions; slot: RushResult; day: RushResult; appPool: number };

/** Whether the running app has the appointments API (issue 4). */
export function hasAppointmentsApi(b: BenchApp): boolean {
  return (
    b.app.hasRoute({ method: 'POST', url: '/api/v1/halls/:hallId/appointments' }) &&
    b.app.hasRoute({ method: 'GET', url: '/api/v1/halls/:hallId/slots' }) &&
    b.app.hasRoute({ method: 'PUT', url: '/api/v1/halls/:hallId/schedule' })
  );
}

let nextPerson = 1;
/** A made-up resident: region 110105, a birth date in the past, a sequence number; GB 11643 check digit. */
export function resident(n = nextPerson++): { name: string; idNumber: string; phone: string } {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return {
    name: '测试',
    idNumber: first17 + idCheckDigit(first17),
    phone: `139${String(n).padStart(8, '0')}`,
  };
}

interface Slot {
  start: string;
  date: string;
  capacity: number;
  available: number;
}

async function rush(
  attempts: number,
  book: (i: number) => Promise<'ok' | 'full' | 'other'>,
  capacity: number,
): Promise<RushRound & { other: number }> {
  let successes = 0;
  let rejections = 0;
  let other = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  await runWorkers(attempts, async (i) => {
    const s = performance.now();
    const r = await book(i);
    lat.push(performance.now() - s);
    if (r === 'ok') successes++;
    else if (r === 'full') rejections++;
    else other++;
  });
  const secs = (performance.now() - t0) / 1000;
  return {
    bookingsPerSec: successes / secs,
    rejectionsPerSec: rejections / secs,
    successes,
    rejections,
    capacity,
    p99: latencyOf(lat).p99,
    other,
  };
}

export async function benchBooking(env: PgEnv, o: BookingOptions): Promise<BookingResult> {
  const url = await env.createDatabase();
  const b = await startApp({ databaseUrl: url });
  const poolSize = b.handle.pool?.options.max ?? 1;
  const runner: SqlRunner = pgRunner(url, poolSize);
  try {
    if (!hasAppointmentsApi(b)) return { skipped: true, reason: 'appointments API not available' };
    const hall = await setupHall(b, { code: 'bk', matters: 3, counters: 1, openCounters: 0 });
    const [slotMatter, dayMatter, rawMatter] = hall.matters;
    const settings = {
      bookable: true,
      perSlot: o.capacity,
      walkInShare: 0,
      horizonDays: 30,
      minNoticeMinutes: 0,
    };
    const res = await b.http.request('PUT', `/api/v1/halls/${hall.hallId}/schedule`, {
      cookie: b.adminCookie,
      body: {
        // Mon–Fri 09:00–17:00 without a lunch break: eight one-hour slots a day.
        hours: Object.fromEntries(
          [1, 2, 3, 4, 5, 6, 7].map((d) => [d, d <= 5 ? { open: '09:00', close: '17:00' } : null]),
        ),
        rules: { maxActiveBookings: 50, oneBookingPerMatterPerDay: true },
        matters: [
          { matterId: slotMatter!.id, slotMinutes: 30, ...settings },
          { matterId: dayMatter!.id, slotMinutes: Math.floor((8 * 60) / o.daySlots), ...settings },
        ],
      },
    });
    if (res.status === 404) return { skipped: true, reason: 'appointments API not available' };
    if (res.status !== 200) throw new Error(`PUT schedule: ${res.status} ${JSON.stringify(res.body)}`);
    const slotsOf = async (matterId: string) =>
      (
        await b.http.expect<Slot[]>(200, 'GET', `/api/v1/halls/${hall.hallId}/slots?matterId=${matterId}`)
      ).filter((s) => s.available === s.capacity && s.capacity === o.capacity);
    // Rounds use later days (never today: slots pass while we run).
    const single = (await slotsOf(slotMatter!.id)).filter((s) => s.date !== slotsDate(0));
    const byDay = new Map<string, Slot[]>();
    for (const s of await slotsOf(dayMatter!.id)) {
      if (s.date === slotsDate(0)) continue;
      byDay.set(s.date, [...(byDay.get(s.date) ?? []), s]);
    }
    const days = [...byDay.values()].filter((d) => d.length >= o.daySlots);
    if (single.length < o.rounds + 1 || days.length < o.rounds + 1) {
      throw new Error(
        `not enough open slots for ${o.rounds} rounds (${single.length} slots, ${days.length} days)`,
      );
    }
    let other = 0;
    const book =
      (matterId: string, pick: (i: number) => string) =>
      async (i: number): Promise<'ok' | 'full' | 'other'> => {
        const r = await b.http.request('POST', `/api/v1/halls/${hall.hallId}/appointments`, {
          body: { matterId, start: pick(i), ...resident() },
        });
        if (r.status === 201) return 'ok';
        if (r.status === 409 && (r.body as { error?: { code?: string } }).error?.code === 'SLOT_FULL')
          return 'full';
        return 'other';
      };
    // Baseline slots: rows of slot_bookings for a matter no one books through the API.
    const rawStarts = Array.from({ length: (o.rounds + 1) * (o.daySlots + 1) }, (_, i) =>
      new Date(Date.UTC(2030, 0, 1, 1) + i * 3600_000).toISOString(),
    );
    for (const start of rawStarts) {
      await runner.one(
        `insert into slot_bookings (hall_id, matter_id, slot_start, booked, capacity) values ($1, $2, $3, 0, $4)`,
        [hall.hallId, rawMatter!.id, start, o.capacity],
      );
    }
    const rawBook =
      (pick: (i: number) => string) =>
      async (i: number): Promise<'ok' | 'full' | 'other'> => {
        const r = await runner.one(
          `update slot_bookings set booked = booked + 1
           where matter_id = $1 and slot_start = $2 and booked < capacity`,
          [rawMatter!.id, pick(i)],
        );
        return r.rowCount === 1 ? 'ok' : 'full';
      };

    const result = async (kind: 'slot' | 'day'): Promise<RushResult> => {
      const appRounds: RushRound[] = [];
      const baselineRounds: RushRound[] = [];
      let exact = true;
      // round 0 is a warm-up
      for (let r = 0; r <= o.rounds; r++) {
        const appPick =
          kind === 'slot'
            ? () => single[r]!.start
            : (i: number) => days[r]!.slice(0, o.daySlots)[i % o.daySlots]!.start;
        const rawBase = r * (o.daySlots + 1);
        const rawPick =
          kind === 'slot'
            ? () => rawStarts[rawBase]!
            : (i: number) => rawStarts[rawBase + 1 + (i % o.daySlots)]!;
        const places = kind === 'slot' ? o.capacity : o.capacity * o.daySlots;
        const a = await rush(
          o.bookers,
          book(kind === 'slot' ? slotMatter!.id : dayMatter!.id, appPick),
          places,
        );
        const z = await rush(o.bookers, rawBook(rawPick), places);
        if (r === 0) continue;
        other += a.other;
        if (a.successes !== Math.min(places, o.bookers) || a.other) exact = false;
        if (z.successes !== Math.min(places, o.bookers)) throw new Error('baseline overbooked');
        appRounds.push(a);
        baselineRounds.push(z);
      }
      return {
        app: medianOfRounds(appRounds),
        baseline: medianOfRounds(baselineRounds),
        appRounds,
        baselineRounds,
        exact,
        otherAnswers: other,
      };
    };
    const slot = await result('slot');
    other = 0;
    const day = await result('day');
    // Nothing in the database past capacity, whatever the answers said.
    const over = await runner.one('select count(*)::int as n from slot_bookings where booked > capacity');
    if (Number(over.rows[0]?.n) > 0) {
      slot.exact = false;
      day.exact = false;
    }
    return { skipped: false, options: o, slot, day, appPool: poolSize };
  } finally {
    await runner.close();
    await b.close();
  }
}

/** Today (offset 0) as the hall's YYYY-MM-DD. */
function slotsDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}
