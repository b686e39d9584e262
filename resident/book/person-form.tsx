// Name, ID number and mobile, each with a visible label, a hint and its error in words tied to
// the input (aria-describedby), checked before anything is sent.
import type { Ref } from 'preact';
import { useLang, useT } from '../../ui/i18n.ts';
import { idWords } from '../../ui/id-check.ts';
import { strings } from './strings.ts';
import type { Person, PersonErrors } from './validate.ts';

type FieldName = keyof Person;

export function PersonForm({
  person,
  errors,
  busy,
  formRef,
  onChange,
  onBlur,
  onSubmit,
}: {
  person: Person;
  errors: PersonErrors;
  busy: boolean;
  formRef: Ref<HTMLFormElement>;
  onChange: (field: FieldName, value: string) => void;
  onBlur: (field: FieldName) => void;
  onSubmit: () => void;
}) {
  const t = useT(strings);
  const tid = useT(idWords);
  const lang = useLang();
  const errorText = (field: FieldName): string | null => {
    if (field === 'idNumber') return errors.idNumber ? tid(errors.idNumber) : null;
    const key = errors[field];
    return key ? t(key) : null;
  };

  const field = (
    name: FieldName,
    label: string,
    hint: string,
    attrs: Record<string, string | number | boolean>,
  ) => {
    const err = errorText(name);
    const id = `f-${name}`;
    return (
      <div class={`r-field${err ? ' r-field-invalid' : ''}`}>
        <label for={id}>{label}</label>
        <input
          id={id}
          name={name}
          value={person[name]}
          aria-invalid={err ? 'true' : 'false'}
          aria-describedby={`${id}-hint${err ? ` ${id}-error` : ''}`}
          onInput={(e) => onChange(name, (e.currentTarget as HTMLInputElement).value)}
          onBlur={() => onBlur(name)}
          {...attrs}
        />
        <p id={`${id}-hint`} class="r-hint">
          {hint}
        </p>
        {err && (
          <p id={`${id}-error`} class="r-error" data-testid={`error-${name}`}>
            {err}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      ref={formRef}
      class="r-form"
      noValidate
      lang={lang === 'zh' ? 'zh-CN' : 'en'}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {field('name', t('name'), t('nameHint'), { type: 'text', autocomplete: 'name', maxLength: 40 })}
      {field('idNumber', t('idNumber'), t('idHint'), {
        type: 'text',
        autocomplete: 'off',
        autocapitalize: 'characters',
        spellcheck: false,
        maxLength: 24,
      })}
      {field('phone', t('phone'), t('phoneHint'), {
        type: 'tel',
        inputMode: 'numeric',
        autocomplete: 'tel-national',
        maxLength: 20,
      })}
      <p class="r-privacy">{t('privacy')}</p>
      <button type="submit" class="r-btn r-btn-primary r-btn-block" data-testid="submit" disabled={busy}>
        {busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
