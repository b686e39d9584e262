// Editable lists of dates and of holiday / make-up working day overrides.
import { useState } from 'preact/hooks';
import { useT } from '../ui/i18n.ts';
import type { FieldErrors } from './form.tsx';
import { strings } from './strings.ts';
import type { CalendarOverride } from './types.ts';

export function DateList({
  title,
  dates,
  onChange,
  errors,
  path,
}: {
  title: string;
  dates: string[];
  onChange: (d: string[]) => void;
  errors: FieldErrors;
  path: string;
}) {
  const t = useT(strings);
  const [adding, setAdding] = useState('');
  return (
    <fieldset class="list-editor">
      <legend>{title}</legend>
      {errors[path] && <small class="field-error">{errors[path]}</small>}
      <ul>
        {dates.length === 0 && <li class="muted">{t('none')}</li>}
        {dates.map((d, i) => (
          <li key={d}>
            <span class="list-item mono">{d}</span>
            {errors[`${path}.${i}`] && <small class="field-error">{errors[`${path}.${i}`]}</small>}
            <button
              type="button"
              class="btn btn-small btn-danger-quiet"
              aria-label={`${t('remove')} ${d}`}
              onClick={() => onChange(dates.filter((x) => x !== d))}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <div class="add-row">
        <input
          type="date"
          aria-label={`${title}: ${t('add')}`}
          value={adding}
          onInput={(e) => setAdding(e.currentTarget.value)}
        />
        <button
          type="button"
          class="btn btn-small"
          disabled={!adding || dates.includes(adding)}
          onClick={() => {
            onChange([...dates, adding].sort());
            setAdding('');
          }}
        >
          {t('add')}
        </button>
      </div>
    </fieldset>
  );
}

export function OverrideList({
  title,
  list,
  onChange,
  errors,
  path,
}: {
  title: string;
  list: CalendarOverride[];
  onChange: (l: CalendarOverride[]) => void;
  errors: FieldErrors;
  path: string;
}) {
  const t = useT(strings);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [note, setNote] = useState('');
  return (
    <fieldset class="list-editor">
      <legend>{title}</legend>
      {errors[path] && <small class="field-error">{errors[path]}</small>}
      <ul>
        {list.length === 0 && <li class="muted">{t('none')}</li>}
        {list.map((o, i) => (
          <li key={o.date}>
            <span class="list-item">
              <span class="mono">{o.date}</span>{' '}
              <span class={`tag ${o.kind === 'holiday' ? 'tag-holiday' : 'tag-workday'}`}>
                {t(o.kind === 'holiday' ? 'kindHoliday' : 'kindWorkday')}
              </span>{' '}
              {o.note}
            </span>
            {errors[`${path}.${i}.date`] && <small class="field-error">{errors[`${path}.${i}.date`]}</small>}
            <button
              type="button"
              class="btn btn-small btn-danger-quiet"
              aria-label={`${t('remove')} ${o.date}`}
              onClick={() => onChange(list.filter((x) => x.date !== o.date))}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <div class="add-row">
        <input
          type="date"
          aria-label={t('date')}
          value={date}
          onInput={(e) => setDate(e.currentTarget.value)}
        />
        <select
          aria-label={t('kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as 'holiday' | 'workday')}
        >
          <option value="holiday">{t('kindHoliday')}</option>
          <option value="workday">{t('kindWorkday')}</option>
        </select>
        <input
          aria-label={t('note')}
          placeholder={t('note')}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <button
          type="button"
          class="btn btn-small"
          disabled={!date || list.some((o) => o.date === date)}
          onClick={() => {
            onChange(
              [...list, { date, kind, ...(note.trim() ? { note: note.trim() } : {}) }].sort((x, y) =>
                x.date.localeCompare(y.date),
              ),
            );
            setDate('');
            setNote('');
          }}
        >
          {t('add')}
        </button>
      </div>
    </fieldset>
  );
}
