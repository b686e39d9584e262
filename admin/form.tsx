// Form helpers of the console: a labelled field with its error beside it, the API's (or zod's)
// validation issues turned into words per field, and one action at a time per form.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../ui/api.ts';
import { getLang, useLang, useT, type Lang } from '../ui/i18n.ts';
import { strings } from './strings.ts';

export type FieldErrors = Record<string, string>;
interface Issue {
  path?: readonly PropertyKey[];
  message?: string;
}

// The schemas' messages are English; the common ones get Chinese words.
const WORDS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/Too small: expected string to have >=1 characters/, () => '必填'],
  [/Too small: expected string to have >=(\d+)/, (m) => `至少 ${m[1]} 个字符`],
  [/Too big: expected string to have <=(\d+)/, (m) => `最多 ${m[1]} 个字符`],
  [/Too small: expected array to have >=(\d+)/, (m) => `至少选择 ${m[1]} 项`],
  [/Too big: expected array to have <=(\d+)/, (m) => `最多 ${m[1]} 项`],
  [/Too small: expected number to be >=(-?[\d.]+)/, (m) => `不能小于 ${m[1]}`],
  [/Too big: expected number to be <=(-?[\d.]+)/, (m) => `不能大于 ${m[1]}`],
  [/expected int/, () => '须为整数'],
  [/expected number/, () => '须填写数字'],
  [/one or two capital letters/, () => '须为一到两个大写字母'],
  [/must be a time HH:mm/, () => '须为时间 HH:mm'],
  [/must be a date YYYY-MM-DD/, () => '须为日期 YYYY-MM-DD'],
  [/must be a real date/, () => '不是有效日期'],
  [/must not repeat/, () => '不能重复'],
  [/open must be before close/, () => '开门时间须早于关门时间'],
  [/give both lunchStart and lunchEnd/, () => '午休开始和结束须同时填写'],
  [/lunch break must lie inside/, () => '午休须在办公时间之内'],
  [/lower-case letters, digits/, () => '3–32 位小写字母、数字或 _ . -'],
  [/lower-case letters or -/, () => '2–32 位小写字母、数字或 -'],
  [/must contain \{number\} and \{counter\}/, () => '须包含 {number} 和 {counter}'],
  [/^Password must have/, () => '密码至少 10 位，须同时含字母和数字，且不能包含用户名'],
];

export function issueWords(message: string, lang: Lang = getLang()): string {
  if (lang === 'en') return message;
  for (const [re, words] of WORDS) {
    const m = message.match(re);
    if (m) return words(m);
  }
  return `格式不正确（${message}）`;
}

/** Issues keyed by their path without the leading "body": `hours.1.close`. */
export function issuesToFields(issues: readonly Issue[], lang: Lang = getLang()): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const path = (issue.path ?? []).map(String);
    if (path[0] === 'body') path.shift();
    const key = path.join('.') || '_';
    out[key] ??= issueWords(issue.message ?? '', lang);
  }
  return out;
}

/** The field errors of a VALIDATION_FAILED answer; {} for any other error. */
export function fieldErrorsOf(err: unknown): FieldErrors {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return {};
  const details = (err as { details?: unknown }).details;
  return Array.isArray(details) ? issuesToFields(details as Issue[]) : {};
}

export function Field({
  label,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ComponentChildren;
  wide?: boolean;
}) {
  return (
    <label class={`field${error ? ' field-invalid' : ''}${wide ? ' field-wide' : ''}`}>
      <span class="field-label">{label}</span>
      {children}
      {hint && !error && <small class="field-hint">{hint}</small>}
      {error && (
        <small class="field-error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}

export type Status = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown } | null;

/** One save at a time; the result as a status line and field errors. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const run = async (fn: () => Promise<string | void>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setStatus(null);
    setFields({});
    try {
      const ok = await fn();
      if (ok) setStatus({ kind: 'ok', text: ok });
      return true;
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setStatus({ kind: 'error', error: err });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, fields, setFields, setStatus, run };
}

export function StatusLine({ status, testid }: { status: Status; testid?: string }) {
  useLang();
  if (!status) return null;
  if (status.kind === 'ok')
    return (
      <p class="status status-ok" role="status" data-testid={testid}>
        {status.text}
      </p>
    );
  return (
    <p class="status status-error" role="alert" data-testid={testid}>
      {describeError(status.error)}
    </p>
  );
}

/**
 * The end of a form: the save button (a submit; or `onSave` where the section is no form),
 * disabled while the action runs, cancel when `onCancel` is given, and the action's status.
 */
export function FormActions({
  action,
  label,
  testid,
  onSave,
  onCancel,
}: {
  action: { busy: boolean; status: Status };
  label: string;
  testid?: string;
  onSave?: () => void;
  onCancel?: () => void;
}) {
  const t = useT(strings);
  return (
    <div class="form-actions">
      <button
        type={onSave ? 'button' : 'submit'}
        class="btn btn-primary"
        disabled={action.busy}
        data-testid={testid}
        onClick={onSave}
      >
        {label}
      </button>
      {onCancel && (
        <button type="button" class="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
      <StatusLine status={action.status} />
    </div>
  );
}

/** The list with item `i` moved `by` places (-1 up, 1 down). */
export function moved<T>(list: readonly T[], i: number, by: number): T[] {
  const next = list.slice();
  const [item] = next.splice(i, 1);
  next.splice(i + by, 0, item!);
  return next;
}

/** ↑ and ↓ of item `i` of `count` in an ordered list; `what` names the item to a screen reader. */
export function MoveButtons({
  i,
  count,
  what,
  onMove,
}: {
  i: number;
  count: number;
  what?: string;
  onMove: (by: -1 | 1) => void;
}) {
  const t = useT(strings);
  const named = (action: string) => (what ? `${action} ${what}` : action);
  return (
    <>
      <button
        type="button"
        class="btn btn-small"
        disabled={i === 0}
        onClick={() => onMove(-1)}
        aria-label={named(t('moveUp'))}
      >
        ↑
      </button>
      <button
        type="button"
        class="btn btn-small"
        disabled={i === count - 1}
        onClick={() => onMove(1)}
        aria-label={named(t('moveDown'))}
      >
        ↓
      </button>
    </>
  );
}

/** A number input's value; NaN (sent as is) when empty, so the schema says what is wrong. */
export const num = (v: string): number => (v.trim() === '' ? NaN : Number(v));
