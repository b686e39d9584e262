import { useEffect, useState } from 'preact/hooks';
import { get } from '../ui/api.ts';
import { useDebounced } from '../ui/hooks.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import { HallFeed } from '../ui/socket.ts';
import type { Counter, Hall, Matter, StaffUser } from '../ui/types.ts';
import { strings } from './strings.ts';

/** Choose a counter: the free ones open at a touch; the ones taken say by whom. */
export function Picker({
  me,
  hall,
  counters: initial,
  onOpen,
}: {
  me: StaffUser;
  hall: Hall;
  counters: Counter[];
  onOpen: (c: Counter) => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const [counters, setCounters] = useState(initial);
  const [matters, setMatters] = useState<Matter[]>([]);
  const refresh = useDebounced(() => {
    get<Counter[]>(`/halls/${hall.id}/counters`).then(setCounters, () => {});
  }, 300);

  useEffect(() => {
    get<Matter[]>(`/halls/${hall.id}/matters`).then(setMatters, () => {});
    const feed = new HallFeed(hall.id, {
      snapshot: refresh,
      event: (ev) => ev.type === 'counter.updated' && refresh(),
    });
    return () => feed.close();
  }, [hall.id]);

  const names = (c: Counter) =>
    c.matterIds
      .map((id) => matters.find((m) => m.id === id))
      .filter((m): m is Matter => !!m)
      .map((m) => matterName(m, lang))
      .join(' · ');
  const statusWord = { closed: t('statusClosed'), open: t('statusOpen'), paused: t('statusPaused') };

  return (
    <section class="picker">
      <h1>{t('pickTitle')}</h1>
      <p class="picker-lead">{t('pickLead')}</p>
      {counters.length === 0 && <p class="app-note">{t('noCounters')}</p>}
      <div class="picker-grid">
        {counters.map((c) => {
          const taken = c.status !== 'closed' && c.clerk !== null && c.clerk.id !== me.id;
          return (
            <button
              type="button"
              key={c.id}
              class={`counter-card status-${c.status}${taken ? ' taken' : ''}`}
              data-testid={`open-counter-${c.number}`}
              disabled={taken}
              onClick={() => onOpen(c)}
            >
              <span class="cc-number">{c.number}</span>
              <span class="cc-name">{c.name}</span>
              <span class="cc-matters">{names(c)}</span>
              <span class="cc-status">
                {statusWord[c.status]}
                {taken && c.clerk ? ` · ${t('takenBy', { name: c.clerk.name })}` : ''}
              </span>
              {!taken && <span class="cc-action">{t('openCounter')}</span>}
            </button>
          );
        })}
      </div>
    </section>
  );
}
