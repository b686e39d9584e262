// The live floor: per matter how many wait, the longest wait and the estimate; per counter its
// state, clerk, current ticket and how long. Refetched on the hall's events (debounced) and
// every 20 s, since waits grow with time alone. A matter waiting past the hall's threshold
// raises a banner with the counters that could be opened for it.
import { useEffect, useState } from 'preact/hooks';
import { useDebounced } from '../ui/hooks.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import type { Matter } from '../ui/types.ts';
import type { TabProps } from './app.tsx';
import { useHallEvents } from './events.ts';
import { get } from './http.ts';
import { strings } from './strings-ops.ts';
import type { Floor, FloorMatter, Ledger } from './types.ts';

const mins = (n: number | null) => (n === null ? '—' : String(Math.round(n)));

export function FloorTab({ hall, events }: TabProps) {
  const t = useT(strings);
  const lang = useLang();
  const [floor, setFloor] = useState<Floor | null>(null);
  const [failed, setFailed] = useState(false);
  const load = async () => {
    try {
      setFloor(await get<Floor>(`/halls/${hall.id}/floor`));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  const loadSoon = useDebounced(() => void load(), 300);
  const [names, setNames] = useState<Map<string, Matter>>(new Map());
  useEffect(() => {
    get<Matter[]>(`/halls/${hall.id}/matters`).then(
      (l) => setNames(new Map(l.map((m) => [m.id, m]))),
      () => {},
    );
  }, [hall.id]);
  const nameOf = (m: { matterId: string; name: string }) => {
    const full = names.get(m.matterId);
    return full ? matterName(full, lang) : m.name;
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 20_000);
    return () => clearInterval(timer);
  }, [hall.id]);
  useHallEvents(events, (ev) => {
    loadSoon();
    if (!ev || ev.type === 'rating.created') void loadCases();
  });
  // 差评 cases past their follow-up (回访) or rectification (整改) day stand out on the floor too.
  const [cases, setCases] = useState<Ledger['summary'] | null>(null);
  const loadCases = () =>
    get<Ledger>(`/halls/${hall.id}/complaints?limit=1`).then(
      (l) => setCases(l.summary),
      () => {},
    );
  useEffect(() => {
    void loadCases();
    const timer = setInterval(() => void loadCases(), 60_000);
    return () => clearInterval(timer);
  }, [hall.id]);

  if (!floor) return <p class="admin-note">{failed ? t('loadFailed') : '…'}</p>;
  const alerts = floor.matters.filter((m) => m.alert);
  const nameOfId = (id: string) => {
    const m = floor.matters.find((x) => x.matterId === id);
    return m ? nameOf(m) : '';
  };
  return (
    <div class="stack" data-testid="floor" data-seq={floor.seq}>
      {alerts.length > 0 && (
        <div class="alert-banner" role="alert" data-testid="floor-alert">
          <strong>{t('alertTitle', { n: floor.waitAlertMinutes })}</strong>
          <ul>
            {alerts.map((m) => (
              <li key={m.matterId}>
                {t('alertLine', {
                  matter: `${m.prefix} ${nameOf(m)}`,
                  wait: mins(m.longestWaitMinutes),
                  waiting: m.waiting,
                })}
                {lang === 'en' ? ' ' : ''}
                {suggestion(m, t)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {cases && cases.overdue + cases.followUpOverdue > 0 && (
        <div class="alert-banner" role="alert" data-testid="floor-cases-overdue">
          <strong>{t('floorCasesTitle')}</strong>{' '}
          {t('floorCasesLine', { f: cases.followUpOverdue, r: cases.overdue })}{' '}
          <a class="alert-link" href="#complaints">
            {t('floorCasesOpen')}
          </a>
        </div>
      )}
      <div class="totals">
        <Total label={t('totalWaiting')} value={floor.totals.waiting} />
        <Total label={t('totalServed')} value={floor.totals.servedToday} />
        <Total label={t('totalOpen')} value={floor.totals.openCounters} />
        <Total label={t('totalPaused')} value={floor.totals.pausedCounters} />
        <Total label={t('totalClosed')} value={floor.totals.closedCounters} />
        <Total label={t('alertThreshold')} value={t('minutesN', { n: floor.waitAlertMinutes })} />
      </div>
      <div class="floor-grid">
        <section class="card">
          <h2>{t('queues')}</h2>
          <table class="table" data-testid="floor-matters">
            <thead>
              <tr>
                <th>{t('matter')}</th>
                <th class="num">{t('waiting')}</th>
                <th class="num">{t('longestWait')}</th>
                <th class="num">{t('estimate')}</th>
                <th class="num">{t('openCountersFor')}</th>
                <th class="num">{t('servedToday')}</th>
              </tr>
            </thead>
            <tbody>
              {floor.matters.map((m) => (
                <tr
                  key={m.matterId}
                  class={m.alert ? 'row-alert' : ''}
                  data-testid={`floor-matter-${m.prefix}`}
                >
                  <th scope="row">
                    {m.prefix} {nameOf(m)}
                  </th>
                  <td class="num">{m.waiting}</td>
                  <td class="num">{m.waiting ? t('minutesN', { n: mins(m.longestWaitMinutes) }) : '—'}</td>
                  <td class="num">
                    {m.estimatedWaitMinutes === null
                      ? t('noCounterOpen')
                      : t('minutesN', { n: mins(m.estimatedWaitMinutes) })}
                  </td>
                  <td class="num">{m.openCounters}</td>
                  <td class="num">{m.servedToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {floor.matters.length === 0 && <p class="muted">{t('noMattersYet')}</p>}
        </section>
        <section class="card">
          <h2>{t('countersNow')}</h2>
          <table class="table" data-testid="floor-counters">
            <thead>
              <tr>
                <th>{t('counter')}</th>
                <th>{t('state')}</th>
                <th>{t('clerk')}</th>
                <th>{t('currentTicket')}</th>
                <th class="num">{t('servedToday')}</th>
              </tr>
            </thead>
            <tbody>
              {floor.counters.map((c) => {
                const cur = c.currentTicket;
                return (
                  <tr key={c.id} class={`counter-${c.status}`} data-testid={`floor-counter-${c.number}`}>
                    <th scope="row">{c.name}</th>
                    <td>
                      <span class={`pill pill-${c.status}`}>{t(`st_${c.status}`)}</span>
                      {c.pausedMinutes !== null && (
                        <span class="muted"> {t('pausedFor', { n: mins(c.pausedMinutes) })}</span>
                      )}
                    </td>
                    <td>{c.clerk?.name ?? '—'}</td>
                    <td>
                      {cur ? (
                        <>
                          <span class="ticket-no">{cur.number}</span> {nameOfId(cur.matterId)}{' '}
                          <span class="muted">
                            {t(cur.status === 'serving' ? 'servingFor' : 'calledFor', {
                              n: mins(cur.minutesAtCounter),
                            })}
                          </span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td class="num">{c.servedToday}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {floor.counters.length === 0 && <p class="muted">{t('noCountersYet')}</p>}
        </section>
      </div>
    </div>
  );
}

function suggestion(
  m: FloorMatter,
  t: (k: 'suggestOpen' | 'suggestNone', p?: Record<string, string>) => string,
) {
  if (!m.suggestedCounters.length) return t('suggestNone');
  return t('suggestOpen', { counters: m.suggestedCounters.map((c) => c.name).join('、') });
}

function Total({ label, value }: { label: string; value: number | string }) {
  return (
    <div class="total">
      <span class="total-value">{value}</span>
      <span class="total-label">{label}</span>
    </div>
  );
}
