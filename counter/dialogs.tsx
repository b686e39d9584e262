import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { get } from '../ui/api.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import type { Counter, Matter } from '../ui/types.ts';
import { consoleStrings } from './console-strings.ts';
import { strings } from './strings.ts';

/** A modal: Esc or the cancel button closes it; focus starts inside. */
export function Modal({
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
        <div class="modal-body">{children}</div>
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
  const tc = useT(consoleStrings);
  const lang = useLang();
  useEffect(() => {
    setCounters([]);
    get<Counter[]>(`/halls/${hallId}/counters`).then(setCounters, () => {});
  }, [hallId]);
  // Only what can take the ticket now: the other open counters, and the matters one of them
  // serves (counters are null until the hall's list has come).
  const open = counters.length
    ? counters.filter((c) => c.id !== currentCounterId && c.status === 'open')
    : null;
  const served = open ? matters.filter((m) => open.some((c) => c.matterIds.includes(m.id))) : [];
  return (
    <Modal title={t('transferTitle', { number: ticketNumber })} onCancel={onCancel} testid="transfer-dialog">
      {open === null ? (
        <p class="modal-note">{tc('lookingUp')}</p>
      ) : open.length === 0 ? (
        <p class="modal-note" data-testid="transfer-none">
          {tc('noTransferTarget')}
        </p>
      ) : (
        <div class="transfer-columns">
          <section>
            <h3>{t('toMatter')}</h3>
            <div class="choice-list">
              {served.map((m) => (
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
              {open.map((c) => (
                <button
                  type="button"
                  key={c.id}
                  class="choice"
                  data-testid={`transfer-counter-${c.number}`}
                  onClick={() => onPick({ counterId: c.id })}
                >
                  <b>{c.name}</b>
                </button>
              ))}
            </div>
          </section>
        </div>
      )}
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
