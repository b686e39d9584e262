import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../ui/i18n.ts';
import type { Ticket } from '../../ui/types.ts';
import { strings } from './strings.ts';

/** Called: the whole screen says where to go, readable at arm's length while walking. */
export function CalledOverlay({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const t = useT(strings);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), [ticket.callCount]);
  const where = ticket.counterNumber ? t('goTo', { n: ticket.counterNumber }) : t('goToCounter');
  return (
    <div
      class="called"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="called-where"
      aria-describedby="called-lead"
      data-testid="called"
    >
      <p id="called-lead" class="called-lead">
        {t('calledLead')}
      </p>
      <p class="called-number" data-testid="called-number">
        {ticket.number}
      </p>
      <p id="called-where" class="called-where" data-testid="called-where">
        {where}
      </p>
      {ticket.callCount > 1 && <p class="called-again">{t('calledAgain', { n: ticket.callCount })}</p>}
      <button type="button" class="called-ok" ref={button} data-testid="called-ok" onClick={onClose}>
        {t('gotIt')}
      </button>
    </div>
  );
}
