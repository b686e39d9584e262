import { useState } from 'preact/hooks';
import { ApiError, describeError, post } from '../../ui/api.ts';
import { getLang, useT } from '../../ui/i18n.ts';
import type { Appointment } from '../types.ts';
import { strings } from './strings.ts';

/**
 * The one-time code texted to the phone the resident gave: until it is typed, the booking
 * does not count as theirs and is released after a while (issue 16, finding 5).
 */
export function PhoneConfirm({
  booking,
  onConfirmed,
}: {
  booking: Appointment;
  onConfirmed: (b: Appointment) => void;
}) {
  const t = useT(strings);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) return setProblem(t('otpShort'));
    setBusy(true);
    setProblem(null);
    try {
      const confirmed = await post<Appointment>(
        `/appointments/${booking.id}/confirm-phone`,
        { code },
        { headers: { 'x-holder-token': booking.token ?? '' } },
      );
      onConfirmed({ ...booking, ...confirmed });
    } catch (err) {
      setProblem(err instanceof ApiError ? describeError(err, getLang()) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="r-card otp-box" data-testid="phone-confirm" onSubmit={(e) => void submit(e)}>
      <h2 class="r-subtitle">{t('otpTitle')}</h2>
      <p class="r-hint">{t('otpHint', { phone: booking.phone ?? '' })}</p>
      <div class="r-field">
        <label for="otp">{t('otpLabel')}</label>
        <input
          id="otp"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value.replace(/\D/g, ''))}
          data-testid="otp-input"
        />
      </div>
      {problem && (
        <p class="r-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="r-btn r-btn-primary r-btn-block" disabled={busy} data-testid="otp-submit">
        {t('otpSubmit')}
      </button>
    </form>
  );
}
