// `npx tsx bench/policy-seeds.ts [--seeds=0,100,200] [--worst=N] [scenario.json …]`: the policy goals of
// issue 18 (mean wait incl. after a transfer, longest wait, waits over the cap, strict punctuality)
// for hallq against same-skills FCFS, on each scenario's days shifted to other seeds (seed + offset),
// without the estimators: a few seconds per seed, to check that a policy change is not tuned to one
// seed. --worst=N lists hallq's N longest waits with the same ticket's FCFS wait.
import { MINUTE, scenarioDays, simulateDay, type DayLog } from '../server/src/domain/sim/engine.ts';
import { weightsFrom } from '../server/src/domain/policy.ts';
import { GOALS, PUNCTUAL_MINUTES } from './sim/report.ts';
import { loadScenario, meanServiceMinutes, scenarioFiles } from './sim/scenario.ts';

const args = process.argv.slice(2);
const option = (k: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
const offsets = (option('seeds') ?? '0,100,200').split(',').map(Number);
const worst = Number(option('worst') ?? 0);
const files = await scenarioFiles(args);

interface Wait {
  day: number;
  log: DayLog;
  t: DayLog['tickets'][number];
  wait: number;
}

/** First waits as the simulator counts them (a resident who gave up: until then; still waiting: until close). */
function waits(logs: DayLog[]): Wait[] {
  return logs.flatMap((log, day) =>
    log.tickets.map((t) => {
      const end =
        t.firstCalledAt ?? (t.status === 'reneged' ? t.issuedAt + t.patience * MINUTE : log.closeAt);
      return { day, log, t, wait: (end - t.issuedAt) / MINUTE };
    }),
  );
}

/** Minutes waited after transfers (calls or close). */
function transferWaits(logs: DayLog[]): number {
  let sum = 0;
  for (const log of logs)
    for (const e of log.episodes)
      if (e.kind === 'transfer') sum += ((e.calledAt ?? log.closeAt) - e.queueTime) / MINUTE;
  return sum;
}

const clock = (log: DayLog, at: number) => {
  const m = Math.round((at - log.openAt) / MINUTE);
  return `+${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}`;
};

for (const file of files) {
  const base = await loadScenario(file);
  const meanService = meanServiceMinutes(base);
  const cap = weightsFrom(base.weights).maxWaitMinutes;
  for (const offset of offsets) {
    const days = scenarioDays({ ...base, seed: base.seed + offset });
    const hallqLogs = days.map((d) => simulateDay(d));
    const fcfsLogs = days.map((d) => simulateDay(d, { policy: 'fcfs' }));
    const h = waits(hallqLogs);
    const f = waits(fcfsLogs);
    const mean = (w: Wait[], extra: number) => (w.reduce((a, x) => a + x.wait, 0) + extra) / (w.length || 1);
    const hMean = mean(h, transferWaits(hallqLogs));
    const fMean = mean(f, transferWaits(fcfsLogs));
    const hMax = Math.max(0, ...h.map((x) => x.wait));
    const fMax = Math.max(0, ...f.map((x) => x.wait));
    const hOver = h.filter((x) => x.wait > cap).length;
    const fOver = f.filter((x) => x.wait > cap).length;
    const appts = h
      .map((x) => x.t)
      .filter((t) => t.class === 'appointment' && t.slotStart !== null && t.issuedAt <= t.slotStart);
    const onTime = appts.filter(
      (t) => t.firstCalledAt !== null && t.firstCalledAt <= t.slotStart! + PUNCTUAL_MINUTES * MINUTE,
    ).length;
    const punctual = appts.length ? onTime / appts.length : 1;
    const mark = (met: boolean) => (met ? 'met' : 'MISSED');
    console.log(
      [
        `${base.name} seed ${base.seed + offset} (+${offset}):`,
        `mean ${hMean.toFixed(2)} vs ${fMean.toFixed(2)} (${(hMean / (fMean || 1)).toFixed(3)}) ${mark(hMean <= GOALS.fcfsMean * fMean)};`,
        `longest ${hMax.toFixed(1)} vs ${fMax.toFixed(1)} + ${meanService.toFixed(1)} ${mark(hMax <= fMax + meanService)};`,
        `over ${cap} min ${hOver} vs ${fOver} ${mark(hOver <= fOver)};`,
        `punctual ${(100 * punctual).toFixed(1)} % ${mark(punctual >= GOALS.punctuality)}`,
      ].join(' '),
    );
    if (worst > 0) {
      const fcfsWait = new Map(f.map((x) => [`${x.day}|${x.t.id}`, x.wait]));
      for (const x of [...h].sort((a, b) => b.wait - a.wait).slice(0, worst))
        console.log(
          `  day ${x.day} ${x.t.id} ${x.t.class} issued ${clock(x.log, x.t.issuedAt)} waited ${x.wait.toFixed(1)} (FCFS ${fcfsWait.get(`${x.day}|${x.t.id}`)?.toFixed(1)}) ${x.t.status}`,
        );
    }
  }
}
