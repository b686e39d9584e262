import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../ui/i18n.ts';
import type { Matter } from '../../ui/types.ts';
import { BookingCard } from '../booking-card.tsx';
import { manageHref } from '../my-bookings.ts';
import type { Appointment } from '../types.ts';
import { Materials } from './materials.tsx';
import { PhoneConfirm } from './phone-confirm.tsx';
import { strings } from './strings.ts';

/** Booked: the code (big), its QR code for the kiosk, and the link to change or cancel. */
export function Confirmation({
  booking,
  matter,
  timezone,
  onAnother,
  onConfirmed,
}: {
  booking: Appointment;
  matter: Matter | undefined;
  timezone: string;
  onAnother: () => void;
  onConfirmed: (b: Appointment) => void;
}) {
  const t = useT(strings);
  const title = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => title.current?.focus(), []);
  const href = booking.manageUrl ?? manageHref({ id: booking.id, token: booking.token ?? '' });
  const url = new URL(href, location.origin).href;
  const canCopy = typeof navigator.clipboard?.writeText === 'function';

  return (
    <section class="booking-done" data-testid="booking-done">
      <h1 class="r-title r-done-title" ref={title} tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t('doneTitle')}
      </h1>
      <BookingCard booking={booking} matter={matter} timezone={timezone} />
      {booking.phoneConfirmed === false ? (
        <PhoneConfirm booking={booking} onConfirmed={onConfirmed} />
      ) : (
        <p class="r-note" data-testid="phone-confirmed">
          {t('otpDone')}
        </p>
      )}
      <p class="r-note">{t('codeHint')}</p>

      <div class="r-card manage-box">
        <h2 class="r-subtitle">{t('manageTitle')}</h2>
        <a class="r-btn r-btn-primary r-btn-block" href={href} data-testid="manage-link">
          {t('manageLink')}
        </a>
        <p class="manage-url">{url}</p>
        {canCopy && (
          <button
            type="button"
            class="r-btn r-btn-secondary r-btn-block"
            onClick={() =>
              void navigator.clipboard.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t('copied') : t('copy')}
          </button>
        )}
        <p class="r-hint">{t('manageHint')}</p>
      </div>

      {matter && <Materials matter={matter} />}

      <button type="button" class="r-btn r-btn-secondary r-btn-block" onClick={onAnother}>
        {t('bookAnother')}
      </button>
    </section>
  );
}
