// Matters (事项): what each one is called, its ticket prefix, the materials residents must
// bring (一次性告知), the daily quota and last issuing time, walk-in and booking switches.
import { useEffect, useRef, useState } from 'preact/hooks';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { useHallEvents } from './events.ts';
import { Field, FormActions, MoveButtons, moved, num, useAction } from './form.tsx';
import { get, patch, post } from './http.ts';
import { UnservedWarning, useActiveCounters } from './matter-unserved.tsx';
import { strings } from './strings.ts';
import type { AdminMatter } from './types.ts';

export function MattersTab({ hall, events }: TabProps) {
  const t = useT(strings);
  const lang = useLang();
  const [list, setList] = useState<AdminMatter[]>([]);
  const [editing, setEditing] = useState<AdminMatter | 'new' | null>(null);
  const load = () => get<AdminMatter[]>(`/halls/${hall.id}/matters?all=true`).then(setList, () => {});
  useEffect(() => void load(), [hall.id]);
  useHallEvents(events, (ev) => {
    if (!ev || ev.type === 'matter.updated') void load();
  });

  return (
    <div class="stack">
      <section class="card">
        <div class="card-head">
          <h2>{t('tab_matters')}</h2>
          <button
            type="button"
            class="btn btn-primary"
            data-testid="new-matter"
            onClick={() => setEditing('new')}
          >
            {t('newMatter')}
          </button>
        </div>
        <table class="table" data-testid="matters">
          <thead>
            <tr>
              <th>{t('prefix')}</th>
              <th>{t('matterName')}</th>
              <th>{t('avgMinutes')}</th>
              <th>{t('walkIn')}</th>
              <th>{t('dailyQuota')}</th>
              <th>{t('lastIssueTime')}</th>
              <th>{t('bookable')}</th>
              <th>{t('materials')}</th>
              <th>
                <span class="visually-hidden">{t('edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.id} class={m.active ? '' : 'row-off'}>
                <td class="mono">{m.prefix}</td>
                <td>
                  {matterName(m, lang)}
                  {!m.active && <span class="tag">{t('inactive')}</span>}
                </td>
                <td>{m.avgServiceMinutes}</td>
                <td>{m.walkIn ? t('yes') : t('no')}</td>
                <td>{m.dailyQuota ?? '—'}</td>
                <td>{m.lastIssueTime ?? '—'}</td>
                <td>{m.bookable ? t('yes') : t('no')}</td>
                <td>{m.materials.length}</td>
                <td>
                  <button
                    type="button"
                    class="btn btn-small"
                    data-testid={`edit-matter-${m.prefix}`}
                    onClick={() => setEditing(m)}
                  >
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing && (
        <MatterForm
          key={editing === 'new' ? 'new' : editing.id}
          hallId={hall.id}
          matter={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            void load();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function MatterForm({
  hallId,
  matter,
  onDone,
  onCancel,
}: {
  hallId: string;
  matter: AdminMatter | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT(strings);
  const a = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const counters = useActiveCounters(hallId);
  useEffect(() => formRef.current?.scrollIntoView({ block: 'nearest' }), []);
  const [f, setF] = useState(() => ({
    code: matter?.code ?? '',
    name: matter?.name ?? '',
    nameEn: matter?.nameEn ?? '',
    prefix: matter?.prefix ?? '',
    description: matter?.description ?? '',
    avgServiceMinutes: String(matter?.avgServiceMinutes ?? 10),
    dailyQuota: matter?.dailyQuota == null ? '' : String(matter.dailyQuota),
    lastIssueTime: matter?.lastIssueTime ?? '',
    walkIn: matter?.walkIn ?? true,
    bookable: matter?.bookable ?? false,
    active: matter?.active ?? true,
    unresolvedWindow: matter?.unresolvedWindow ?? false,
  }));
  const [materials, setMaterials] = useState<string[]>(matter?.materials ?? []);
  const set = (k: keyof typeof f, v: string | boolean) => setF({ ...f, [k]: v });
  const text = (
    k: 'code' | 'name' | 'nameEn' | 'prefix' | 'avgServiceMinutes' | 'dailyQuota' | 'lastIssueTime',
  ) => ({
    value: f[k],
    name: k,
    onInput: (e: { currentTarget: HTMLInputElement }) => set(k, e.currentTarget.value),
  });

  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      const body = {
        code: f.code.trim(),
        name: f.name,
        nameEn: f.nameEn,
        prefix: f.prefix.trim().toUpperCase(),
        description: f.description,
        materials: materials.map((x) => x.trim()).filter(Boolean),
        avgServiceMinutes: num(f.avgServiceMinutes),
        dailyQuota: f.dailyQuota.trim() === '' ? null : num(f.dailyQuota),
        lastIssueTime: f.lastIssueTime || null,
        walkIn: f.walkIn,
        bookable: f.bookable,
        active: f.active,
        unresolvedWindow: f.unresolvedWindow,
      };
      if (matter) await patch(`/matters/${matter.id}`, body);
      else await post(`/halls/${hallId}/matters`, body);
      onDone();
    });
  };

  return (
    <form
      class="card"
      ref={formRef}
      onSubmit={save}
      data-testid="matter-form"
      data-counters={counters ? 'loaded' : 'loading'}
    >
      <h2>{matter ? t('editMatter', { name: matter.name }) : t('newMatter')}</h2>
      <div class="grid">
        <Field label={t('matterCode')} error={a.fields.code}>
          <input {...text('code')} />
        </Field>
        <Field label={t('prefix')} error={a.fields.prefix} hint={t('prefixHint')}>
          <input {...text('prefix')} maxLength={2} />
        </Field>
        <Field label={t('matterName')} error={a.fields.name}>
          <input {...text('name')} />
        </Field>
        <Field label={t('matterNameEn')} error={a.fields.nameEn}>
          <input {...text('nameEn')} />
        </Field>
        <Field label={t('avgMinutes')} error={a.fields.avgServiceMinutes}>
          <input type="number" min={1} max={480} {...text('avgServiceMinutes')} />
        </Field>
        <Field label={t('dailyQuota')} error={a.fields.dailyQuota} hint={t('emptyNoLimit')}>
          <input type="number" min={1} {...text('dailyQuota')} />
        </Field>
        <Field label={t('lastIssueTime')} error={a.fields.lastIssueTime} hint={t('emptyNoLimit')}>
          <input type="time" {...text('lastIssueTime')} />
        </Field>
      </div>
      <div class="checks">
        {(['walkIn', 'bookable', 'active', 'unresolvedWindow'] as const).map((k) => (
          <label key={k} class="check">
            <input
              type="checkbox"
              name={k}
              checked={f[k]}
              onChange={(e) => set(k, e.currentTarget.checked)}
            />
            <span>{t(k === 'active' ? 'inUse' : k)}</span>
          </label>
        ))}
      </div>
      <Field label={t('description')} error={a.fields.description} wide>
        <textarea rows={2} value={f.description} onInput={(e) => set('description', e.currentTarget.value)} />
      </Field>
      <fieldset class="list-editor" data-testid="materials-editor">
        <legend>{t('materials')}</legend>
        {materials.length === 0 && <p class="muted">{t('noMaterials')}</p>}
        <ol>
          {materials.map((item, i) => (
            <li key={i}>
              <input
                aria-label={t('materialN', { n: i + 1 })}
                value={item}
                onInput={(e) => setMaterials(materials.map((x, j) => (j === i ? e.currentTarget.value : x)))}
              />
              {a.fields[`materials.${i}`] && <small class="field-error">{a.fields[`materials.${i}`]}</small>}
              <MoveButtons
                i={i}
                count={materials.length}
                onMove={(by) => setMaterials(moved(materials, i, by))}
              />
              <button
                type="button"
                class="btn btn-small btn-danger-quiet"
                onClick={() => setMaterials(materials.filter((_, j) => j !== i))}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" class="btn btn-small" onClick={() => setMaterials([...materials, ''])}>
          {t('addMaterial')}
        </button>
      </fieldset>
      <UnservedWarning matterId={matter?.id ?? null} offered={f.active && f.walkIn} counters={counters} />
      <FormActions action={a} label={t('save')} testid="save-matter" onCancel={onCancel} />
    </form>
  );
}
