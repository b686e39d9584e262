// What the server said when it refused a check-in (too early, too late, already in…), in words
// naming the slot's time where the server gave it (never for a check-in by document number).
import { ApiError, describeError } from '../ui/api.ts';
import { serverNow, timeOf } from '../ui/clock.ts';
import { useT, type Lang } from '../ui/i18n.ts';
import { todayIn } from '../ui/id-check.ts';
import type { Matter } from '../ui/types.ts';
import { checkinStrings } from './checkin-strings.ts';

export interface Refusal {
  code: string;
  slotStart?: string;
  from?: string;
  until?: string;
  matterId?: string;
  number?: string | null;
}

export function refusalOf(err: ApiError): Refusal {
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

export function RefusalText({
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
