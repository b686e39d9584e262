// Kiosk check-in of a booking: the booking code (digits) or the ID number (digits and X) on a big
// on-screen keypad, checked before sending; the appointment ticket is then shown and printed like
// any ticket. Too early or too late is said with the slot's time, and too late offers a normal
// ticket for the same matter.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, post } from '../ui/api.ts';
import { serverNow, timeOf } from '../ui/clock.ts';
import { matterName, useLang, useT, type Lang } from '../ui/i18n.ts';
import { idProblem, idWords, todayIn } from '../ui/id-check.ts';
import type { Hall, Matter, Ticket } from '../ui/types.ts';
import type { IssueState } from './app.tsx';
import { checkinStrings } from './checkin-strings.ts';
import { strings } from './strings.ts';

type Mode = 'code' | 'id';
// Booking codes have 10 digits since issue 16 (6-digit codes of older bookings still work).
const MAX = { code: 10, id: 18 } as const;

interface Refusal {
  code: string;
  slotStart?: string;
  from?: string;
  until?: string;
  matterId?: string;
  number?: string | null;
}

function refusalOf(err: ApiError): Refusal {
  const d = (err.details[0] ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    code: err.code,
    slotStart: str(d.slotStart),
    from: str(d.checkInFrom),
    until: str(d.checkInUntil),
    matterId: str(d.matterId),
    number: str(d.number) ?? null,
  };
}

/** 11月19日 10:00 (the day only when it is not today). */
function moment(iso: string, tz: string, lang: Lang): string {
  const ms = Date.parse(iso);
  const time = timeOf(ms, tz, lang);
  if (todayIn(tz, ms) === todayIn(tz, serverNow())) return time;
  const day = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    month: lang === 'zh' ? 'long' : 'short',
    day: 'numeric',
    timeZone: tz,
  }).format(ms);
  return `${day} ${time}`;
}

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
  const tid = useT(idWords);
  const lang = useLang();
  const [mode, setMode] = useState<Mode>('code');
  const [value, setValue] = useState('');
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
    if (key === 'del') return setValue((v) => v.slice(0, -1));
    if (key === 'clear') return setValue('');
    if (key === 'X' && (mode !== 'id' || value.length !== MAX.id - 1)) return;
    setValue((v) => (v.length < MAX[mode] ? v + key : v));
  };

  const switchMode = (m: Mode) => {
    setMode(m);
    setValue('');
    clearMessages();
  };

  const submit = async () => {
    if (inFlight.current) return;
    clearMessages();
    if (mode === 'code' && !/^(\d{6}|\d{10})$/.test(value)) return setProblem(t('codeShort'));
    if (mode === 'id') {
      const bad = idProblem(value, todayIn(hall.timezone));
      if (bad) return setProblem(tid(bad));
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const ticket = await post<Ticket>(
        `/halls/${hall.id}/check-in`,
        mode === 'code' ? { code: value } : { idNumber: value },
        { timeoutMs: 10_000 },
      );
      onTicket(ticket);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && mode === 'id')
        setProblem(tid('checkDigit'));
      else if (err instanceof ApiError && err.status === 409) setRefusal(refusalOf(err));
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
      if (e.key >= '0' && e.key <= '9') press(e.key);
      else if (e.key === 'x' || e.key === 'X') press('X');
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
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', mode === 'id' ? 'X' : '', '0', 'del'];
  const shown = mode === 'code' ? value.padEnd(MAX.code, '·').split('') : null;
  // 110105 19600101 0012: region, birth date, sequence and check, easier to compare with the card.
  const grouped = [value.slice(0, 6), value.slice(6, 14), value.slice(14)].filter(Boolean).join(' ');

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
        <div class="checkin-entry">
          <div class="checkin-entry-label" id="checkin-entry-label">
            {mode === 'code' ? t('codeLabel') : t('idLabel')}
          </div>
          <output
            class={`checkin-value checkin-value-${mode}`}
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
              : grouped || <span class="checkin-placeholder">{t('idEmpty')}</span>}
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
        <div class="keypad" role="group" aria-label={mode === 'code' ? t('codeLabel') : t('idLabel')}>
          {keys.map((k, i) =>
            k ? (
              <button
                key={k}
                type="button"
                class={`key${k === 'del' ? ' key-word' : ''}`}
                data-testid={`key-${k}`}
                disabled={busy || (k === 'X' && value.length !== MAX.id - 1)}
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

function RefusalText({
  refusal,
  tz,
  lang,
  matter,
}: {
  refusal: Refusal;
  tz: string;
  lang: Lang;
  matter: Matter | undefined;
}) {
  const t = useT(checkinStrings);
  const at = (iso?: string) => (iso ? moment(iso, tz, lang) : '');
  let text: string;
  switch (refusal.code) {
    case 'CHECK_IN_TOO_EARLY':
      // By ID number the server names no time (a stranger may know the number).
      text = refusal.slotStart
        ? t('tooEarly', { slot: at(refusal.slotStart), from: at(refusal.from) })
        : t('tooEarlyNoTime');
      break;
    case 'CHECK_IN_TOO_LATE':
      text = refusal.slotStart
        ? t('tooLate', { slot: at(refusal.slotStart), until: at(refusal.until) })
        : t('tooLateNoTime');
      break;
    case 'ALREADY_CHECKED_IN':
      text = refusal.number ? t('alreadyIn', { number: refusal.number }) : t('alreadyInNoNumber');
      break;
    case 'INVALID_TRANSITION':
      text = t('notActive');
      break;
    default:
      text = `${describeError(new ApiError(refusal.code, 409, ''), lang)} ${t('askStaff')}`;
  }
  return (
    <p
      class="checkin-msg checkin-error"
      data-testid="checkin-refusal"
      data-code={refusal.code}
      data-matter={matter?.id}
    >
      {text}
    </p>
  );
}
