import { useT } from '../ui/i18n.ts';
import { checkinStrings } from './checkin-strings.ts';

// The home screen's "预约签到 / Check in a booking" button, beside the help line: it opens the
// check-in keypad (checkin.tsx). Both languages at once, like the matter tiles.
export function CheckinSlot({ onOpen }: { hallId: string; onOpen?: () => void }) {
  const t = useT(checkinStrings);
  if (!onOpen) return null;
  return (
    <button type="button" class="btn btn-primary checkin-open" data-testid="checkin-open" onClick={onOpen}>
      <span class="checkin-open-zh">{t('button')}</span>
      <span class="checkin-open-en">{t('buttonSub')}</span>
    </button>
  );
}
