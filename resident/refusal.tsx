// A refused booking, change or cancellation in plain words, with the next free time offered
// when another time would help (a full slot, a slot gone, a second booking on one day).
import { ApiError, describeError } from '../ui/api.ts';
import { useLang, useT } from '../ui/i18n.ts';
import { slotWhen } from './format.ts';
import type { Slot } from './slot-picker.tsx';
import { isRefusal, refusals, strings as rs } from './strings.ts';

export interface Refusal {
  error: unknown;
  /** The next free slot (null: none); undefined when another time would not help. */
  next?: Slot | null;
}

export function RefusalBox({
  refusal,
  timezone,
  busy,
  limit = '',
  onTake,
  onOther,
}: {
  refusal: Refusal;
  timezone: string;
  busy: boolean;
  /** When changes close (for TOO_LATE_TO_CANCEL). */
  limit?: string;
  onTake: (s: Slot) => void;
  onOther: () => void;
}) {
  const tr = useT(rs);
  const words = useT(refusals);
  const lang = useLang();
  const err = refusal.error;
  let text = describeError(err, lang);
  if (err instanceof ApiError && isRefusal(err.code)) {
    text = words(err.code, { limit });
    const until = /from (\d{4}-\d{2}-\d{2})/.exec(err.message)?.[1];
    if (err.code === 'BOOKING_BLOCKED' && until) text += tr('bookingBlockedUntil', { date: until });
  }
  const { next } = refusal;
  return (
    <div class="r-alert r-alert-error refusal" data-testid="refusal">
      <p class="refusal-text">{text}</p>
      {next === null && <p>{tr('noNext')}</p>}
      {next && (
        <>
          <p data-testid="next-offer">
            {tr('nextOffer', { when: slotWhen(next.start, next.end, timezone, lang) })}
          </p>
          <button
            type="button"
            class="r-btn r-btn-primary r-btn-block"
            data-testid="take-next"
            disabled={busy}
            onClick={() => onTake(next)}
          >
            {tr('takeNext')}
          </button>
        </>
      )}
      {next !== undefined && (
        <button type="button" class="r-btn r-btn-secondary r-btn-block" onClick={onOther}>
          {tr('pickOther')}
        </button>
      )}
    </div>
  );
}
