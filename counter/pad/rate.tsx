// One rating: five big levels; 5, 4 and 3 are sent at a tap, 2 and 1 ask for at least one
// reason first. The comment is optional on both steps.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../../ui/api.ts';
import { contactPhone, contactWords } from '../../ui/contact-phone.ts';
import { useLang, useT } from '../../ui/i18n.ts';
import type { PadInfo } from './pad.tsx';
import { LEVELS_EN, REASONS_EN, strings } from './strings.ts';

interface Options {
  levels: { score: number; label: string; needsReason: boolean }[];
  reasons: string[];
  commentMaxLength: number;
}

const FALLBACK: Options = {
  levels: [
    { score: 5, label: '非常满意', needsReason: false },
    { score: 4, label: '满意', needsReason: false },
    { score: 3, label: '基本满意', needsReason: false },
    { score: 2, label: '不满意', needsReason: true },
    { score: 1, label: '非常不满意', needsReason: true },
  ],
  reasons: ['服务态度', '办事效率', '一次性告知', '多次跑腿', '环境设施', '其他'],
  commentMaxLength: 500,
};
let cached: Options | null = null;

/** A drawn face per level (no emoji font needed): the mouth curves with the score. */
function Face({ score }: { score: number }) {
  const curve = (score - 3) * 7; // +14 big smile … −14 frown
  return (
    <svg class="face" viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="29" fill="none" stroke="currentColor" stroke-width="4" />
      <circle cx="22" cy="25" r="4" fill="currentColor" />
      <circle cx="42" cy="25" r="4" fill="currentColor" />
      <path
        d={`M18 ${44 - curve / 2} Q32 ${44 + curve} 46 ${44 - curve / 2}`}
        fill="none"
        stroke="currentColor"
        stroke-width="4"
        stroke-linecap="round"
      />
    </svg>
  );
}

export function Rate({
  prompt,
  token,
  onDone,
  onUnpaired,
}: {
  prompt: NonNullable<PadInfo['prompt']>;
  token: string;
  onDone: (text: string) => void;
  onUnpaired: () => void;
}) {
  const t = useT(strings);
  const tp = useT(contactWords);
  const lang = useLang();
  const [options, setOptions] = useState<Options>(cached ?? FALLBACK);
  const [score, setScore] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!cached)
      get<Options>('/ratings/options').then(
        (o) => setOptions((cached = o)),
        () => {},
      );
  }, []);

  const send = async (s: number, why: string[], contact: string | null = null) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await post(
        `/tickets/${prompt.ticketId}/rating`,
        {
          score: s,
          ...(why.length ? { reasons: why } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(contact ? { contactPhone: contact } : {}),
        },
        { headers: { 'x-pad-token': token } },
      );
      onDone(t('thanks'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_RATED') return onDone(t('alreadyRated'));
      if (err instanceof ApiError && (err.code === 'RATING_CLOSED' || err.code === 'NOT_FINISHED'))
        return onDone(t('ratingClosed'));
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return onUnpaired();
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const tap = (level: Options['levels'][number]) => {
    if (level.needsReason) {
      setScore(level.score);
      setReasons([]);
    } else void send(level.score, []);
  };
  const label = (l: Options['levels'][number]) => (lang === 'en' ? (LEVELS_EN[l.score] ?? l.label) : l.label);
  const commentBox = (
    <label class="pad-comment">
      <span>{t('commentLabel')}</span>
      <textarea
        rows={2}
        maxLength={options.commentMaxLength}
        placeholder={t('commentPlaceholder')}
        value={comment}
        data-testid="pad-comment"
        onInput={(e) => setComment(e.currentTarget.value)}
      />
    </label>
  );

  if (score !== null) {
    const level = options.levels.find((l) => l.score === score)!;
    return (
      <form
        class="pad-reasons"
        data-testid="pad-reasons"
        onSubmit={(e) => {
          e.preventDefault();
          const contact = contactPhone(phone);
          if (!reasons.length) setError(t('reasonRequired'));
          else if (contact === 'bad') setError(tp('bad'));
          else void send(score, reasons, contact);
        }}
      >
        <h1>
          <span class={`pad-chosen level-${score}`}>
            <Face score={score} /> {score} {label(level)}
          </span>
        </h1>
        <fieldset>
          <legend>{t('reasonsTitle')}</legend>
          <div class="reason-grid">
            {options.reasons.map((r) => (
              <label key={r} class={`reason${reasons.includes(r) ? ' on' : ''}`} data-testid={`reason-${r}`}>
                <input
                  type="checkbox"
                  checked={reasons.includes(r)}
                  onChange={(e) =>
                    setReasons(e.currentTarget.checked ? [...reasons, r] : reasons.filter((x) => x !== r))
                  }
                />
                {lang === 'en' ? (REASONS_EN[r] ?? r) : r}
              </label>
            ))}
          </div>
        </fieldset>
        {commentBox}
        <label class="pad-comment">
          <span>{tp('label')}</span>
          <input
            type="tel"
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
            value={phone}
            data-testid="pad-contact"
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
          <small class="pad-contact-hint">{tp('hint')}</small>
        </label>
        {error && (
          <p class="pad-error" role="alert">
            {error}
          </p>
        )}
        <div class="pad-actions">
          <button type="button" class="pad-btn pad-btn-quiet" onClick={() => setScore(null)}>
            {t('back')}
          </button>
          <button type="submit" class="pad-btn pad-btn-primary" disabled={busy} data-testid="pad-submit">
            {busy ? t('sending') : t('submit')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <div class="pad-prompt" data-testid="pad-prompt">
      <h1>{t('promptTitle')}</h1>
      <p class="pad-ticket">{t('promptTicket', { number: prompt.number, matter: prompt.matterName })}</p>
      <div class="levels" role="group" aria-label={t('promptTitle')}>
        {options.levels.map((l) => (
          <button
            type="button"
            key={l.score}
            class={`level level-${l.score}`}
            data-testid={`level-${l.score}`}
            disabled={busy}
            onClick={() => tap(l)}
          >
            <Face score={l.score} />
            <span class="level-score">{l.score}</span>
            <span class="level-label">{label(l)}</span>
          </button>
        ))}
      </div>
      {commentBox}
      {error && (
        <p class="pad-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
