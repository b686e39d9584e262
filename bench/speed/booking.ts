// Benchmark 2, booking rush: B concurrent bookers (each a different made-up resident with a
// valid ID number) on one slot of capacity 50 through POST /halls/:hallId/appointments, then on
// a day of slots (8 one-hour slots of 50, every slot over-asked). Bookings/s and rejections/s
// over the rush (first request sent to last answer). Baseline: the same statements as the
// server's booking in one hand-written transaction (sql.ts rawBook), the same number of
// attempts over a pool as large as the app's. Both driven from the load process (loadgen.ts).
import type { BenchApp, PgEnv } from './env.ts';
import { setupHall, startApp } from './env.ts';
import { resident, type RushRound, type RushSpec } from './drivers.ts';
import { LoadProcess } from './loadgen.ts';
import { countStatements, type Statements } from './probe.ts';
import { pgRunner, rawBook } from './sql.ts';
import { medianOfRounds } from './stats.ts';

export { resident } from './drivers.ts';
export type { RushRound } from './drivers.ts';

export interface BookingOptions {
  bookers: number;
  /** Places per slot (both the single slot and each slot of the day). */
  capacity: number;
  /** Slots of the day rush. */
  daySlots: number;
  rounds: number;
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
  | {
      skipped: false;
      options: BookingOptions;
      slot: RushResult;
      day: RushResult;
      appPool: number;
      /** Statements of one booking and of the baseline's (the probe). */
      statements: Statements | null;
    };

/** Whether the running app has the appointments API (issue 4). */
export function hasAppointmentsApi(b: BenchApp): boolean {
  return (
    b.app.hasRoute({ method: 'POST', url: '/api/v1/halls/:hallId/appointments' }) &&
    b.app.hasRoute({ method: 'GET', url: '/api/v1/halls/:hallId/slots' }) &&
    b.app.hasRoute({ method: 'PUT', url: '/api/v1/halls/:hallId/schedule' })
  );
}

interface Slot {
  start: string;
  end: string;
  date: string;
  capacity: number;
  available: number;
}

export async function benchBooking(env: PgEnv, o: BookingOptions): Promise<BookingResult> {
  const url = await env.createDatabase();
  const b = await startApp({ databaseUrl: url });
  const poolSize = b.handle.pool?.options.max ?? 1;
  const load = await LoadProcess.start();
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
    const daySlotMinutes = Math.floor((8 * 60) / o.daySlots);
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
          { matterId: dayMatter!.id, slotMinutes: daySlotMinutes, ...settings },
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
    // Baseline slots: the same shape for a matter no one books through the API (rows appear on
    // the first booking, as the server's do).
    const rawSlots = (r: number, n: number, minutes: number) =>
      Array.from({ length: n }, (_, i) => {
        const start = Date.UTC(2030, 0, 1 + r, 1) + i * minutes * 60_000;
        return {
          start: new Date(start).toISOString(),
          end: new Date(start + minutes * 60_000).toISOString(),
        };
      });
    const app = { kind: 'http', baseUrl: b.baseUrl } as const;
    const raw = { kind: 'pg', url, pool: poolSize } as const;
    let person = 1;

    const result = async (kind: 'slot' | 'day'): Promise<RushResult> => {
      const appRounds: RushRound[] = [];
      const baselineRounds: RushRound[] = [];
      let exact = true;
      let other = 0;
      // round 0 is a warm-up; the order alternates round by round
      for (let r = 0; r <= o.rounds; r++) {
        const appSpec: RushSpec = {
          hallId: hall.hallId,
          matterId: kind === 'slot' ? slotMatter!.id : dayMatter!.id,
          starts: kind === 'slot' ? [single[r]!] : days[r]!.slice(0, o.daySlots),
          capacity: o.capacity,
          attempts: o.bookers,
          person,
        };
        person += o.bookers;
        const rawSpec: RushSpec = {
          ...appSpec,
          matterId: rawMatter!.id,
          starts: kind === 'slot' ? rawSlots(2 * r, 1, 30) : rawSlots(2 * r + 1, o.daySlots, daySlotMinutes),
        };
        const places = o.capacity * appSpec.starts.length;
        const go = (target: typeof app | typeof raw, spec: RushSpec) =>
          load.run<RushRound>('rush', { target, spec });
        const [a, z] =
          r % 2 === 0
            ? [await go(app, appSpec), await go(raw, rawSpec)]
            : await go(raw, rawSpec).then(async (zz) => [await go(app, appSpec), zz] as const);
        if (r === 0) continue;
        other += a.other;
        if (a.successes !== Math.min(places, o.bookers) || a.other) exact = false;
        if (z.successes !== Math.min(places, o.bookers)) throw new Error('baseline miscounted places');
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
    const day = await result('day');
    // Nothing in the database past capacity, whatever the answers said.
    const over = await b.handle.db
      .selectFrom('slot_bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .whereRef('booked', '>', 'capacity')
      .executeTakeFirstOrThrow();
    if (Number(over.n) > 0) {
      slot.exact = false;
      day.exact = false;
    }
    // One booking on a free slot at a quiet moment, and one through the baseline's SQL, counted.
    let statements: Statements | null = null;
    const free = (await slotsOf(slotMatter!.id)).find((x) => x.date !== slotsDate(0));
    if (free) {
      const local = pgRunner(url, 1);
      await local.one('select 1'); // the connection, outside the count
      const [extra] = rawSlots(2 * o.rounds + 5, 1, 30);
      statements = {
        app: await countStatements(() =>
          b.http.expect(201, 'POST', `/api/v1/halls/${hall.hallId}/appointments`, {
            body: { matterId: slotMatter!.id, start: free.start, ...resident(person++) },
          }),
        ),
        baseline: await countStatements(() =>
          rawBook(local, {
            hallId: hall.hallId,
            matterId: rawMatter!.id,
            ...extra!,
            capacity: o.capacity,
            idHash: 'probe'.padEnd(64, '0'),
            idMasked: '110105********0000',
            phoneEnc: 'probe',
          }),
        ),
      };
      await local.close();
    }
    return { skipped: false, options: o, slot, day, appPool: poolSize, statements };
  } finally {
    await load.close();
    await b.close();
  }
}

/** Today (offset 0) as the hall's YYYY-MM-DD. */
function slotsDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}
