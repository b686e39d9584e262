// Statistics for a date range, by matter, counter, clerk or hour: every figure the API gives in
// one table (the total last), three charts, and the same report as CSV or XLSX.
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../ui/api.ts';
import { serverNow } from '../ui/clock.ts';
import { matterName, useLang, useT, type Strings } from '../ui/i18n.ts';
import type { Matter } from '../ui/types.ts';
import type { TabProps } from './app.tsx';
import { BarChart } from './chart.tsx';
import { get } from './http.ts';
import { strings } from './strings-ops.ts';
import type { GroupBy, Stats, StatsRow } from './types.ts';

const GROUPS: GroupBy[] = ['matter', 'counter', 'clerk', 'hour'];
type Part = 'volume' | 'wait' | 'service' | 'appointments' | 'ratings';
const PARTS: Part[] = ['volume', 'wait', 'service', 'appointments', 'ratings'];
type Col = {
  key: string;
  value: (r: StatsRow) => number | null;
  kind: 'n' | 'min' | 'rate' | 'score';
  part?: Part;
};
const COLS: Col[] = [
  { key: 'c_issued', value: (r) => r.issued, kind: 'n', part: 'volume' },
  { key: 'c_called', value: (r) => r.called, kind: 'n', part: 'volume' },
  { key: 'c_served', value: (r) => r.served, kind: 'n', part: 'volume' },
  { key: 'c_noShows', value: (r) => r.noShows, kind: 'n', part: 'volume' },
  { key: 'c_noShowRate', value: (r) => r.noShowRate, kind: 'rate', part: 'volume' },
  { key: 'c_requeued', value: (r) => r.requeued, kind: 'n', part: 'volume' },
  { key: 'c_transfers', value: (r) => r.transfers, kind: 'n', part: 'volume' },
  { key: 'c_cancelled', value: (r) => r.cancelled, kind: 'n', part: 'volume' },
  { key: 'c_expired', value: (r) => r.expired, kind: 'n', part: 'volume' },
  { key: 'c_waitCount', value: (r) => r.waitCount, kind: 'n', part: 'wait' },
  { key: 'c_waitMean', value: (r) => r.waitMeanMinutes, kind: 'min', part: 'wait' },
  { key: 'c_waitP50', value: (r) => r.waitP50Minutes, kind: 'min', part: 'wait' },
  { key: 'c_waitP90', value: (r) => r.waitP90Minutes, kind: 'min', part: 'wait' },
  { key: 'c_serviceMean', value: (r) => r.serviceMeanMinutes, kind: 'min', part: 'service' },
  { key: 'c_serviceP50', value: (r) => r.serviceP50Minutes, kind: 'min', part: 'service' },
  { key: 'c_serviceP90', value: (r) => r.serviceP90Minutes, kind: 'min', part: 'service' },
  { key: 'c_appointments', value: (r) => r.appointments, kind: 'n', part: 'appointments' },
  { key: 'c_onTime', value: (r) => r.appointmentsOnTime, kind: 'n', part: 'appointments' },
  { key: 'c_punctuality', value: (r) => r.punctualityRate, kind: 'rate', part: 'appointments' },
  { key: 'c_ratings', value: (r) => r.ratings, kind: 'n', part: 'ratings' },
  { key: 'c_participation', value: (r) => r.participationRate, kind: 'rate', part: 'ratings' },
  { key: 'c_satisfaction', value: (r) => r.satisfactionRate, kind: 'rate', part: 'ratings' },
  { key: 'c_meanScore', value: (r) => r.meanScore, kind: 'score', part: 'ratings' },
  ...(['5', '4', '3', '2', '1'] as const).map((s) => ({
    key: `c_level${s}`,
    value: (r: StatsRow) => r.distribution[s],
    kind: 'n' as const,
    part: 'ratings' as const,
  })),
];

/** YYYY-MM-DD in the hall's zone, `daysBack` days before the server's today. */
function dayIn(tz: string, daysBack = 0): string {
  const at = serverNow() - daysBack * 86_400_000;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}

const partStrings: Strings<Part | 'columns'> = {
  zh: {
    columns: '显示的列',
    volume: '数量',
    wait: '等候时间',
    service: '办理时间',
    appointments: '预约',
    ratings: '评价',
  },
  en: {
    columns: 'Columns',
    volume: 'Volumes',
    wait: 'Waits',
    service: 'Service times',
    appointments: 'Bookings',
    ratings: 'Ratings',
  },
};

export function StatsTab({ hall }: TabProps) {
  const t = useT(strings);
  const ts = useT(partStrings);
  const lang = useLang();
  const [from, setFrom] = useState(() => dayIn(hall.timezone, 6));
  const [to, setTo] = useState(() => dayIn(hall.timezone));
  const [groupBy, setGroupBy] = useState<GroupBy>('matter');
  const [report, setReport] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [parts, setParts] = useState<Part[]>(['volume', 'wait', 'ratings']);
  const [matters, setMatters] = useState<Matter[]>([]);
  useEffect(() => {
    get<Matter[]>(`/halls/${hall.id}/matters`).then(setMatters, () => {});
  }, [hall.id]);
  const query = (q: { from: string; to: string; groupBy: GroupBy }) =>
    `from=${q.from}&to=${q.to}&groupBy=${q.groupBy}`;

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await get<Stats>(`/halls/${hall.id}/stats?${query({ from, to, groupBy })}`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void load(), [hall.id, groupBy]);

  const nf = (max: number) =>
    new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: max });
  // Minutes to the minute (a tenth under 10), rates to a tenth of a percent, scores to a tenth.
  const fmt = (v: number | null, kind: Col['kind']) => {
    if (v === null) return '—';
    if (kind === 'rate') return `${nf(1).format(v * 100)}%`;
    if (kind === 'min') return nf(v < 10 ? 1 : 0).format(v);
    if (kind === 'score') return nf(1).format(v);
    return String(v);
  };
  const rows = report?.rows ?? [];
  // A matter's name in the reader's language (the report carries the Chinese one).
  const label = (r: StatsRow) => {
    const m = report?.groupBy === 'matter' ? matters.find((x) => x.id === r.key) : undefined;
    return m ? `${m.prefix} ${matterName(m, lang)}` : r.label;
  };
  const labels = rows.map(label);
  const cols = COLS.filter((c) => c.part && parts.includes(c.part));

  return (
    <div class="stack" data-testid="stats">
      <form
        class="card toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <label class="field">
          <span class="field-label">{t('from')}</span>
          <input type="date" name="from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field-label">{t('to')}</span>
          <input type="date" name="to" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <fieldset class="segmented">
          <legend class="field-label">{t('groupBy')}</legend>
          {GROUPS.map((g) => (
            <label key={g} class={groupBy === g ? 'on' : ''}>
              <input
                type="radio"
                name="groupBy"
                value={g}
                checked={groupBy === g}
                onChange={() => setGroupBy(g)}
              />
              {t(`g_${g}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="stats-load">
          {t('show')}
        </button>
        {report && (
          <span class="downloads">
            <a
              class="btn"
              href={`/api/v1/halls/${hall.id}/stats.csv?${query(report)}`}
              download
              data-testid="download-csv"
            >
              {t('downloadCsv')}
            </a>
            <a
              class="btn"
              href={`/api/v1/halls/${hall.id}/stats.xlsx?${query(report)}`}
              download
              data-testid="download-xlsx"
            >
              {t('downloadXlsx')}
            </a>
          </span>
        )}
      </form>
      {error !== null && (
        <p class="status status-error" role="alert">
          {describeError(error)}
        </p>
      )}
      {report && (
        <>
          <div class="charts">
            <BarChart
              title={t('chartVolume')}
              categories={labels}
              series={[
                ...(report.groupBy === 'matter' || report.groupBy === 'hour'
                  ? [{ name: t('c_issued'), tone: 'a' as const, values: rows.map((r) => r.issued) }]
                  : []),
                { name: t('c_served'), tone: 'b', values: rows.map((r) => r.served) },
                { name: t('c_noShows'), tone: 'e', values: rows.map((r) => r.noShows) },
              ]}
              format={(v) => String(v)}
              testid="chart-volume"
            />
            <BarChart
              title={t('chartWait')}
              categories={labels}
              series={[
                { name: t('c_waitP50'), tone: 'c', values: rows.map((r) => r.waitP50Minutes) },
                { name: t('c_waitP90'), tone: 'd', values: rows.map((r) => r.waitP90Minutes) },
                { name: t('c_serviceP50'), tone: 'b', values: rows.map((r) => r.serviceP50Minutes) },
              ]}
              format={(v) => nf(1).format(v)}
              testid="chart-wait"
            />
            <BarChart
              title={t('chartRatings', { n: report.total.ratings })}
              categories={(['5', '4', '3', '2', '1'] as const).map((s) => t(`level${s}`))}
              series={[
                {
                  name: t('c_ratings'),
                  tone: 'a',
                  values: (['5', '4', '3', '2', '1'] as const).map((s) => report.total.distribution[s]),
                },
              ]}
              format={(v) => String(v)}
              testid="chart-ratings"
            />
          </div>
          <section class="card">
            <h2>{t('statsTable', { from: report.from, to: report.to })}</h2>
            <p class="muted" data-testid="open-time">
              {t('openTime', {
                days: report.opening.days,
                hours: Math.round(report.opening.minutes / 6) / 10,
                rate: report.opening.servedPerOpenHour ?? '—',
              })}
            </p>
            <fieldset class="segmented stats-parts">
              <legend class="field-label">{ts('columns')}</legend>
              {PARTS.map((p) => (
                <label key={p} class={parts.includes(p) ? 'on' : ''}>
                  <input
                    type="checkbox"
                    data-testid={`part-${p}`}
                    checked={parts.includes(p)}
                    onChange={(e) =>
                      setParts(
                        e.currentTarget.checked
                          ? PARTS.filter((x) => x === p || parts.includes(x))
                          : parts.filter((x) => x !== p),
                      )
                    }
                  />
                  {ts(p)}
                </label>
              ))}
            </fieldset>
            <div
              class="scroll-x"
              tabIndex={0}
              role="region"
              aria-label={t('statsTable', { from: report.from, to: report.to })}
            >
              <table class="table stats-table" data-testid="stats-table">
                <thead>
                  <tr>
                    <th>{t(`g_${report.groupBy}`)}</th>
                    {cols.map((c) => (
                      <th key={c.key} class="num">
                        {t(c.key as 'c_issued')}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...rows, report.total].map((r, i) => (
                    <tr key={r.key ?? `total-${i}`} class={r.key === null ? 'row-total' : ''}>
                      <th scope="row">{r.key === null ? t('total') : label(r)}</th>
                      {cols.map((c) => (
                        <td key={c.key} class="num">
                          {fmt(c.value(r), c.kind)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {rows.length === 0 && <p class="muted">{t('noData')}</p>}
            <p class="muted small">{t('statsNote')}</p>
          </section>
        </>
      )}
    </div>
  );
}
