// 优先通道 at the kiosk (issue 14): the resident picks a green-channel category (老年人, 残疾人, …)
// without giving any personal data; staff may confirm it at the counter. The chosen category
// stays on a banner over the matters until a ticket is taken or the kiosk goes home.
import { useLang, useT, type Strings } from '../ui/i18n.ts';
import type { GreenCategoryView, Hall } from '../ui/types.ts';

export const priorityStrings: Strings<
  | 'priority'
  | 'priorityTitle'
  | 'priorityLead'
  | 'priorityChosen'
  | 'priorityCancel'
  | 'priorityMark'
  | 'fromAge'
  | 'back'
> = {
  zh: {
    priority: '优先通道',
    priorityTitle: '优先通道：请选择您的情况',
    priorityLead: '无需出示证件，工作人员可能在窗口核实。',
    priorityChosen: '优先通道：{name}　请选择办理事项',
    priorityCancel: '取消优先',
    priorityMark: '优先',
    fromAge: '{age} 岁以上',
    back: '返回',
  },
  en: {
    priority: 'Priority lane',
    priorityTitle: 'Priority lane: which applies to you?',
    priorityLead: 'No documents needed here; staff may check at the counter.',
    priorityChosen: 'Priority lane: {name}. Now choose a matter',
    priorityCancel: 'Cancel priority',
    priorityMark: 'Priority',
    fromAge: 'aged {age}+',
    back: 'Back',
  },
};

export const activeCategories = (hall: Hall): GreenCategoryView[] =>
  (hall.settings?.greenCategories ?? []).filter((c) => c.active);

export const categoryName = (c: GreenCategoryView, lang: string) => (lang === 'en' ? c.nameEn : c.name);

export function PriorityPicker({
  hall,
  onPick,
  onBack,
}: {
  hall: Hall;
  onPick: (code: string) => void;
  onBack: () => void;
}) {
  const t = useT(priorityStrings);
  const lang = useLang();
  return (
    <section class="priority" data-testid="priority-picker">
      <h1 class="home-title">{t('priorityTitle')}</h1>
      <p class="home-subtitle">{t('priorityLead')}</p>
      <div class="tiles priority-tiles">
        {activeCategories(hall).map((c) => (
          <button
            type="button"
            key={c.code}
            class="tile tile-open priority-tile"
            data-testid={`category-${c.code}`}
            onClick={() => onPick(c.code)}
          >
            <span class="tile-name">{categoryName(c, lang)}</span>
            {c.minAge ? <span class="tile-wait">{t('fromAge', { age: c.minAge })}</span> : null}
            {lang === 'zh' && <span class="tile-name-en">{c.nameEn}</span>}
          </button>
        ))}
      </div>
      <button type="button" class="btn btn-secondary" data-testid="priority-back" onClick={onBack}>
        {t('back')}
      </button>
    </section>
  );
}

/** The cue over the matters while a category is chosen. */
export function PriorityBanner({ hall, code, onCancel }: { hall: Hall; code: string; onCancel: () => void }) {
  const t = useT(priorityStrings);
  const lang = useLang();
  const c = activeCategories(hall).find((x) => x.code === code);
  return (
    <div class="priority-banner" data-testid="priority-banner" role="status">
      <span>{t('priorityChosen', { name: c ? categoryName(c, lang) : code })}</span>
      <button type="button" class="btn btn-secondary" data-testid="priority-cancel" onClick={onCancel}>
        {t('priorityCancel')}
      </button>
    </div>
  );
}
