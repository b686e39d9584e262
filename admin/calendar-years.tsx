// A calendar that never guesses (issue 13): the years the national calendar knows (from the
// holiday package, confirmed by an admin, or unknown: not bookable), a warning for every
// unknown year until it is confirmed (one override does not end it), and the admin's form to
// enter a year's 国务院办公厅 holiday notice (days off and 调休 working days), checked by the
// server, and to confirm it. Managers see the state; only an admin enters and confirms.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../ui/api.ts';
import { useLang, useT, type Lang } from '../ui/i18n.ts';
import { FormActions, useAction } from './form.tsx';
import { get, post, put } from './http.ts';
import { calendarStrings as strings } from './strings-calendar.ts';

interface Problem {
  code: string;
  date?: string;
  message: string;
}
export interface CalendarYear {
  year: number;
  source: 'package' | 'confirmed' | 'unknown';
  overrides: { date: string; kind: 'holiday' | 'workday'; note?: string }[];
  problems: Problem[];
}

const PROBLEM_ZH: Record<string, string> = {
  other_year: '日期不在该年',
  fixed_holiday_missing: '缺少法定节假日',
  too_few_days_off: '放假天数少于法定天数',
  workday_not_weekend: '调休上班日应为周末',
  both_kinds: '同一天既放假又上班',
};
const problemText = (p: Problem, lang: Lang) =>
  `${p.date ? `${p.date} ` : ''}${lang === 'zh' ? (PROBLEM_ZH[p.code] ?? p.message) : p.message}`;

const DATE = /\d{4}-\d{2}-\d{2}/g;

/** "2027-02-05 至 2027-02-11 春节" → a range with its note; one line a day or a range. */
export function parseDaysOff(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const dates = line.match(DATE) ?? [];
      const note = line
        .replace(DATE, '')
        .replace(/[~～至到–—-]/g, ' ')
        .trim();
      return { from: dates[0] ?? line, ...(dates[1] ? { to: dates[1] } : {}), ...(note ? { note } : {}) };
    });
}
export function parseWorkdays(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const date = line.match(DATE)?.[0] ?? line;
      const note = line.replace(DATE, '').trim();
      return { date, ...(note ? { note } : {}) };
    });
}

/** The year's overrides back in the form's two lists (consecutive days off joined). */
function toText(y: CalendarYear): { daysOff: string; workdays: string } {
  const off: string[] = [];
  let run: { from: string; to: string; note: string } | null = null;
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const o of y.overrides.filter((x) => x.kind === 'holiday')) {
    if (run && next(run.to) === o.date && (o.note ?? '') === run.note) run.to = o.date;
    else {
      if (run) off.push(`${run.from}${run.to !== run.from ? ` 至 ${run.to}` : ''} ${run.note}`.trim());
      run = { from: o.date, to: o.date, note: o.note ?? '' };
    }
  }
  if (run) off.push(`${run.from}${run.to !== run.from ? ` 至 ${run.to}` : ''} ${run.note}`.trim());
  const work = y.overrides.filter((x) => x.kind === 'workday').map((o) => `${o.date} ${o.note ?? ''}`.trim());
  return { daysOff: off.join('\n'), workdays: work.join('\n') };
}

export function CalendarYears({ canEdit, onChanged }: { canEdit: boolean; onChanged: () => void }) {
  const t = useT(strings);
  const [years, setYears] = useState<CalendarYear[] | null>(null);
  const load = () =>
    get<{ years: CalendarYear[] }>('/calendar/years').then(
      (r) => setYears(r.years),
      () => {},
    );
  useEffect(() => void load(), []);
  if (!years) return null;
  const unknown = years.filter((y) => y.source === 'unknown');
  return (
    <section class="card" data-testid="calendar-years">
      <h2>{t('title')}</h2>
      <p class="lead">{t('lead')}</p>
      {unknown.map((y) => (
        <p key={y.year} class="status status-warn" role="alert" data-testid={`year-warning-${y.year}`}>
          {t(y.overrides.length ? 'warnEntered' : 'warnUnknown', { year: y.year })}
        </p>
      ))}
      <ul class="plain-list">
        {years.map((y) => (
          <li key={y.year} data-testid={`year-${y.year}`} data-source={y.source}>
            <strong>{y.year}</strong> {t(`source_${y.source}`)}
          </li>
        ))}
      </ul>
      {canEdit &&
        unknown.map((y) => (
          <NoticeForm
            key={y.year}
            year={y}
            onSaved={(list) => {
              setYears(list);
              onChanged();
            }}
          />
        ))}
      {!canEdit && unknown.length > 0 && <p class="muted">{t('adminOnly')}</p>}
    </section>
  );
}

function NoticeForm({ year, onSaved }: { year: CalendarYear; onSaved: (years: CalendarYear[]) => void }) {
  const t = useT(strings);
  const lang = useLang();
  const a = useAction();
  const initial = toText(year);
  const [daysOff, setDaysOff] = useState(initial.daysOff);
  const [workdays, setWorkdays] = useState(initial.workdays);
  const [problems, setProblems] = useState<Problem[]>(year.problems);
  const send = (confirm: boolean) =>
    void a.run(async () => {
      try {
        const body = { daysOff: parseDaysOff(daysOff), workdays: parseWorkdays(workdays), confirm };
        const r = await put<{ years: CalendarYear[] }>(`/calendar/years/${year.year}/notice`, body);
        const mine = r.years.find((y) => y.year === year.year);
        setProblems(mine?.problems ?? []);
        onSaved(r.years);
        return t(confirm ? 'confirmed' : 'savedNotice', { year: year.year });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CALENDAR_INCONSISTENT')
          setProblems((err.details as Problem[]) ?? []);
        throw err;
      }
    });
  // A year entered earlier through the overrides list is confirmed as it stands.
  const confirmOnly = () =>
    void a.run(async () => {
      const r = await post<{ years: CalendarYear[] }>(`/calendar/years/${year.year}/confirm`, {});
      onSaved(r.years);
      return t('confirmed', { year: year.year });
    });
  return (
    <form
      class="stack notice-form"
      data-testid={`notice-${year.year}`}
      onSubmit={(e) => {
        e.preventDefault();
        send(true);
      }}
    >
      <h3>{t('noticeTitle', { year: year.year })}</h3>
      <div class="grid">
        <label class="field field-wide">
          <span class="field-label">{t('daysOff')}</span>
          <textarea
            rows={8}
            value={daysOff}
            data-testid="days-off"
            placeholder={`${year.year}-01-01 元旦\n${year.year}-10-01 至 ${year.year}-10-07 国庆节`}
            onInput={(e) => setDaysOff(e.currentTarget.value)}
          />
          <small class="field-hint">{t('daysOffHint')}</small>
        </label>
        <label class="field field-wide">
          <span class="field-label">{t('workdays')}</span>
          <textarea
            rows={4}
            value={workdays}
            data-testid="workdays"
            placeholder={`${year.year}-10-09 国庆节调休`}
            onInput={(e) => setWorkdays(e.currentTarget.value)}
          />
          <small class="field-hint">{t('workdaysHint')}</small>
        </label>
      </div>
      {problems.length > 0 && (
        <ul class="status status-error plain-list" data-testid="notice-problems">
          {problems.map((p, i) => (
            <li key={i}>{problemText(p, lang)}</li>
          ))}
        </ul>
      )}
      <div class="form-actions">
        <button
          type="button"
          class="btn"
          disabled={a.busy}
          onClick={() => send(false)}
          data-testid="save-notice"
        >
          {t('saveNotice')}
        </button>
        {year.overrides.length > 0 && (
          <button type="button" class="btn" disabled={a.busy} onClick={confirmOnly}>
            {t('confirmAsIs')}
          </button>
        )}
      </div>
      <FormActions action={a} label={t('confirm', { year: year.year })} testid="confirm-year" />
    </form>
  );
}
