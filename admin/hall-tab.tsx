// The hall itself: name and zone, the floor alert threshold, the ledger's due days, the
// queue-policy weights; an admin also creates halls here.
import { useState } from 'preact/hooks';
import { patch, post } from './http.ts';
import { useT } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { Field, FormActions, num, useAction } from './form.tsx';
import { strings } from './strings.ts';
import type { HallFull, PolicyWeights } from './types.ts';
import { VoiceForm } from './voice-form.tsx';

const WEIGHTS: Exclude<keyof PolicyWeights, 'categories'>[] = [
  'greenBoost',
  'appointmentBoost',
  'transferBoost',
  'preferencePenalty',
  'maxWaitMinutes',
  'appointmentDueLeadMinutes',
];

export function HallTab(
  props: Omit<TabProps, 'hall'> & { hall: HallFull | null; onCreated: (id: string) => void },
) {
  const t = useT(strings);
  return (
    <div class="stack">
      {props.hall ? (
        <>
          <SettingsForm key={`s-${props.hall.id}`} hall={props.hall} reloadHall={props.reloadHall} />
          <PolicyForm key={`p-${props.hall.id}`} hall={props.hall} reloadHall={props.reloadHall} />
          <VoiceForm key={`v-${props.hall.id}`} hall={props.hall} reloadHall={props.reloadHall} />
        </>
      ) : (
        <p class="admin-note">{t('noHall')}</p>
      )}
      {props.me.role === 'admin' && <CreateHall onCreated={props.onCreated} />}
    </div>
  );
}

function SettingsForm({ hall, reloadHall }: { hall: HallFull; reloadHall: () => void }) {
  const t = useT(strings);
  const a = useAction();
  const [name, setName] = useState(hall.name);
  const [timezone, setTimezone] = useState(hall.timezone);
  const [alert, setAlert] = useState(String(hall.settings.waitAlertMinutes));
  const [due, setDue] = useState(String(hall.settings.complaintDueWorkingDays));
  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      await patch(`/halls/${hall.id}`, {
        name,
        timezone,
        waitAlertMinutes: num(alert),
        complaintDueWorkingDays: num(due),
      });
      reloadHall();
      return t('saved');
    });
  };
  return (
    <form class="card" onSubmit={save} data-testid="hall-settings">
      <h2>{t('hallSettings')}</h2>
      <div class="grid">
        <Field label={t('hallName')} error={a.fields.name}>
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('timezone')} error={a.fields.timezone}>
          <input value={timezone} onInput={(e) => setTimezone(e.currentTarget.value)} />
        </Field>
        <Field label={t('waitAlertMinutes')} error={a.fields.waitAlertMinutes} hint={t('waitAlertHint')}>
          <input
            type="number"
            name="waitAlertMinutes"
            min={1}
            max={600}
            value={alert}
            onInput={(e) => setAlert(e.currentTarget.value)}
          />
        </Field>
        <Field
          label={t('complaintDueDays')}
          error={a.fields.complaintDueWorkingDays}
          hint={t('complaintDueHint')}
        >
          <input type="number" min={1} max={60} value={due} onInput={(e) => setDue(e.currentTarget.value)} />
        </Field>
      </div>
      <FormActions action={a} label={t('save')} testid="save-hall" />
    </form>
  );
}

function PolicyForm({ hall, reloadHall }: { hall: HallFull; reloadHall: () => void }) {
  const t = useT(strings);
  const a = useAction();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEIGHTS.map((k) => [k, String(hall.settings.policy[k])])),
  );
  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      await patch(`/halls/${hall.id}`, {
        policy: Object.fromEntries(WEIGHTS.map((k) => [k, num(values[k] ?? '')])),
      });
      reloadHall();
      return t('saved');
    });
  };
  return (
    <form class="card" onSubmit={save} data-testid="policy">
      <h2>{t('policyTitle')}</h2>
      <p class="lead">{t('policyLead')}</p>
      <div class="grid">
        {WEIGHTS.map((k) => (
          <Field key={k} label={t(`w_${k}`)} error={a.fields[`policy.${k}`]}>
            <input
              type="number"
              step="any"
              min={0}
              value={values[k]}
              onInput={(e) => setValues({ ...values, [k]: e.currentTarget.value })}
            />
          </Field>
        ))}
      </div>
      <FormActions action={a} label={t('save')} />
    </form>
  );
}

function CreateHall({ onCreated }: { onCreated: (id: string) => void }) {
  const t = useT(strings);
  const a = useAction();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState('Asia/Shanghai');
  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      const hall = await post<HallFull>('/halls', { code: code.trim(), name, timezone });
      onCreated(hall.id);
      return t('created');
    });
  };
  return (
    <form class="card" onSubmit={save} data-testid="create-hall">
      <h2>{t('createHall')}</h2>
      <div class="grid">
        <Field label={t('hallCode')} error={a.fields.code} hint={t('hallCodeHint')}>
          <input value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </Field>
        <Field label={t('hallName')} error={a.fields.name}>
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('timezone')} error={a.fields.timezone}>
          <input value={timezone} onInput={(e) => setTimezone(e.currentTarget.value)} />
        </Field>
      </div>
      <FormActions action={a} label={t('create')} />
    </form>
  );
}
