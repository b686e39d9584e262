// The staffing advisor: next week's counters per hour and matters per counter, simulated from the
// hall's own history beside today's configuration (GET /halls/:hallId/staffing).
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../ui/api.ts';
import { useLang, useT } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { get } from './http.ts';
import { strings } from './strings-staffing.ts';

interface Figures {
  meanWaitMinutes: number;
  p90WaitMinutes: number;
  calledWithinTarget: number;
}
interface Advice {
  basedOn: { from: string; to: string; days: number; tickets: number };
  hours: {
    hour: string;
    arrivalsPerHour: number;
    todayCounters: number;
    proposedCounters: number;
    todayCalledWithinTarget: number;
    proposedCalledWithinTarget: number;
  }[];
  staffing: { today: Figures; proposed: Figures; counterHoursToday: number; counterHoursProposed: number };
  skills: {
    counters: { counterId: string; number: number; name: string; today: string[]; proposed: string[] }[];
    today: Figures;
    proposed: Figures;
    pooled: Figures;
  };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

export function StaffingTab({ hall }: TabProps) {
  const t = useT(strings);
  const lang = useLang();
  const [q, setQ] = useState({
    targetShare: 80,
    targetMinutes: 20,
    maxMattersPerCounter: 3,
    historyDays: 28,
  });
  const [advice, setAdvice] = useState<Advice | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    get<{ id: string; name: string; nameEn: string }[]>(`/halls/${hall.id}/matters`).then(
      (ms) => setNames(new Map(ms.map((m) => [m.id, lang === 'en' ? m.nameEn || m.name : m.name]))),
      setError,
    );
  }, [hall.id, lang]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const qs = `targetShare=${q.targetShare / 100}&targetMinutes=${q.targetMinutes}&maxMattersPerCounter=${q.maxMattersPerCounter}&historyDays=${q.historyDays}`;
      setAdvice(await get<Advice>(`/halls/${hall.id}/staffing?${qs}`));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof typeof q, label: string) => (
    <label>
      {label}
      <input
        type="number"
        value={q[key]}
        onInput={(e) => setQ({ ...q, [key]: Number((e.target as HTMLInputElement).value) })}
      />
    </label>
  );
  const matters = (ids: string[]) => ids.map((id) => names.get(id) ?? id).join('、');
  const row = (label: string, f: Figures) => (
    <tr>
      <td>{label}</td>
      <td>{f.meanWaitMinutes.toFixed(1)}</td>
      <td>{f.p90WaitMinutes.toFixed(1)}</td>
      <td>{pct(f.calledWithinTarget)}</td>
    </tr>
  );

  return (
    <section class="staffing">
      <p>{t('intro')}</p>
      <div class="form-row">
        {field('targetShare', t('targetShare'))}
        {field('targetMinutes', t('targetMinutes'))}
        {field('maxMattersPerCounter', t('maxMatters'))}
        {field('historyDays', t('historyDays'))}
        <button type="button" disabled={busy} onClick={run}>
          {busy ? t('computing') : t('compute')}
        </button>
      </div>
      {error ? <p role="alert">{describeError(error)}</p> : null}
      {advice ? (
        <>
          <p>
            {t('basedOn', {
              from: advice.basedOn.from,
              to: advice.basedOn.to,
              days: advice.basedOn.days,
              tickets: advice.basedOn.tickets,
            })}
          </p>
          <h3>{t('hoursTitle')}</h3>
          <table>
            <thead>
              <tr>
                <th>{t('hour')}</th>
                <th>{t('arrivals')}</th>
                <th>{t('todayCounters')}</th>
                <th>{t('proposedCounters')}</th>
                <th>{t('todayWithin')}</th>
                <th>{t('proposedWithin')}</th>
              </tr>
            </thead>
            <tbody>
              {advice.hours.map((h) => (
                <tr key={h.hour}>
                  <td>{h.hour}</td>
                  <td>{h.arrivalsPerHour.toFixed(1)}</td>
                  <td>{h.todayCounters}</td>
                  <td>{h.proposedCounters}</td>
                  <td>{pct(h.todayCalledWithinTarget)}</td>
                  <td>{pct(h.proposedCalledWithinTarget)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {t('counterHours', {
              today: advice.staffing.counterHoursToday,
              proposed: advice.staffing.counterHoursProposed,
            })}
          </p>
          <h3>{t('skillsTitle')}</h3>
          <table>
            <thead>
              <tr>
                <th>{t('counter')}</th>
                <th>{t('todayMatters')}</th>
                <th>{t('proposedMatters')}</th>
              </tr>
            </thead>
            <tbody>
              {advice.skills.counters.map((c) => (
                <tr key={c.counterId}>
                  <td>
                    {c.number} {c.name}
                  </td>
                  <td>{matters(c.today)}</td>
                  <td>{matters(c.proposed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <thead>
              <tr>
                <th>{t('config')}</th>
                <th>{t('meanWait')}</th>
                <th>{t('p90Wait')}</th>
                <th>{t('within')}</th>
              </tr>
            </thead>
            <tbody>
              {row(t('today'), advice.skills.today)}
              {row(t('proposed'), advice.skills.proposed)}
              {row(t('pooled'), advice.skills.pooled)}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
