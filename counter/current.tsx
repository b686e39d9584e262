import { elapsed } from '../ui/clock.ts';
import { useNow } from '../ui/hooks.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import type { Counter, Matter } from '../ui/types.ts';
import { strings } from './strings.ts';

/** The ticket at the counter: number, matter, state, call count and a running timer. */
export function CurrentTicket({
  counter,
  matters,
  paused,
}: {
  counter: Counter;
  matters: Matter[];
  paused: boolean;
}) {
  const t = useT(strings);
  const lang = useLang();
  const now = useNow(1000);
  const cur = counter.currentTicket;
  if (!cur) {
    return (
      <div class="current current-empty" data-testid="current">
        <div class="current-label">{t('current')}</div>
        <p class="current-none">{paused ? t('pausedNote') : t('noCurrent')}</p>
      </div>
    );
  }
  const matter = matters.find((m) => m.id === cur.matterId);
  const serving = cur.status === 'serving';
  const since = serving ? cur.startedAt : cur.calledAt;
  return (
    <div class={`current current-${cur.status}`} data-testid="current">
      <div class="current-label">{t('current')}</div>
      <div class="current-row">
        <div class="current-number" data-testid="current-number">
          {cur.number}
        </div>
        <div class="current-facts">
          <div class="current-matter">{matter ? matterName(matter, lang) : ''}</div>
          <div class="current-state">{serving ? t('ticketServing') : t('ticketCalled')}</div>
          {!serving && (
            <div class="current-calls" data-testid="call-count">
              {t('callCount', { n: cur.callCount })}
            </div>
          )}
          {since && (
            <div class="current-timer" data-testid="timer">
              {serving
                ? t('servingFor', { time: elapsed(since, now) })
                : t('calledFor', { time: elapsed(since, now) })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
