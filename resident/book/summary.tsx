import { useT } from '../../ui/i18n.ts';
import { strings } from './strings.ts';

/** A choice already made (the matter, the time), with the button to change it. */
export function Summary({
  label,
  value,
  testid,
  onChange,
}: {
  label: string;
  value: string;
  testid?: string;
  onChange: () => void;
}) {
  const t = useT(strings);
  return (
    <div class="r-summary">
      <div>
        <div class="r-label">{label}</div>
        <div class="r-summary-value" data-testid={testid}>
          {value}
        </div>
      </div>
      <button
        type="button"
        class="r-btn r-btn-link"
        onClick={onChange}
        aria-label={`${t('change')} ${label}`}
      >
        {t('change')}
      </button>
    </div>
  );
}
