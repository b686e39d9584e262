import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { get } from '../ui/api.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import type { Counter, Matter } from '../ui/types.ts';
import { strings } from './strings.ts';

/** A modal: Esc or the cancel button closes it; focus starts inside. */
function Modal({
  title,
  onCancel,
  children,
  testid,
}: {
  title: string;
  onCancel: () => void;
  children: ComponentChildren;
  testid: string;
}) {
  const t = useT(strings);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // Focus starts on Cancel: a stray Enter must not transfer or close anything.
    box.current?.querySelector<HTMLElement>('[data-testid=dialog-cancel]')?.focus();
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
      }
    };
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('keydown', key);
      previous?.focus?.();
    };
  }, []);
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onCancel()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={title} ref={box} data-testid={testid}>
        <h2>{title}</h2>
        {children}
        <div class="modal-actions">
          <button type="button" class="btn btn-secondary" data-testid="dialog-cancel" onClick={onCancel}>
            {t('cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

export function TransferDialog({
  ticketNumber,
  ticketMatterId,
  hallId,
  matters,
  counters,
  setCounters,
  currentCounterId,
  onPick,
  onCancel,
}: {
  ticketNumber: string;
  ticketMatterId: string;
  hallId: string;
  matters: Matter[];
  counters: Counter[];
  setCounters: (c: Counter[]) => void;
  currentCounterId: string;
  onPick: (target: { matterId: string } | { counterId: string }) => void;
  onCancel: () => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  useEffect(() => {
    get<Counter[]>(`/halls/${hallId}/counters`).then(setCounters, () => {});
  }, [hallId]);
  const status = { closed: t('statusClosed'), open: t('statusOpen'), paused: t('statusPaused') };
  return (
    <Modal title={t('transferTitle', { number: ticketNumber })} onCancel={onCancel} testid="transfer-dialog">
      <div class="transfer-columns">
        <section>
          <h3>{t('toMatter')}</h3>
          <div class="choice-list">
            {matters.map((m) => (
              <button
                type="button"
                key={m.id}
                class="choice"
                data-testid={`transfer-matter-${m.prefix}`}
                onClick={() => onPick({ matterId: m.id })}
              >
                <b>{m.prefix}</b> {matterName(m, lang)}
                {m.id === ticketMatterId && <small>{t('currentMatter')}</small>}
              </button>
            ))}
          </div>
        </section>
        <section>
          <h3>{t('toCounter')}</h3>
          <div class="choice-list">
            {counters
              .filter((c) => c.id !== currentCounterId)
              .map((c) => (
                <button
                  type="button"
                  key={c.id}
                  class="choice"
                  data-testid={`transfer-counter-${c.number}`}
                  onClick={() => onPick({ counterId: c.id })}
                >
                  <b>{c.name}</b> <small>{status[c.status]}</small>
                </button>
              ))}
          </div>
        </section>
      </div>
    </Modal>
  );
}

export function CloseDialog({
  name,
  onConfirm,
  onCancel,
}: {
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT(strings);
  return (
    <Modal title={t('closeTitle', { name })} onCancel={onCancel} testid="close-dialog">
      <button type="button" class="btn btn-danger" data-testid="close-confirm" onClick={onConfirm}>
        {t('closeConfirm')}
      </button>
    </Modal>
  );
}
