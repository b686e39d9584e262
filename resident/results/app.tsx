// The public results page (公开评价结果, 国办发〔2019〕51号 (九), GB/T 39734-2020): the month's
// satisfaction of the hall, by matter and by counter, the number of 差评 and the share rectified
// on time. Linked from the landing page; `?hall=` and optional `?month=YYYY-MM`.
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../../ui/api.ts';
import { useLang, useT } from '../../ui/i18n.ts';
import { loadResults, percent, shiftMonth, type MonthResults, type ResultsGroup } from '../../ui/results.ts';
import type { Hall } from '../../ui/types.ts';
import { Shell } from '../shell.tsx';
import { strings } from './strings.ts';

function GroupTable({
  id,
  title,
  head,
  rows,
}: {
  id: string;
  title: string;
  head: string;
  rows: ResultsGroup[];
}) {
  const t = useT(strings);
  return (
    <section class="r-card" aria-labelledby={id}>
      <h2 id={id} class="r-subtitle">
        {title}
      </h2>
      <table class="res-table" data-testid={id}>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('count')}</th>
            <th scope="col">{t('satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.id}>
              <th scope="row">{g.name}</th>
              <td>{g.ratings}</td>
              <td>{percent(g.satisfactionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ResultsApp({ hall }: { hall: Hall }) {
  const t = useT(strings);
  const lang = useLang();
  const [month, setMonth] = useState<string | undefined>(
    new URLSearchParams(location.search).get('month') ?? undefined,
  );
  const [results, setResults] = useState<MonthResults | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    loadResults(hall.id, month).then(
      (r) => live && setResults(r),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [hall.id, month]);

  const shown = results?.month ?? month;
  const [year, mon] = (shown ?? '').split('-');
  const go = (by: number) => shown && setMonth(shiftMonth(shown, by));

  return (
    <Shell hallName={hall.name} testid="results">
      <h1 class="r-title">{t('title')}</h1>
      <p class="r-lead">{t('lead')}</p>
      {shown && (
        <nav class="res-months" aria-label={t('title')}>
          <button type="button" class="r-btn r-btn-secondary" data-testid="previous" onClick={() => go(-1)}>
            {t('previous')}
          </button>
          <h2 class="res-month" data-testid="month" aria-live="polite">
            {t('month', { year: year ?? '', month: mon ?? '' })}
          </h2>
          <button type="button" class="r-btn r-btn-secondary" data-testid="next" onClick={() => go(1)}>
            {t('next')}
          </button>
        </nav>
      )}
      {error !== null && (
        <p class="r-alert r-alert-error" role="alert">
          {describeError(error, lang)}
        </p>
      )}
      {results && (
        <div data-testid="results-figures" data-month={results.month}>
          <dl class="res-figures">
            <div>
              <dt>{t('ratings')}</dt>
              <dd data-testid="fig-ratings">{results.ratings}</dd>
            </div>
            <div>
              <dt>{t('satisfaction')}</dt>
              <dd data-testid="fig-satisfaction">{percent(results.satisfactionRate)}</dd>
            </div>
            <div>
              <dt>{t('poor')}</dt>
              <dd data-testid="fig-poor">{results.poor}</dd>
            </div>
            <div>
              <dt>{t('rectifiedOnTime')}</dt>
              <dd data-testid="fig-rectified">{percent(results.rectifiedOnTimeRate)}</dd>
            </div>
          </dl>
          {results.ratings === 0 ? (
            <p class="r-note">{t('none')}</p>
          ) : (
            <>
              <GroupTable id="by-matter" title={t('byMatter')} head={t('matter')} rows={results.byMatter} />
              <GroupTable
                id="by-counter"
                title={t('byCounter')}
                head={t('counter')}
                rows={results.byCounter}
              />
            </>
          )}
          <p class="r-hint">{t('privacy')}</p>
        </div>
      )}
    </Shell>
  );
}
