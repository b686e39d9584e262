// Name, document (its type, its number, a passport's nationality) and phone, each with a visible
// label, a hint and its error in words tied to the input (aria-describedby), checked before
// anything is sent. The labels name the chosen document, not "身份证号" for all (issue 13).
import type { Ref } from 'preact';
import {
  DOC_FIELDS,
  DOC_NAMES,
  DOCUMENT_TYPES,
  docProblemText,
  docWords,
  type DocumentType,
} from '../../ui/doc-check.ts';
import { useLang, useT } from '../../ui/i18n.ts';
import { strings } from './strings.ts';
import type { Person, PersonErrors } from './validate.ts';

type FieldName = Exclude<keyof Person, 'documentType'>;

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
  onChange: (field: keyof Person, value: string) => void;
  onBlur: (field: keyof Person) => void;
  onSubmit: () => void;
}) {
  const t = useT(strings);
  const td = useT(docWords);
  const lang = useLang();
  const doc = DOC_FIELDS[person.documentType][lang];
  const errorText = (field: FieldName): string | null => {
    if (field === 'idNumber')
      return errors.idNumber ? docProblemText(person.documentType, errors.idNumber, lang) : null;
    if (field === 'nationality') return errors.nationality ? td('nationality') : null;
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
      <div class="r-field">
        <label for="f-documentType">{td('docType')}</label>
        <select
          id="f-documentType"
          name="documentType"
          data-testid="document-type"
          value={person.documentType}
          onChange={(e) => onChange('documentType', e.currentTarget.value as DocumentType)}
        >
          {DOCUMENT_TYPES.map((d) => (
            <option key={d} value={d}>
              {DOC_NAMES[d][lang]}
            </option>
          ))}
        </select>
      </div>
      {field('idNumber', doc.label, doc.hint, {
        type: 'text',
        autocomplete: 'off',
        autocapitalize: 'characters',
        spellcheck: false,
        maxLength: 24,
        ...(person.documentType === 'tw_permit' ? { inputMode: 'numeric' } : {}),
      })}
      {person.documentType === 'passport' &&
        field('nationality', td('nationalityLabel'), td('nationalityHint'), {
          type: 'text',
          autocomplete: 'country',
          autocapitalize: 'characters',
          spellcheck: false,
          maxLength: 3,
        })}
      {field('phone', t('phone'), t('phoneHint'), {
        type: 'tel',
        inputMode: 'tel',
        autocomplete: 'tel',
        maxLength: 24,
      })}
      <p class="r-privacy">{t('privacy')}</p>
      <button type="submit" class="r-btn r-btn-primary r-btn-block" data-testid="submit" disabled={busy}>
        {busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
