import { common, matterName, useLang, useT, waitText } from '../ui/i18n.ts';
import type { Hall, Matter } from '../ui/types.ts';
import { AvailableNow, ClosedNotice, hallClosed, tileState, type AvailabilityMap } from './availability.tsx';
import { CheckinSlot } from './checkin-slot.tsx';
import { Pager, usePages } from './pager.tsx';
import { priorityStrings } from './priority.tsx';
import { strings } from './strings.ts';

/** Tiles a page in elder mode: two rows of two large ones. */
export const ELDER_PAGE_SIZE = 4;

export function Home({
  hall,
  matters,
  avail = null,
  onChoose,
  onCheckIn,
  onPriority,
  elder = false,
  onElder,
}: {
  hall: Hall;
  matters: Matter[] | null;
  /** What the issuing gate says now (closed, unserved, paused); null until it answered. */
  avail?: AvailabilityMap | null;
  onChoose: (m: Matter) => void;
  onCheckIn?: () => void;
  /** 优先通道: shown when the hall has green-channel categories. */
  onPriority?: () => void;
  /** 适老化: elder mode is on (fewer, larger tiles a page). */
  elder?: boolean;
  /** The 长者模式 button; absent while the mode is on. */
  onElder?: () => void;
}) {
  const t = useT(strings);
  const tp = useT(priorityStrings);
  const tc = useT(common);
  const lang = useLang();
  const closedReason = (m: Matter) => {
    switch (m.issuing.reason) {
      case 'booking_only':
        return t('closedBookingOnly');
      case 'after_last_issue':
        return m.lastIssueTime
          ? t('closedAfterLastIssueAt', { time: m.lastIssueTime.slice(0, 5) })
          : t('closedAfterLastIssue');
      case 'quota_reached':
        return t('closedQuota');
      default:
        return '';
    }
  };
  const closed = hallClosed(avail, matters);
  const pages = usePages(closed ? [] : (matters ?? []), elder ? ELDER_PAGE_SIZE : undefined);
  return (
    <section class="home">
      {closed ? (
        <ClosedNotice hall={hall} closed={closed} />
      ) : (
        <>
          <h1 class="home-title">{t('title')}</h1>
          <p class="home-subtitle">{t('subtitle')}</p>
        </>
      )}
      {matters === null && <p class="kiosk-note">{tc('loading')}</p>}
      {matters?.length === 0 && <p class="kiosk-note">{t('noMatters')}</p>}
      <div class="tiles" ref={pages.ref} data-count={closed ? 0 : (matters?.length ?? 0)}>
        {pages.shown.map((m) => {
          const gate = tileState(avail?.get(m.id), hall, lang);
          const gateEn = lang === 'zh' ? tileState(avail?.get(m.id), hall, 'en') : null;
          const open = m.issuing.open && gate.open;
          return (
            <button
              type="button"
              key={m.id}
              class={`tile ${open ? 'tile-open' : 'tile-closed'}`}
              data-testid={`matter-${m.prefix}`}
              data-available={String(open)}
              disabled={!open}
              aria-disabled={!open}
              onClick={() => open && onChoose(m)}
            >
              <span class="tile-prefix" aria-hidden="true">
                {m.prefix}
              </span>
              <span class="tile-name">{matterName(m, lang)}</span>
              {lang === 'zh' && m.nameEn && <span class="tile-name-en">{m.nameEn}</span>}
              {open && gate.note && <span class="tile-note">{gate.note}</span>}
              {open ? (
                <span class="tile-queue">
                  <span class="tile-waiting">{t('waiting', { n: m.waiting })}</span>
                  <span class="tile-wait">
                    {t('estimate', { wait: waitText(m.estimatedWaitMinutes, lang) })}
                  </span>
                </span>
              ) : (
                <span class="tile-reason" data-testid={`reason-${m.prefix}`}>
                  {m.issuing.open ? gate.reason : closedReason(m)}
                  {m.issuing.open && gateEn?.reason && (
                    <span class="tile-reason-en" lang="en">
                      {gateEn.reason}
                    </span>
                  )}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <Pager page={pages.page} count={pages.count} go={pages.go} />
      {matters && !closed && (
        <AvailableNow matters={matters} avail={avail} name={(m) => matterName(m, lang)} />
      )}
      {onElder && (
        <button type="button" class="btn elder-entry" data-testid="elder-mode" onClick={onElder}>
          {t('elderMode')}
          {lang === 'zh' && <small lang="en">Elder mode: larger text, read aloud</small>}
        </button>
      )}
      <footer class="home-footer">
        <div class="checkin-slot">
          <CheckinSlot hallId={hall.id} onOpen={onCheckIn} />
        </div>
        {onPriority && (
          <button type="button" class="priority-entry" data-testid="priority" onClick={onPriority}>
            {tp('priority')}
          </button>
        )}
        <p class="help">{t('help')}</p>
      </footer>
    </section>
  );
}
