// A hall-day scenario for the simulator: opening hours, counters, matters with their TRUE service
// time distributions, hourly arrivals, the class mix, appointments, no-shows and transfers.
// Scenario files live in bench/scenarios/*.json and are checked by this schema; the staffing
// advisor builds scenarios from a hall's own history. Pure (no file access).
import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
const probability = z.number().min(0).max(1);

export const matterSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  /** The matter's configured average service minutes: the seed of the estimates. */
  configuredMinutes: z.number().positive(),
  /** The TRUE service time: lognormal with this mean (minutes) and log-space sigma. */
  service: z.object({ meanMinutes: z.number().positive(), sigma: z.number().min(0).max(2) }),
  /** Expected arrivals (walk-in and appointment) per hour; index 0 is the hour starting at `day.open`. */
  arrivalsPerHour: z.array(z.number().min(0)),
  /** Whether the matter can be booked; only bookable matters get appointments. */
  bookable: z.boolean().default(true),
  /** Matters a ticket of this one may be transferred to; default: every other matter. */
  transferTo: z.array(z.string()).optional(),
});

export const counterSchema = z.object({
  id: z.string().min(1),
  /** Ordered: the first is the counter's primary matter. */
  matterIds: z.array(z.string()).min(1),
  /** Whether the counter stays open during the lunch break. */
  openAtLunch: z.boolean().default(false),
});

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int(),
    /** Days to simulate, with seeds seed, seed + 1, …; the report pools them. */
    days: z.number().int().min(1).max(100).default(1),
    /** The service day (only used to place the day on the calendar). */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .default('2025-03-03'),
    day: z.object({
      open: clock,
      /** Counters stop calling at close; tickets still waiting then leave. */
      close: clock,
      /** Last walk-in issuing; default: close. */
      lastIssue: clock.optional(),
      lunch: z.object({ start: clock, end: clock }).optional(),
    }),
    matters: z.array(matterSchema).min(1),
    counters: z.array(counterSchema).min(1),
    /** Share of walk-in tickets that are green-channel (priority). */
    greenShare: probability.default(0),
    appointments: z
      .object({
        /** Share of a bookable matter's arrivals that come with a booking. */
        share: probability,
        slotMinutes: z.number().int().positive(),
        /** Mean check-in time relative to slot start (negative: early). */
        punctualityMeanMinutes: z.number().default(-5),
        /** Standard deviation of the check-in time around that mean. */
        punctualitySdMinutes: z.number().min(0),
      })
      .default({ share: 0, slotMinutes: 30, punctualityMeanMinutes: -5, punctualitySdMinutes: 0 }),
    noShow: z
      .object({
        /** Probability that a called ticket does not come to the counter. */
        probability,
        /** The clerk marks the no-show this many minutes after the call. */
        markAfterMinutes: z.number().min(1).max(2),
        /** Probability that a no-show comes back and is requeued (once at most). */
        requeueProbability: probability,
        /** The requeue happens uniformly between these many minutes after the no-show. */
        requeueDelayMinutes: z.tuple([z.number().min(0), z.number().min(0)]),
      })
      .default({
        probability: 0,
        markAfterMinutes: 1.5,
        requeueProbability: 0,
        requeueDelayMinutes: [5, 30],
      }),
    transfer: z
      .object({
        /** Probability that a served ticket is transferred to another matter (once at most). */
        probability,
      })
      .default({ probability: 0 }),
    /** Residents already at the door at opening, issued one every `everySeconds` from the open. */
    openingQueue: z
      .object({ count: z.number().int().min(0), everySeconds: z.number().min(0).default(15) })
      .default({ count: 0, everySeconds: 15 }),
    /** Minutes from a call until the resident reaches the counter (the counter is busy, service not started). */
    walkUpMinutes: z.tuple([z.number().min(0), z.number().min(0)]).default([0, 0]),
    /** Clerk absences: each counter, each day, with this probability, is paused once for this long at a random time. */
    absences: z
      .object({ probability, minutes: z.tuple([z.number().min(0), z.number().min(0)]) })
      .default({ probability: 0, minutes: [10, 30] }),
    /** Share of bookings whose holder never comes (the slot was taken, nobody checks in). */
    bookedNoShowShare: probability.default(0),
    /** Residents who give up and leave: exponential patience with this mean (minutes); 0 = nobody leaves. */
    patienceMeanMinutes: z.number().min(0).default(0),
    /** Queue policy weights (the hall's settings); missing fields take the defaults. */
    weights: z
      .object({
        greenBoost: z.number(),
        appointmentBoost: z.number(),
        transferBoost: z.number(),
        preferencePenalty: z.number(),
        maxWaitMinutes: z.number(),
        appointmentDueLeadMinutes: z.number(),
      })
      .partial()
      .default({}),
  })
  .superRefine((s, ctx) => {
    const issue = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    const open = minutesOfDay(s.day.open);
    const close = minutesOfDay(s.day.close);
    const lastIssue = minutesOfDay(s.day.lastIssue ?? s.day.close);
    if (close <= open) issue('close must be after open', ['day', 'close']);
    if (lastIssue <= open || lastIssue > close)
      issue('lastIssue must be within the day', ['day', 'lastIssue']);
    if (s.day.lunch) {
      const ls = minutesOfDay(s.day.lunch.start);
      const le = minutesOfDay(s.day.lunch.end);
      if (!(open < ls && ls < le && le < close)) issue('lunch must lie inside the day', ['day', 'lunch']);
    }
    const hours = Math.ceil((lastIssue - open) / 60);
    const ids = new Set<string>();
    s.matters.forEach((m, i) => {
      if (ids.has(m.id)) issue(`duplicate matter ${m.id}`, ['matters', i, 'id']);
      ids.add(m.id);
      if (m.arrivalsPerHour.length > hours)
        issue(`${m.arrivalsPerHour.length} hours of arrivals, but issuing lasts ${hours}`, [
          'matters',
          i,
          'arrivalsPerHour',
        ]);
    });
    s.matters.forEach((m, i) => {
      for (const t of m.transferTo ?? [])
        if (!ids.has(t) || t === m.id) issue(`bad transfer target ${t}`, ['matters', i, 'transferTo']);
    });
    const counterIds = new Set<string>();
    s.counters.forEach((c, i) => {
      if (counterIds.has(c.id)) issue(`duplicate counter ${c.id}`, ['counters', i, 'id']);
      counterIds.add(c.id);
      for (const m of c.matterIds)
        if (!ids.has(m)) issue(`unknown matter ${m}`, ['counters', i, 'matterIds']);
      if (new Set(c.matterIds).size !== c.matterIds.length)
        issue('a matter is listed twice', ['counters', i, 'matterIds']);
    });
    for (const m of s.matters)
      if (!s.counters.some((c) => c.matterIds.includes(m.id)))
        issue(`no counter serves matter ${m.id}`, ['counters']);
    const [lo, hi] = s.noShow.requeueDelayMinutes;
    if (hi < lo) issue('requeueDelayMinutes must be [min, max]', ['noShow', 'requeueDelayMinutes']);
  });

/** A parsed scenario, defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario file may contain (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioMatter = Scenario['matters'][number];
export type ScenarioCounter = Scenario['counters'][number];

/** Minutes since midnight of an HH:MM time. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function parseScenario(data: unknown): Scenario {
  return scenarioSchema.parse(data);
}
