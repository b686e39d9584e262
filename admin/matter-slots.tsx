// Each matter's booking settings as its own group, every input with its label and unit right
// beside it (a column header a screen away let a 0 slip into "cancel until").
import { useT } from '../ui/i18n.ts';
import { Field, num } from './form.tsx';
import { strings } from './strings.ts';
import type { MatterSlots } from './types.ts';

export const SLOT_FIELDS = [
  'slotMinutes',
  'perSlot',
  'horizonDays',
  'minNoticeMinutes',
  'cancelBeforeMinutes',
] as const;

export function MatterSlotList({
  slots,
  setSlot,
  errors,
}: {
  slots: MatterSlots[];
  setSlot: (i: number, patch: Partial<MatterSlots>) => void;
  errors: Record<string, string>;
}) {
  const t = useT(strings);
  return (
    <div class="matter-slots">
      {slots.map((s, i) => (
        <fieldset key={s.matterId} class="matter-slot" data-testid={`slots-${s.prefix}`}>
          <legend>
            {s.prefix} {s.name}
          </legend>
          <label class="check">
            <input
              type="checkbox"
              checked={s.bookable}
              onChange={(e) => setSlot(i, { bookable: e.currentTarget.checked })}
            />
            <span>{t('bookable')}</span>
          </label>
          <div class="grid">
            {SLOT_FIELDS.map((k) => (
              <Field key={k} label={t(`s_${k}`)} error={errors[`matters.${i}.${k}`]}>
                <input
                  type="number"
                  class="num"
                  min={0}
                  inputMode="numeric"
                  value={s[k]}
                  onInput={(e) => setSlot(i, { [k]: num(e.currentTarget.value) })}
                />
              </Field>
            ))}
            <Field label={`${t('s_walkInShare')} (%)`}>
              <input
                type="number"
                class="num"
                min={0}
                max={100}
                inputMode="numeric"
                value={Math.round(s.walkInShare * 100)}
                onInput={(e) => setSlot(i, { walkInShare: num(e.currentTarget.value) / 100 })}
              />
            </Field>
            <p class="muted">
              {t('s_bookingsPerSlot')}: <b>{s.bookingsPerSlot}</b>
            </p>
          </div>
        </fieldset>
      ))}
    </div>
  );
}
