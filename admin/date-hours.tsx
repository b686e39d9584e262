// Hours of given dates (延时服务 until 19:00 on a date, a short day before a holiday): a list of
// dates with their opening, closing and optional lunch break. The server checks each (its
// VALIDATION_FAILED lands here under `dateHours.<date>.<field>`).
import { useT } from '../ui/i18n.ts';
import type { FieldErrors } from './form.tsx';
import { strings as common } from './strings.ts';
import { calendarStrings as strings } from './strings-calendar.ts';
import type { DayHours } from './types.ts';

export interface DatedHours extends DayHours {
  date: string;
}

export const toDatedList = (r: Record<string, DayHours>): DatedHours[] =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, h]) => ({ date, ...h }));

/** The PUT body's `dateHours`: empty lunch fields left out. */
export const toDateHoursBody = (list: DatedHours[]) =>
  Object.fromEntries(
    list.map(({ date, open, close, lunchStart, lunchEnd }) => [
      date,
      { open, close, ...(lunchStart || lunchEnd ? { lunchStart, lunchEnd } : {}) },
    ]),
  );

export function DateHoursList({
  list,
  onChange,
  errors,
}: {
  list: DatedHours[];
  onChange: (l: DatedHours[]) => void;
  errors: FieldErrors;
}) {
  const t = useT(strings);
  const tc = useT(common);
  const set = (i: number, patch: Partial<DatedHours>) =>
    onChange(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const input = (i: number, k: keyof DatedHours, label: string) => {
    const h = list[i]!;
    const err =
      errors[`dateHours.${h.date}.${k}`] ?? (k === 'date' ? errors[`dateHours.${h.date}`] : undefined);
    return (
      <td>
        <input
          type={k === 'date' ? 'date' : 'time'}
          aria-label={`${label} ${h.date}`}
          value={h[k] ?? ''}
          data-testid={`date-hours-${i}-${k}`}
          onInput={(e) => set(i, { [k]: e.currentTarget.value })}
        />
        {err && <small class="field-error">{err}</small>}
      </td>
    );
  };
  return (
    <section class="card" data-testid="date-hours">
      <h2>{t('dateHoursTitle')}</h2>
      <p class="lead">{t('dateHoursLead')}</p>
      {list.length === 0 ? (
        <p class="muted">{t('noDateHours')}</p>
      ) : (
        <table class="table hours">
          <thead>
            <tr>
              <th>{t('date')}</th>
              <th>{tc('opens')}</th>
              <th>{tc('closes')}</th>
              <th>{tc('lunchStart')}</th>
              <th>{tc('lunchEnd')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((h, i) => (
              <tr key={i}>
                {input(i, 'date', t('date'))}
                {input(i, 'open', tc('opens'))}
                {input(i, 'close', tc('closes'))}
                {input(i, 'lunchStart', tc('lunchStart'))}
                {input(i, 'lunchEnd', tc('lunchEnd'))}
                <td>
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => onChange(list.filter((_, j) => j !== i))}
                  >
                    {t('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        class="btn"
        data-testid="add-date-hours"
        onClick={() => onChange([...list, { date: '', open: '09:00', close: '19:00' }])}
      >
        {t('addDate')}
      </button>
    </section>
  );
}
