// Tickets only for a wait that leads somewhere (issue 13): the kiosk reads
// GET /halls/:hallId/availability (the same gate that refuses issuing) and, instead of issuing,
// says so. Outside hours: one big notice, in Chinese AND English at once (a foreign resident
// should not have to find the switch), with the next opening. A matter no counter serves is a
// greyed tile that says why; one whose counters are all at lunch says when service resumes.
import { get } from '../ui/api.ts';
import { useLang, type Lang, type Strings, translator, useT } from '../ui/i18n.ts';
import type { Hall, Matter } from '../ui/types.ts';

export interface Availability {
  matterId: string;
  available: boolean;
  reason: 'closed' | 'after_last_ticket' | 'unserved' | null;
  nextOpening: string | null;
  lastTicket: string | null;
  pausedUntil: string | null;
  counters: number;
}

export type AvailabilityMap = Map<string, Availability>;

export async function loadAvailability(hallId: string): Promise<AvailabilityMap> {
  const { matters } = await get<{ matters: Availability[] }>(`/halls/${hallId}/availability`);
  return new Map(matters.map((a) => [a.matterId, a]));
}

export const availabilityStrings: Strings<
  | 'closedTitle'
  | 'closedLead'
  | 'nextOpening'
  | 'noNextOpening'
  | 'closedCheckIn'
  | 'unserved'
  | 'afterLastTicket'
  | 'pausedUntil'
  | 'availableNow'
  | 'noneNow'
> = {
  zh: {
    closedTitle: '大厅现在不办公',
    closedLead: '现在不能取号，请在开放时间再来',
    nextOpening: '下次开放：{when}',
    noNextOpening: '开放时间请咨询工作人员',
    closedCheckIn: '已预约的群众请点下方“预约签到”',
    unserved: '今天暂无窗口办理此事项',
    afterLastTicket: '今日取号已于 {time} 截止',
    pausedUntil: '窗口午休，{time} 恢复办理',
    availableNow: '现在可以取号：{list}',
    noneNow: '现在没有可以取号的事项，请咨询工作人员',
  },
  en: {
    closedTitle: 'The hall is closed now',
    closedLead: 'No tickets now; please come back during opening hours',
    nextOpening: 'Opens next: {when}',
    noNextOpening: 'Please ask the staff for the opening hours',
    closedCheckIn: 'Booked? Touch “Check in” below',
    unserved: 'No counter serves this matter today',
    afterLastTicket: 'Tickets for this matter ended at {time} today',
    pausedUntil: 'Counters at lunch; service resumes at {time}',
    availableNow: 'Tickets can be taken now for: {list}',
    noneNow: 'No matter issues tickets right now; please ask the staff',
  },
};

/** "12月3日 星期四 09:00" / "Thursday 3 December, 09:00" in the hall's time zone. */
export function whenText(iso: string, timeZone: string, lang: Lang): string {
  const ms = Date.parse(iso);
  const opts: Intl.DateTimeFormatOptions = {
    timeZone,
    month: 'long',
    day: 'numeric',
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', opts).format(ms);
  } catch {
    return iso.slice(0, 16).replace('T', ' ');
  }
}

const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    Date.parse(iso),
  );

/** The hall is closed for walk-ins: every matter that has an answer says 'closed'. */
export function hallClosed(avail: AvailabilityMap | null, matters: Matter[] | null): Availability | null {
  if (!avail || !matters?.length) return null;
  const list = matters.map((m) => avail.get(m.id)).filter((a): a is Availability => !!a);
  if (!list.length || !list.every((a) => a.reason === 'closed')) return null;
  const next = list
    .map((a) => a.nextOpening)
    .filter((x): x is string => !!x)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return { ...list[0]!, nextOpening: next ?? null };
}

/** Whether the tile may be touched, and the words that say why not (or when counters resume). */
export function tileState(
  a: Availability | undefined,
  hall: Hall,
  lang: Lang,
): { open: boolean; reason: string | null; note: string | null } {
  const t = translator(availabilityStrings, lang);
  if (!a) return { open: true, reason: null, note: null };
  const note =
    a.available && a.pausedUntil ? t('pausedUntil', { time: hhmm(a.pausedUntil, hall.timezone) }) : null;
  if (a.available) return { open: true, reason: null, note };
  if (a.reason === 'unserved') return { open: false, reason: t('unserved'), note: null };
  if (a.reason === 'after_last_ticket')
    return { open: false, reason: t('afterLastTicket', { time: a.lastTicket ?? '' }), note: null };
  return { open: false, reason: t('closedTitle'), note: null };
}

/** The big notice shown instead of the tiles while the hall is closed: both languages at once. */
export function ClosedNotice({ hall, closed }: { hall: Hall; closed: Availability }) {
  const lines = (lang: Lang) => {
    const t = translator(availabilityStrings, lang);
    return (
      <div class={`closed-lang closed-${lang}`} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <h1 class="closed-title">{t('closedTitle')}</h1>
        <p class="closed-lead">{t('closedLead')}</p>
        <p class="closed-next" data-testid={`next-opening-${lang}`}>
          {closed.nextOpening
            ? t('nextOpening', { when: whenText(closed.nextOpening, hall.timezone, lang) })
            : t('noNextOpening')}
        </p>
      </div>
    );
  };
  const lang = useLang();
  return (
    <section class="closed-notice" data-testid="hall-closed" role="status">
      {lines(lang)}
      {lines(lang === 'zh' ? 'en' : 'zh')}
      <p class="closed-checkin">{translator(availabilityStrings, lang)('closedCheckIn')}</p>
    </section>
  );
}

/** Under the tiles when some matter is unavailable: which ones can be taken now. */
export function AvailableNow({
  matters,
  avail,
  name,
}: {
  matters: Matter[];
  avail: AvailabilityMap | null;
  name: (m: Matter) => string;
}) {
  const t = useT(availabilityStrings);
  if (!avail) return null;
  const states = matters.map((m) => ({ m, a: avail.get(m.id) }));
  if (states.every((s) => !s.a || s.a.available)) return null;
  const open = states.filter((s) => (!s.a || s.a.available) && s.m.issuing.open);
  return (
    <p class="available-now" data-testid="available-now" role="status">
      {open.length
        ? t('availableNow', { list: open.map((s) => `${s.m.prefix} ${name(s.m)}`).join('、') })
        : t('noneNow')}
    </p>
  );
}
