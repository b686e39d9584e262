// Staff accounts of the hall: create, reset a password, deactivate (a manager handles clerks;
// an admin anyone). Passwords are never shown back.
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { Field, FormActions, StatusLine, useAction } from './form.tsx';
import { get, patch, post } from './http.ts';
import { strings } from './strings.ts';
import type { StaffMember } from './types.ts';

export function StaffTab({ hall, me }: TabProps) {
  const t = useT(strings);
  const [list, setList] = useState<StaffMember[]>([]);
  const [resetting, setResetting] = useState<string | null>(null);
  const row = useAction();
  const load = () => get<StaffMember[]>(`/halls/${hall.id}/staff`).then(setList, () => {});
  useEffect(() => void load(), [hall.id]);

  const setActive = (s: StaffMember, active: boolean) =>
    void row.run(async () => {
      await patch(`/staff/${s.id}`, { active });
      await load();
      return active ? t('reactivated', { name: s.name }) : t('deactivated', { name: s.name });
    });

  return (
    <div class="stack">
      <section class="card">
        <h2>{t('tab_staff')}</h2>
        <table class="table" data-testid="staff">
          <thead>
            <tr>
              <th>{t('username')}</th>
              <th>{t('staffName')}</th>
              <th>{t('role')}</th>
              <th>{t('status')}</th>
              <th>
                <span class="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} class={s.active ? '' : 'row-off'} data-testid={`staff-${s.username}`}>
                <td class="mono">{s.username}</td>
                <td>{s.name}</td>
                <td>{t(`role_${s.role}`)}</td>
                <td>{s.active ? t('active') : t('inactive')}</td>
                <td class="row-actions">
                  {s.id !== me.id && (
                    <>
                      <button type="button" class="btn btn-small" onClick={() => setResetting(s.id)}>
                        {t('resetPassword')}
                      </button>
                      <button
                        type="button"
                        class="btn btn-small btn-danger-quiet"
                        onClick={() => setActive(s, !s.active)}
                        disabled={row.busy}
                      >
                        {s.active ? t('deactivate') : t('reactivate')}
                      </button>
                    </>
                  )}
                  {resetting === s.id && <ResetPassword staff={s} onDone={() => setResetting(null)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <StatusLine status={row.status} />
      </section>
      <CreateStaff hallId={hall.id} isAdmin={me.role === 'admin'} onCreated={() => void load()} />
    </div>
  );
}

function ResetPassword({ staff, onDone }: { staff: StaffMember; onDone: () => void }) {
  const t = useT(strings);
  const a = useAction();
  const [password, setPassword] = useState('');
  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      await patch(`/staff/${staff.id}`, { password });
      setPassword('');
      setTimeout(onDone, 1500);
      return t('passwordReset', { name: staff.name });
    });
  };
  return (
    <form class="inline-form" onSubmit={save}>
      <Field label={t('newPassword')} error={a.fields.password} hint={t('passwordHint')}>
        <input
          type="password"
          autocomplete="new-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="btn btn-small btn-primary" disabled={a.busy}>
        {t('save')}
      </button>
      <button type="button" class="btn btn-small" onClick={onDone}>
        {t('cancel')}
      </button>
      <StatusLine status={a.status} />
    </form>
  );
}

function CreateStaff({
  hallId,
  isAdmin,
  onCreated,
}: {
  hallId: string;
  isAdmin: boolean;
  onCreated: () => void;
}) {
  const t = useT(strings);
  const a = useAction();
  const empty = { username: '', name: '', password: '', role: 'clerk' };
  const [f, setF] = useState(empty);
  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      await post(`/halls/${hallId}/staff`, { ...f, username: f.username.trim() });
      setF(empty);
      onCreated();
      return t('created');
    });
  };
  return (
    <form class="card" onSubmit={save} data-testid="create-staff">
      <h2>{t('newStaff')}</h2>
      <div class="grid">
        <Field label={t('username')} error={a.fields.username}>
          <input
            autocomplete="off"
            value={f.username}
            onInput={(e) => setF({ ...f, username: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('staffName')} error={a.fields.name}>
          <input value={f.name} onInput={(e) => setF({ ...f, name: e.currentTarget.value })} />
        </Field>
        <Field label={t('password')} error={a.fields.password} hint={t('passwordHint')}>
          <input
            type="password"
            autocomplete="new-password"
            value={f.password}
            onInput={(e) => setF({ ...f, password: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('role')} error={a.fields.role}>
          <select value={f.role} onChange={(e) => setF({ ...f, role: e.currentTarget.value })}>
            <option value="clerk">{t('role_clerk')}</option>
            {isAdmin && <option value="manager">{t('role_manager')}</option>}
            {isAdmin && <option value="admin">{t('role_admin')}</option>}
          </select>
        </Field>
      </div>
      <FormActions action={a} label={t('create')} />
    </form>
  );
}
