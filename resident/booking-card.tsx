// One booking as the resident sees it: the code to type at the kiosk (big, with a QR code of
// it), the time, the matter, the person in masked form, and the check-in and change limits.
import { DOC_NAMES } from '../ui/doc-check.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import { useQr } from '../ui/qr.ts';
import type { Matter } from '../ui/types.ts';
import { durationText, hhmm, momentLabel, slotWhen } from './format.ts';
import { strings } from './book/strings.ts';
import type { Appointment } from './types.ts';

export function BookingCard({
  booking,
  matter,
  timezone,
  showCode = true,
  showLimit = true,
}: {
  booking: Appointment;
  matter: Matter | undefined;
  timezone: string;
  showCode?: boolean;
  showLimit?: boolean;
}) {
  const t = useT(strings);
  const lang = useLang();
  const qr = useQr(showCode ? booking.code : null);
  const booked = booking.status === 'booked';
  // Booked after the change limit (a slot soon after now): it can no longer be changed. Both
  // times are the server's, so a phone's wrong clock cannot mislead.
  const closedAtBooking = Date.parse(booking.createdAt) > Date.parse(booking.changeableUntil);
  const limitMinutes = Math.round((Date.parse(booking.start) - Date.parse(booking.changeableUntil)) / 60_000);
  const rows: [string, string | null, string?][] = [
    [t('time'), slotWhen(booking.start, booking.end, timezone, lang), 'booking-when'],
    [t('matter'), matter ? matterName(matter, lang) : null],
    [t('person'), booking.name, 'booking-name'],
    [
      booking.documentType ? DOC_NAMES[booking.documentType][lang] : t('idLine'),
      booking.idNumber,
      'booking-id',
    ],
    [t('phoneLine'), booking.phone, 'booking-phone'],
    [
      t('checkIn'),
      booked ? `${hhmm(booking.checkInFrom, timezone)}–${hhmm(booking.checkInUntil, timezone)}` : null,
    ],
  ];
  return (
    <div class="r-card booking-card" data-testid="booking-card">
      {showCode && (
        <div class="booking-code-box">
          <div class="booking-code-text">
            <div class="r-label">{t('codeLabel')}</div>
            <div class="booking-code" data-testid="booking-code">
              {booking.code}
            </div>
          </div>
          {qr && (
            <img
              class="booking-qr"
              src={qr}
              width={112}
              height={112}
              alt={t('qrAlt', { code: booking.code })}
            />
          )}
        </div>
      )}
      <dl class="r-facts" data-testid="booking-facts">
        {rows.map(([label, value, testid]) =>
          value ? (
            <div class="r-fact" key={label}>
              <dt>{label}</dt>
              <dd data-testid={testid}>{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
      {booked && showLimit && (
        <p class="r-hint booking-limit" data-testid="change-until">
          {closedAtBooking
            ? t('changeClosed', { n: durationText(limitMinutes, lang) })
            : t('changeUntil', { time: momentLabel(booking.changeableUntil, timezone, lang) })}
        </p>
      )}
    </div>
  );
}
