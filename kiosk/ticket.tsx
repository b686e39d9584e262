import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { dateTimeOf } from '../ui/clock.ts';
import { holderHref } from '../ui/holder-link.ts';
import { matterName, translator, useLang, useT, waitText, type Strings } from '../ui/i18n.ts';
import type { Hall, Matter, Ticket } from '../ui/types.ts';
import { priorityStrings } from './priority.tsx';
import { strings } from './strings.ts';

/** The mark of a checked-in booking's ticket, on screen and on paper. */
const mark: Strings<'appointment'> = {
  zh: { appointment: '预约' },
  en: { appointment: 'Booked' },
};

/**
 * Tickets already sent to the printer: one touch never prints twice, even on a re-render. Only
 * the last few are kept: a kiosk prints thousands of tickets a week without a reload, and a set
 * of every one grew by about 100 bytes a ticket for as long as it ran (the soak, issue 20).
 */
const printed = new Set<string>();
const PRINTED_KEPT = 20;
function notePrinted(ticketId: string): void {
  printed.add(ticketId);
  for (const old of printed) {
    if (printed.size <= PRINTED_KEPT) break;
    printed.delete(old);
  }
}

/** The holder's page for following the ticket live (the resident screens). */
export function trackingUrl(ticket: Ticket): string {
  return `${location.origin}${holderHref('/resident/ticket', ticket.id, ticket.token ?? '')}`;
}

function useQr(text: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // A PNG, not an SVG: every SVG <img> is a document of its own that Chromium keeps, one more
    // per ticket for as long as the kiosk runs (found by the soak, tests/browser/soak.test.ts).
    // 560 px prints sharp at 30 mm on a 203 dpi receipt printer.
    QRCode.toDataURL(text, { margin: 1, errorCorrectionLevel: 'M', width: 560 })
      .then((png) => live && setSrc(png))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src;
}

/** Sets the paper length to the ticket's own (a roll printer then cuts right after it). */
function fitPageToTicket(): void {
  const ticket = document.querySelector<HTMLElement>('.print-ticket');
  if (!ticket) return;
  const mm = Math.ceil((ticket.getBoundingClientRect().height * 25.4) / 96) + 2;
  let style = document.getElementById('ticket-page-size');
  if (!style) {
    style = document.createElement('style');
    style.id = 'ticket-page-size';
    document.head.append(style);
  }
  style.textContent = `@page { size: 80mm ${mm}mm; margin: 0; }`;
}

export function TicketView({
  hall,
  ticket,
  matter,
  onDone,
  elder = false,
}: {
  hall: Hall;
  ticket: Ticket;
  matter: Matter | undefined;
  onDone: () => void;
  /** 适老化: no word of a time limit. */
  elder?: boolean;
}) {
  const t = useT(strings);
  const lang = useLang();
  const qr = useQr(trackingUrl(ticket));
  const issuedAt = dateTimeOf(Date.parse(ticket.issuedAt), hall.timezone);
  const wait = waitText(ticket.estimatedWaitMinutes, lang);

  // Print once the QR code is in the page (the print layout includes it).
  useEffect(() => {
    if (!qr || printed.has(ticket.id)) return;
    notePrinted(ticket.id);
    const img = document.querySelector<HTMLImageElement>('.print-ticket img');
    void (img?.decode?.() ?? Promise.resolve())
      .catch(() => {})
      .then(() => {
        fitPageToTicket();
        window.print();
      });
  }, [qr, ticket.id]);

  return (
    <section class="ticket" data-testid="ticket">
      <h1 class="ticket-title">{t('ticketTitle')}</h1>
      <div class="ticket-card">
        <div class="ticket-main">
          <div class="ticket-label">{t('ticketNumber')}</div>
          <div class="ticket-number" data-testid="ticket-number" data-speak={t('ticketNumber')}>
            {ticket.number}
          </div>
          {ticket.class === 'appointment' && (
            <div class="ticket-mark" data-testid="ticket-mark">
              {translator(mark, lang)('appointment')}
            </div>
          )}
          <div class="ticket-matter">{matter ? matterName(matter, lang) : ''}</div>
          {ticket.class === 'green' && (
            <div class="ticket-priority" data-testid="ticket-priority">
              {translator(priorityStrings, lang)('priorityMark')}
            </div>
          )}
          <div class="ticket-ahead">
            {ticket.ahead > 0 ? t('ahead', { n: ticket.ahead }) : t('aheadNone')}
          </div>
          <div class="ticket-wait">{t('estimatedWait', { wait })}</div>
          <div class="ticket-time">{t('issuedAt', { time: issuedAt })}</div>
        </div>
        <div class="ticket-qr">
          {qr && <img src={qr} alt="" width={280} height={280} />}
          <div class="ticket-qr-caption">{t('scan')}</div>
        </div>
      </div>
      <p class="ticket-listen">
        <strong>{t('printing')}</strong> · {t('listen')}
      </p>
      <button type="button" class="btn btn-primary ticket-done" data-testid="done" onClick={onDone}>
        {t('done')}
      </button>
      {!elder && <p class="ticket-auto">{t('autoHome')}</p>}
      <PrintTicket hall={hall} ticket={ticket} matter={matter} qr={qr} issuedAt={issuedAt} />
    </section>
  );
}

/** The 80 mm thermal printout: hidden on screen, the only thing on paper. Always Chinese
 * first, with English below, whatever the screen's language. */
function PrintTicket({
  hall,
  ticket,
  matter,
  qr,
  issuedAt,
}: {
  hall: Hall;
  ticket: Ticket;
  matter: Matter | undefined;
  qr: string | null;
  issuedAt: string;
}) {
  const zh = translator(strings, 'zh');
  const en = translator(strings, 'en');
  const ahead = (tr: typeof zh) => (ticket.ahead > 0 ? tr('ahead', { n: ticket.ahead }) : tr('aheadNone'));
  return (
    <div class="print-ticket" aria-hidden="true">
      <div class="p-hall">{hall.name}</div>
      <div class="p-title">
        {zh('printTitle')} · {en('printTitle')}
      </div>
      <div class="p-number">{ticket.number}</div>
      {ticket.class === 'appointment' && (
        <div class="p-mark" data-testid="print-mark">
          {translator(mark, 'zh')('appointment')} · {translator(mark, 'en')('appointment')}
        </div>
      )}
      {ticket.class === 'green' && (
        <div class="p-priority">
          {translator(priorityStrings, 'zh')('priorityMark')} ·{' '}
          {translator(priorityStrings, 'en')('priorityMark')}
        </div>
      )}
      {matter && (
        <div class="p-matter">
          {matter.name}
          {matter.nameEn && <small> {matter.nameEn}</small>}
        </div>
      )}
      <div class="p-line">{ahead(zh)}</div>
      <div class="p-line">{zh('estimatedWait', { wait: waitText(ticket.estimatedWaitMinutes, 'zh') })}</div>
      <div class="p-line p-en">
        {ahead(en)} · {en('estimatedWait', { wait: waitText(ticket.estimatedWaitMinutes, 'en') })}
      </div>
      <div class="p-line">{zh('issuedAt', { time: issuedAt })}</div>
      {qr && <img class="p-qr" src={qr} alt="" />}
      <div class="p-small">{zh('scan')}</div>
      <div class="p-small p-en">{en('scan')}</div>
      <div class="p-small">
        {zh('printKeep')} · {zh('printExpire')}
      </div>
    </div>
  );
}
