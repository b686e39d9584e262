// Kiosk check-in of a booking: the booking code (digits) or the number of the document booked
// with (picked on large buttons; doc-pad.tsx) on a big on-screen keypad, checked before sending
// with that document's own words (ui/doc-check.ts, as on the booking page); the appointment
// ticket is then shown and printed like any ticket. Too early or too late is said with the slot's
// time (checkin-refusal.tsx), and too late offers a normal ticket for the same matter.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, post } from '../ui/api.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import {
  DOC_FIELDS,
  docProblem,
  docProblemText,
  docWords,
  type DocProblem,
  type DocumentType,
} from '../ui/doc-check.ts';
import { todayIn } from '../ui/id-check.ts';
import type { Hall, Matter, Ticket } from '../ui/types.ts';
import type { IssueState } from './app.tsx';
import { RefusalText, refusalOf, type Refusal } from './checkin-refusal.tsx';
import { checkinStrings } from './checkin-strings.ts';
import { AlphaKeypad, DOC_MAX, DocPicker, keyAllowed } from './doc-pad.tsx';
import { strings } from './strings.ts';

type Mode = 'code' | 'id';
// Booking codes have 10 digits since issue 16 (6-digit codes of older bookings still work).
const CODE_MAX = 10;

export function CheckIn({
  hall,
  matters,
  issue,
  onTicket,
  onTakeNormal,
  onBack,
}: {
  hall: Hall;
  matters: Matter[] | null;
  issue: IssueState;
  onTicket: (ticket: Ticket) => void;
  onTakeNormal: (matter: Matter) => void;
  onBack: () => void;
}) {
  const t = useT(checkinStrings);
  const tk = useT(strings);
  const tdoc = useT(docWords);
  const lang = useLang();
  const [mode, setMode] = useState<Mode>('code');
  const [docType, setDocType] = useState<DocumentType>('resident_id');
  const [value, setValue] = useState('');
  const [nationality, setNationality] = useState('');
  const [field, setField] = useState<'number' | 'nationality'>('number');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const inFlight = useRef(false);

  const clearMessages = () => {
    setProblem(null);
    setRefusal(null);
    setFailure(null);
  };

  const press = (key: string) => {
    if (busy) return;
    clearMessages();
    const natField = mode === 'id' && docType === 'passport' && field === 'nationality';
    const set = natField ? setNationality : setValue;
    if (key === 'del') return set((v) => v.slice(0, -1));
    if (key === 'clear') return set('');
    if (mode === 'code') {
      if (!/^\d$/.test(key)) return;
      return setValue((v) => (v.length < CODE_MAX ? v + key : v));
    }
    if (natField) {
      if (keyAllowed('nationality', key, nationality)) setNationality((v) => (v.length < 3 ? v + key : v));
      return;
    }
    if (!keyAllowed(docType, key, value)) return;
    setValue((v) => (v.length < DOC_MAX[docType] ? v + key : v));
  };

  const switchMode = (m: Mode) => {
    setMode(m);
    setValue('');
    setField('number');
    clearMessages();
  };

  const pickDoc = (d: DocumentType) => {
    setDocType(d);
    setValue('');
    setNationality('');
    setField('number');
    clearMessages();
  };

  const submit = async () => {
    if (inFlight.current) return;
    clearMessages();
    if (mode === 'code' && !/^(\d{6}|\d{10})$/.test(value)) return setProblem(t('codeShort'));
    if (mode === 'id') {
      const bad = docProblem(docType, value, nationality, todayIn(hall.timezone));
      if (bad) {
        if (bad === 'nationality') setField('nationality');
        return setProblem(docProblemText(docType, bad, lang));
      }
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const ticket = await post<Ticket>(
        `/halls/${hall.id}/check-in`,
        mode === 'code'
          ? { code: value }
          : { idNumber: value, documentType: docType, ...(docType === 'passport' ? { nationality } : {}) },
        { timeoutMs: 10_000 },
      );
      onTicket(ticket);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && mode === 'id') {
        // The server's reason (region, check digit…) in this document's words; its form otherwise.
        const reason = (err.details[0] as { code?: DocProblem } | undefined)?.code ?? 'format';
        setProblem(docProblemText(docType, reason, lang) || docProblemText(docType, 'format', lang));
      } else if (err instanceof ApiError && err.status === 409) setRefusal(refusalOf(err));
      else if (err instanceof ApiError && err.code === 'NOT_FOUND')
        setProblem(mode === 'code' ? t('notFoundCode') : t('notFoundId'));
      else setFailure(err);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  // A keyboard (or a barcode scanner reading the booking's QR code) types as well as the keypad.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^[0-9a-zA-Z]$/.test(e.key)) press(e.key.toUpperCase());
      else if (e.key === 'Backspace') press('del');
      else if (e.key === 'Enter') void submit();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const tz = hall.timezone;
  const refusedMatter = refusal?.matterId ? matters?.find((m) => m.id === refusal.matterId) : undefined;
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', 'del'];
  const shown = mode === 'code' ? value.padEnd(CODE_MAX, '·').split('') : null;
  // 110105 19600101 0012: region, birth date, sequence and check, easier to compare with the card.
  const grouped =
    DOC_MAX[docType] === 18 && /^\d/.test(value)
      ? [value.slice(0, 6), value.slice(6, 14), value.slice(14)].filter(Boolean).join(' ')
      : value;
  const docField = DOC_FIELDS[docType][lang];
  const entryLabel = mode === 'code' ? t('codeLabel') : docField.label;
  const passport = mode === 'id' && docType === 'passport';

  return (
    <section class="checkin" data-testid="checkin">
      <div class="checkin-side">
        <h1 class="checkin-title">{t('title')}</h1>
        <p class="checkin-lead">{t('lead')}</p>
        <div class="checkin-modes" role="radiogroup" aria-label={t('title')}>
          {(['code', 'id'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              class={`checkin-mode${mode === m ? ' checkin-mode-on' : ''}`}
              data-testid={`mode-${m}`}
              onClick={() => switchMode(m)}
            >
              {m === 'code' ? t('byCode') : t('byId')}
            </button>
          ))}
        </div>
        {mode === 'id' && <DocPicker type={docType} lang={lang} label={tdoc('docType')} onPick={pickDoc} />}
        {passport && (
          <div class="checkin-entry">
            <div class="checkin-entry-label" id="checkin-nat-label">
              {tdoc('nationalityLabel')}
            </div>
            <output
              class={`checkin-value${field === 'nationality' ? ' checkin-field-on' : ''}`}
              data-testid="checkin-nationality"
              aria-labelledby="checkin-nat-label"
            >
              {nationality || <span class="checkin-placeholder">{tdoc('nationalityHint')}</span>}
            </output>
          </div>
        )}
        <div class="checkin-entry">
          <div class="checkin-entry-label" id="checkin-entry-label">
            {entryLabel}
          </div>
          <output
            class={`checkin-value checkin-value-${mode}${passport && field === 'number' ? ' checkin-field-on' : ''}`}
            data-testid="checkin-value"
            aria-labelledby="checkin-entry-label"
            aria-live="polite"
          >
            {shown
              ? shown.map((c, i) => (
                  <span key={i} class={`code-box${c === '·' ? ' code-box-empty' : ''}`}>
                    {c === '·' ? '' : c}
                  </span>
                ))
              : grouped || <span class="checkin-placeholder">{docField.hint}</span>}
          </output>
        </div>

        <div class="checkin-messages" role="alert" aria-live="assertive" data-testid="checkin-message">
          {busy && <p class="checkin-msg checkin-busy">{t('checking')}</p>}
          {problem && <p class="checkin-msg checkin-error">{problem}</p>}
          {failure !== null && <p class="checkin-msg checkin-error">{describeError(failure, lang)}</p>}
          {refusal && <RefusalText refusal={refusal} tz={tz} lang={lang} matter={refusedMatter} />}
          {refusal?.code === 'CHECK_IN_TOO_LATE' && refusedMatter && (
            <div class="checkin-offer">
              <p>{t('offerNormal', { matter: matterName(refusedMatter, lang) })}</p>
              {refusedMatter.issuing.open ? (
                <button
                  type="button"
                  class="btn btn-primary"
                  data-testid="take-normal"
                  disabled={issue.busy}
                  onClick={() => onTakeNormal(refusedMatter)}
                >
                  {issue.busy ? tk('issuing') : t('takeNormal')}
                </button>
              ) : (
                <p>{t('normalClosed')}</p>
              )}
            </div>
          )}
          {issue.retrying && <p class="checkin-msg issue-retrying">{tk('retrying')}</p>}
          {!issue.busy && issue.error !== null && (
            <p class="checkin-msg checkin-error">
              {issue.error instanceof ApiError && issue.error.retryable
                ? tk('gaveUp')
                : describeError(issue.error, lang)}
            </p>
          )}
        </div>
        <button type="button" class="btn btn-secondary checkin-back" onClick={onBack} disabled={busy}>
          {t('back')}
        </button>
      </div>

      <div class="checkin-pad">
        {passport && (
          <div class="checkin-modes" role="radiogroup" aria-label={t('typeInto')}>
            {(['number', 'nationality'] as const).map((f) => (
              <button
                key={f}
                type="button"
                role="radio"
                aria-checked={field === f}
                class={`checkin-mode${field === f ? ' checkin-mode-on' : ''}`}
                data-testid={`field-${f}`}
                onClick={() => setField(f)}
              >
                {f === 'number' ? docField.label : t('nationality')}
              </button>
            ))}
          </div>
        )}
        {mode === 'id' ? (
          <AlphaKeypad
            type={passport && field === 'nationality' ? 'nationality' : docType}
            value={passport && field === 'nationality' ? nationality : value}
            busy={busy}
            label={passport && field === 'nationality' ? tdoc('nationalityLabel') : entryLabel}
            deleteWord={t('delete')}
            onPress={press}
          />
        ) : (
          <div class="keypad" role="group" aria-label={entryLabel}>
            {keys.map((k, i) =>
              k ? (
                <button
                  key={k}
                  type="button"
                  class={`key${k === 'del' ? ' key-word' : ''}`}
                  data-testid={`key-${k}`}
                  disabled={busy}
                  aria-label={k === 'del' ? t('delete') : k}
                  onClick={() => press(k)}
                >
                  {k === 'del' ? `⌫ ${t('delete')}` : k}
                </button>
              ) : (
                <span key={`blank${i}`} aria-hidden="true" />
              ),
            )}
          </div>
        )}
        <div class="checkin-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="key-clear"
            disabled={busy || !value}
            onClick={() => press('clear')}
          >
            {t('clear')}
          </button>
          <button
            type="button"
            class="btn btn-primary"
            data-testid="checkin-submit"
            disabled={busy || !value}
            onClick={() => void submit()}
          >
            {busy ? t('checking') : t('submit')}
          </button>
        </div>
      </div>
    </section>
  );
}
