import { ApiError, describeError } from '../ui/api.ts';
import { matterName, useLang, useT, waitText } from '../ui/i18n.ts';
import type { Matter } from '../ui/types.ts';
import type { IssueState } from './app.tsx';
import { strings } from './strings.ts';

/** 一次性告知: everything the matter needs, confirmed before the ticket is taken. */
export function Materials({
  matter,
  issue,
  onConfirm,
  onBack,
}: {
  matter: Matter;
  issue: IssueState;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const name = matterName(matter, lang);
  return (
    <section class="materials" data-testid="materials">
      <h1 class="materials-title">{t('materialsTitle')}</h1>
      <p class="materials-lead">{t('materialsLead', { matter: name })}</p>
      {matter.description && <p class="materials-desc">{matter.description}</p>}
      {matter.materials.length ? (
        <ol class="materials-list">
          {matter.materials.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ol>
      ) : (
        <p class="materials-none">{t('noMaterials')}</p>
      )}
      <p class="materials-queue">
        {t('queueNow', { n: matter.waiting, wait: waitText(matter.estimatedWaitMinutes, lang) })}
      </p>
      <div class="materials-status" role="status" aria-live="polite">
        {issue.retrying && <p class="issue-retrying">{t('retrying')}</p>}
        {!issue.busy && issue.error !== null && (
          <p class="issue-error" data-testid="issue-error">
            {issue.error instanceof ApiError && issue.error.retryable
              ? t('gaveUp')
              : describeError(issue.error, lang)}
          </p>
        )}
      </div>
      <div class="materials-actions">
        <button type="button" class="btn btn-secondary" disabled={issue.busy} onClick={onBack}>
          {t('back')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          data-testid="confirm"
          disabled={issue.busy || !matter.issuing.open}
          onClick={onConfirm}
        >
          {issue.busy ? t('issuing') : t('confirm')}
        </button>
      </div>
    </section>
  );
}
