// The wall display's results panel (issue 15, published results): when the hall's rating rules
// say `resultsOnDisplay`, one small line of the month's 好差评 figures under the waiting table —
// ratings, satisfaction, 差评 and the share rectified on time. Counts only, nothing about a rater.
// It reads again every few minutes; it never takes room from the calls.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../ui/api.ts';
import type { Lang } from '../ui/i18n.ts';
import { loadResults, percent, type MonthResults } from '../ui/results.ts';
import { Bi } from './bi.tsx';

const EVERY_MS = 5 * 60_000;

export function ResultsPanel({ hallId, lang, reloadKey }: { hallId: string; lang: Lang; reloadKey: number }) {
  const [results, setResults] = useState<MonthResults | null>(null);

  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const rules = await get<{ resultsOnDisplay: boolean }>(`/halls/${hallId}/rating-rules`);
        const r = rules.resultsOnDisplay ? await loadResults(hallId) : null;
        if (live) setResults(r);
      } catch {
        // offline: the panel keeps what it showed; the next round reads again
      }
    };
    void load();
    const timer = setInterval(() => void load(), EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [hallId, reloadKey]);

  if (!results) return null;
  const figures = [
    { k: 'ratingsCount', v: String(results.ratings), id: 'ratings' },
    { k: 'satisfaction', v: percent(results.satisfactionRate), id: 'satisfaction' },
    { k: 'poor', v: String(results.poor), id: 'poor' },
    { k: 'rectifiedOnTime', v: percent(results.rectifiedOnTimeRate), id: 'rectified' },
  ] as const;
  return (
    <section class="d-results" data-testid="results-panel" data-month={results.month}>
      <h2 class="d-title">
        <Bi k="results" lang={lang} />
      </h2>
      <dl class="d-results-list">
        {figures.map((f) => (
          <div key={f.id}>
            <dt>
              <Bi k={f.k} lang={lang} />
            </dt>
            <dd data-testid={`results-${f.id}`}>{f.v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
