// The staffing advisor: from a hall's own ticket_events history, next week's proposal of (a) how
// many counters to open each hour to meet the manager's target and (b) which matters each counter
// should serve (at most N), each simulated next to today's configuration on the same draws by the
// same engine (server/src/domain/sim) that `npm run simulate` runs.
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { assertHallAccess, type Staff } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { CountersService } from '../counters/counters.service.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { HallsService } from '../halls/halls.service.ts';
import type { MattersService } from '../matters/matters.service.ts';
import { parseScenario, type Scenario } from '../domain/sim/scenario.ts';
import {
  compareSkills,
  proposeOpenPerHour,
  simulateConfig,
  type Evaluation,
  type Target,
} from '../domain/sim/staffing.ts';

export interface AdviceQuery {
  targetShare: number;
  targetMinutes: number;
  maxMattersPerCounter: number;
  historyDays: number;
}

/** Working days simulated for next week. */
const WEEK_DAYS = 5;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export class StaffingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly halls: HallsService,
    private readonly matters: MattersService,
    private readonly counters: CountersService,
  ) {}

  /** The hall's history as a simulator scenario: hourly arrivals per matter, service times, class mix. */
  async scenarioFromHistory(
    hallId: string,
    historyDays: number,
  ): Promise<{ scenario: Scenario; days: number; tickets: number; from: string; to: string }> {
    const hall = await this.halls.get(hallId);
    const matters = await this.matters.list(hallId);
    const counters = (await this.counters.list(hallId)).filter((c) => c.active && c.matterIds.length > 0);
    const now = this.clock.now();
    const to = DateTime.fromJSDate(now, { zone: hall.timezone }).startOf('day');
    const from = to.minus({ days: historyDays });
    const issues = await sql<{ at: Date; matter_id: string; class: string }>`
      select e.at, e.matter_id, t.class
      from ticket_events e join tickets t on t.id = e.ticket_id
      where e.hall_id = ${hallId} and e.action = 'issue' and e.at >= ${from.toJSDate()} and e.at < ${to.toJSDate()}
    `.execute(this.db);
    const services = await sql<{ matter_id: string; minutes: number }>`
      select f.matter_id, extract(epoch from (f.at - s.at)) / 60.0 as minutes
      from ticket_events f
      join lateral (
        select max(at) as at from ticket_events s
        where s.ticket_id = f.ticket_id and s.action = 'start' and s.at <= f.at
      ) s on s.at is not null
      where f.hall_id = ${hallId} and f.action = 'finish' and f.at >= ${from.toJSDate()} and f.at < ${to.toJSDate()}
    `.execute(this.db);
    const served = new Set(counters.flatMap((c) => c.matterIds));
    const rows = issues.rows
      .filter((r) => served.has(r.matter_id))
      .map((r) => ({ ...r, local: DateTime.fromJSDate(new Date(r.at), { zone: hall.timezone }) }));
    const days = new Set(rows.map((r) => r.local.toISODate())).size;
    const finished = services.rows.filter((r) => Number(r.minutes) > 0);
    if (days === 0 || finished.length === 0)
      throw new AppError('NOT_ENOUGH_HISTORY', 'No issued and finished tickets in the history window');

    const minuteOf = (d: DateTime) => d.hour * 60 + d.minute;
    const open = Math.floor(Math.min(...rows.map((r) => minuteOf(r.local))) / 60) * 60;
    const lastIssue = Math.max(...rows.map((r) => minuteOf(r.local))) + 1;
    const hours = Math.ceil((lastIssue - open) / 60);
    const close = Math.min(24 * 60 - 1, open + hours * 60 + 30);
    const used = matters.filter((m) => rows.some((r) => r.matter_id === m.id));
    const byClass = (c: string) => rows.filter((r) => r.class === c).length;
    const scenario = parseScenario({
      name: `${hall.name} (history)`,
      seed: 20250101,
      days: WEEK_DAYS,
      day: { open: hhmm(open), close: hhmm(close), lastIssue: hhmm(Math.min(close, open + hours * 60)) },
      matters: used.map((m) => {
        const logs = finished.filter((r) => r.matter_id === m.id).map((r) => Math.log(Number(r.minutes)));
        const mins = finished.filter((r) => r.matter_id === m.id).map((r) => Number(r.minutes));
        const mean = mins.length ? mins.reduce((a, b) => a + b, 0) / mins.length : m.avgServiceMinutes;
        const mu = logs.length ? logs.reduce((a, b) => a + b, 0) / logs.length : 0;
        const sigma =
          logs.length > 1 ? Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / (logs.length - 1)) : 0.5;
        const perHour = Array.from(
          { length: hours },
          (_, h) =>
            rows.filter((r) => r.matter_id === m.id && Math.floor((minuteOf(r.local) - open) / 60) === h)
              .length / days,
        );
        return {
          id: m.id,
          name: m.name,
          configuredMinutes: m.avgServiceMinutes,
          service: { meanMinutes: Math.max(0.1, mean), sigma: Math.min(2, sigma) },
          arrivalsPerHour: perHour,
        };
      }),
      counters: counters
        .map((c) => ({ id: c.id, matterIds: c.matterIds.filter((id) => used.some((m) => m.id === id)) }))
        .filter((c) => c.matterIds.length > 0),
      greenShare: rows.length ? byClass('green') / rows.length : 0,
      appointments: {
        share: rows.length ? byClass('appointment') / rows.length : 0,
        slotMinutes: 30,
        punctualitySdMinutes: 5,
      },
    });
    return {
      scenario,
      days,
      tickets: rows.length,
      from: from.toISODate()!,
      to: to.minus({ days: 1 }).toISODate()!,
    };
  }

  async advise(hallId: string, staff: Staff, q: AdviceQuery) {
    assertHallAccess(staff, hallId, ['admin', 'manager']);
    const { scenario, days, tickets, from, to } = await this.scenarioFromHistory(hallId, q.historyDays);
    const target: Target = { share: q.targetShare, minutes: q.targetMinutes };
    const skills = compareSkills(scenario, q.maxMattersPerCounter, target);
    const plan = proposeOpenPerHour(scenario, skills.proposed, target);
    const hours = plan.openPerHour.length;
    const openMinutes = Number(scenario.day.open.slice(0, 2)) * 60 + Number(scenario.day.open.slice(3));
    const all = scenario.counters.length;
    const todayPlan = simulateConfig(scenario, target, scenario.counters);
    const figures = (e: Evaluation) => ({
      meanWaitMinutes: e.meanWait,
      p90WaitMinutes: e.p90Wait,
      calledWithinTarget: e.withinTarget,
    });
    const counterRows = await this.counters.list(hallId);
    const name = (id: string) => counterRows.find((c) => c.id === id);
    return {
      basedOn: { from, to, days, tickets },
      target: { share: q.targetShare, minutes: q.targetMinutes },
      simulatedDays: WEEK_DAYS,
      hours: plan.openPerHour.map((n, h) => ({
        hour: hhmm(openMinutes + 60 * h),
        arrivalsPerHour: scenario.matters.reduce((sum, m) => sum + (m.arrivalsPerHour[h] ?? 0), 0),
        todayCounters: all,
        proposedCounters: n,
        todayCalledWithinTarget: todayPlan.withinTargetByHour[h] ?? 1,
        proposedCalledWithinTarget: plan.evaluation.withinTargetByHour[h] ?? 1,
      })),
      staffing: {
        today: figures(todayPlan),
        proposed: figures(plan.evaluation),
        counterHoursToday: all * hours,
        counterHoursProposed: plan.openPerHour.reduce((a, b) => a + b, 0),
      },
      skills: {
        maxMattersPerCounter: q.maxMattersPerCounter,
        counters: scenario.counters.map((c, i) => ({
          counterId: c.id,
          number: name(c.id)?.number ?? i + 1,
          name: name(c.id)?.name ?? '',
          today: [...c.matterIds],
          proposed: [...skills.proposed[i]!.matterIds],
        })),
        today: figures(skills.today),
        proposed: figures(skills.withProposed),
        pooled: figures(skills.pooled),
      },
    };
  }
}
