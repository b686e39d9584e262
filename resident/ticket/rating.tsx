// 好差评 on the holder's phone after the ticket is done: the five national levels, a reason
// (from the fixed list) required for 2 and 1, an optional comment; one rating per ticket.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../../ui/api.ts';
import { contactPhone, contactWords } from '../../ui/contact-phone.ts';
import { holderHeaders } from '../../ui/holder-link.ts';
import { useLang, useT } from '../../ui/i18n.ts';
import { ratingStrings, REASONS_EN } from './strings.ts';

interface RatingOptions {
  levels: { score: number; label: string; needsReason: boolean }[];
  reasons: string[];
  windowDays: number;
  commentMaxLength: number;
}

interface RatingStatus {
  rated: boolean;
  ratable: boolean;
  rating: { score: number; level: string } | null;
}

type Outcome =
  { kind: 'thanks'; score: number } | { kind: 'rated'; score: number | null } | { kind: 'closed' };

export function RatingForm({ ticketId, token }: { ticketId: string; token: string }) {
  const t = useT(ratingStrings);
  const tp = useT(contactWords);
  const lang = useLang();
  const [options, setOptions] = useState<RatingOptions | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [phone, setPhone] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const auth = { headers: holderHeaders(token) };

  const readStatus = async () => {
    const status = await get<RatingStatus>(`/tickets/${ticketId}/rating`, auth);
    if (status.rated)
      setOutcome((o) => (o?.kind === 'thanks' ? o : { kind: 'rated', score: status.rating?.score ?? null }));
    else if (!status.ratable) setOutcome({ kind: 'closed' });
  };

  useEffect(() => {
    void Promise.all([get<RatingOptions>('/ratings/options'), readStatus()]).then(
      ([o]) => setOptions(o),
      (err) => setError(err),
    );
  }, [ticketId]);

  const level = (s: number) => t(`level_${s}` as 'level_5');
  const needsReason = options?.levels.find((l) => l.score === score)?.needsReason ?? false;
  const scoreError = tried && score === null;
  const reasonsError = tried && needsReason && reasons.length === 0;
  const contact = needsReason ? contactPhone(phone) : null;
  const phoneError = tried && contact === 'bad';

  const submit = async () => {
    setTried(true);
    if (score === null) return formRef.current?.querySelector<HTMLInputElement>('[name=score]')?.focus();
    if (needsReason && !reasons.length)
      return formRef.current?.querySelector<HTMLInputElement>('[name=reason]')?.focus();
    if (contact === 'bad') return formRef.current?.querySelector<HTMLInputElement>('[name=contact]')?.focus();
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await post(
        `/tickets/${ticketId}/rating`,
        {
          score,
          ...(needsReason ? { reasons } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(contact ? { contactPhone: contact } : {}),
        },
        auth,
      );
      setOutcome({ kind: 'thanks', score });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_RATED') await readStatus().catch(() => {});
      else if (err instanceof ApiError && err.code === 'RATING_CLOSED') setOutcome({ kind: 'closed' });
      else setError(err);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (outcome)
    return (
      <div class="r-card rating-done" role="status" data-testid="rating-done" data-outcome={outcome.kind}>
        {outcome.kind === 'thanks' && (
          <>
            <p class="rating-thanks">{t('thanks')}</p>
            {outcome.score <= 2 && <p>{t('thanksPoor')}</p>}
          </>
        )}
        {outcome.kind === 'rated' && (
          <p class="rating-thanks">{t('rated', { level: outcome.score ? level(outcome.score) : '' })}</p>
        )}
        {outcome.kind === 'closed' && <p>{t('closed', { n: options?.windowDays ?? 7 })}</p>}
      </div>
    );
  if (!options)
    return error ? (
      <p class="r-alert r-alert-error" role="alert">
        {describeError(error, lang)}
      </p>
    ) : null;

  return (
    <form
      ref={formRef}
      class="r-card rating"
      data-testid="rating"
      noValidate
      aria-labelledby="rating-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="rating-title" class="r-subtitle">
        {t('title')}
      </h2>
      <p class="r-hint">{t('lead')}</p>
      <fieldset class="rate-levels" aria-describedby={scoreError ? 'score-error' : undefined}>
        <legend>{t('level')}</legend>
        {options.levels.map((l) => (
          <label key={l.score} class={`rate-level rate-${l.score}${score === l.score ? ' rate-chosen' : ''}`}>
            <input
              type="radio"
              name="score"
              value={l.score}
              checked={score === l.score}
              data-testid={`score-${l.score}`}
              onChange={() => setScore(l.score)}
            />
            <span>{level(l.score)}</span>
          </label>
        ))}
        {scoreError && (
          <p id="score-error" class="r-error" data-testid="score-error">
            {t('scoreRequired')}
          </p>
        )}
      </fieldset>

      {needsReason && (
        <fieldset class="rate-reasons" aria-describedby={reasonsError ? 'reasons-error' : undefined}>
          <legend>{t('reasons')}</legend>
          {options.reasons.map((r) => (
            <label key={r} class="rate-reason">
              <input
                type="checkbox"
                name="reason"
                value={r}
                checked={reasons.includes(r)}
                data-testid={`reason-${r}`}
                onChange={(e) =>
                  setReasons((list) =>
                    (e.currentTarget as HTMLInputElement).checked
                      ? [...list, r]
                      : list.filter((x) => x !== r),
                  )
                }
              />
              <span>{lang === 'en' ? (REASONS_EN[r] ?? r) : r}</span>
            </label>
          ))}
          {reasonsError && (
            <p id="reasons-error" class="r-error" data-testid="reasons-error">
              {t('reasonsRequired')}
            </p>
          )}
        </fieldset>
      )}

      {needsReason && (
        <div class="r-field">
          <label for="rating-contact">{tp('label')}</label>
          <input
            id="rating-contact"
            name="contact"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            maxLength={20}
            value={phone}
            data-testid="rating-contact"
            aria-invalid={phoneError}
            aria-describedby={phoneError ? 'contact-error contact-hint' : 'contact-hint'}
            onInput={(e) => setPhone((e.currentTarget as HTMLInputElement).value)}
          />
          <p id="contact-hint" class="r-hint">
            {tp('hint')}
          </p>
          {phoneError && (
            <p id="contact-error" class="r-error" data-testid="contact-error">
              {tp('bad')}
            </p>
          )}
        </div>
      )}

      <div class="r-field">
        <label for="rating-comment">{t('comment')}</label>
        <textarea
          id="rating-comment"
          name="comment"
          maxLength={options.commentMaxLength}
          aria-describedby="rating-comment-hint"
          value={comment}
          onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <p id="rating-comment-hint" class="r-hint">
          {t('commentHint', { n: options.commentMaxLength })}
        </p>
      </div>
      {error !== null && (
        <p class="r-alert r-alert-error" role="alert">
          {describeError(error, lang)}
        </p>
      )}
      <button
        type="submit"
        class="r-btn r-btn-primary r-btn-block"
        data-testid="rating-submit"
        disabled={busy}
      >
        {busy ? t('sending') : t('submit')}
      </button>
    </form>
  );
}
