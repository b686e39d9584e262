import { useT } from '../../ui/i18n.ts';
import type { Matter } from '../../ui/types.ts';
import { strings } from './strings.ts';

/** 一次性告知: everything to bring, said once and completely. */
export function Materials({ matter }: { matter: Matter }) {
  const t = useT(strings);
  return (
    <div class="r-card r-materials" data-testid="materials">
      <h3 class="r-subtitle">{t('materialsTitle')}</h3>
      {matter.materials.length ? (
        <ol>
          {matter.materials.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ol>
      ) : (
        <p>{t('noMaterials')}</p>
      )}
    </div>
  );
}
