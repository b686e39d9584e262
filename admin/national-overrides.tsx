// The national holiday arrangement for years the holiday package does not know yet: an admin
// enters it (PUT /calendar/overrides, for every hall); a manager sees it.
import { useState } from 'preact/hooks';
import { useT } from '../ui/i18n.ts';
import { OverrideList } from './calendar-lists.tsx';
import { FormActions, useAction } from './form.tsx';
import { put } from './http.ts';
import { strings } from './strings.ts';
import type { CalendarOverride, Schedule } from './types.ts';

export function NationalOverrides({
  schedule,
  canEdit,
  onSaved,
}: {
  schedule: Schedule;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const t = useT(strings);
  const a = useAction();
  const [list, setList] = useState<CalendarOverride[]>(schedule.nationalOverrides);
  const save = () =>
    void a.run(async () => {
      await put('/calendar/overrides', {
        overrides: list.map((o) => ({ date: o.date, kind: o.kind, ...(o.note ? { note: o.note } : {}) })),
      });
      onSaved();
      return t('saved');
    });
  return (
    <section class="card" data-testid="national-overrides">
      <h2>{t('nationalOverrides')}</h2>
      <p class="lead">{t('nationalLead')}</p>
      {schedule.unknownYears.length > 0 && (
        <p class="status status-warn">{t('unknownYears', { years: schedule.unknownYears.join('、') })}</p>
      )}
      {canEdit ? (
        <>
          <OverrideList
            title={t('overrideList')}
            list={list}
            onChange={setList}
            errors={a.fields}
            path="overrides"
          />
          <FormActions action={a} label={t('save')} onSave={save} />
        </>
      ) : (
        <ul class="plain-list">
          {list.length === 0 && <li class="muted">{t('none')}</li>}
          {list.map((o) => (
            <li key={o.date}>
              {o.date} {t(o.kind === 'holiday' ? 'kindHoliday' : 'kindWorkday')} {o.note}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
