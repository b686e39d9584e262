// The desk's matter picker, for taking a ticket and for booking: "A 户籍办理" per matter, in the
// reader's language.
import type { Matter } from '../../ui/types.ts';
import { matterName, useLang } from './deps.ts';

export function MatterSelect({
  label,
  testId,
  matters,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  matters: Matter[];
  value: string;
  onChange: (matterId: string) => void;
}) {
  const lang = useLang();
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {matters.map((m) => (
          <option key={m.id} value={m.id}>
            {m.prefix} {matterName(m, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}
