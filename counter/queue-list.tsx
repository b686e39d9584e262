import { matterName, useLang, useT } from '../ui/i18n.ts';
import type { Matter, QueueEntry } from '../ui/types.ts';
import { strings } from './strings.ts';

/** The waiting tickets this counter may take, in the order call-next would take them. */
export function QueueList({
  queue,
  matters,
  counterId,
  canCall,
  onCall,
}: {
  queue: QueueEntry[];
  matters: Matter[];
  counterId: string;
  canCall: boolean;
  onCall: (entry: QueueEntry) => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  return (
    <section class="queue" data-testid="queue">
      <h2>
        {t('queueTitle')} <span class="queue-count">{queue.length}</span>
      </h2>
      {queue.length === 0 && <p class="queue-empty">{t('queueEmpty')}</p>}
      {/* A scrolling list: focusable, so it scrolls from the keyboard too. */}
      <ol class="queue-list" tabIndex={0} aria-label={t('queueTitle')}>
        {queue.map((q) => {
          const m = matters.find((x) => x.id === q.matterId);
          return (
            <li key={q.id} class="queue-item" data-testid={`queue-${q.number}`}>
              <span class="q-number">{q.number}</span>
              <span class="q-body">
                <span class="q-matter">{m ? matterName(m, lang) : ''}</span>
                <span class="q-tags">
                  {q.class === 'green' && <span class="tag tag-green">{t('green')}</span>}
                  {q.class === 'appointment' && <span class="tag tag-appt">{t('appointment')}</span>}
                  {q.transferred && <span class="tag tag-transfer">{t('transferred')}</span>}
                  {q.reservedCounterId === counterId && (
                    <span class="tag tag-transfer">{t('reservedHere')}</span>
                  )}
                </span>
              </span>
              <span class="q-wait">{t('waited', { n: q.waitedMinutes })}</span>
              <button
                type="button"
                class="btn btn-small"
                data-testid={`call-${q.number}`}
                disabled={!canCall}
                onClick={() => onCall(q)}
              >
                {t('callThis')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
