// 办不成事反映窗口: finishing a ticket there asks what could not be done and which matter it
// concerned; the finish opens a case in the hall's ledger (server/src/complaints/unresolved.ts).
import { useState } from 'preact/hooks';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import type { Matter } from '../ui/types.ts';
import { Modal } from './dialogs.tsx';

const strings = {
  zh: {
    title: '办不成事：{number} 号',
    summary: '未能办成的情况说明',
    concerned: '涉及事项',
    submit: '结束办理并登记',
  },
  en: {
    title: 'Could not be done: ticket {number}',
    summary: 'What could not be done',
    concerned: 'Matter concerned',
    submit: 'Finish and record the case',
  },
};

export interface UnresolvedFinish {
  summary: string;
  concernedMatterId?: string;
}

export function UnresolvedDialog({
  ticketNumber,
  matters,
  onFinish,
  onCancel,
}: {
  ticketNumber: string;
  matters: Matter[];
  onFinish: (body: UnresolvedFinish) => void;
  onCancel: () => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const [summary, setSummary] = useState('');
  const [concerned, setConcerned] = useState('');
  const choices = matters.filter((m) => !m.unresolvedWindow);
  return (
    <Modal title={t('title', { number: ticketNumber })} onCancel={onCancel} testid="unresolved-dialog">
      <form
        class="unresolved-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!summary.trim()) return;
          onFinish({ summary: summary.trim(), ...(concerned ? { concernedMatterId: concerned } : {}) });
        }}
      >
        <label>
          {t('concerned')}
          <select
            data-testid="unresolved-matter"
            value={concerned}
            onChange={(e) => setConcerned((e.target as HTMLSelectElement).value)}
          >
            <option value="">—</option>
            {choices.map((m) => (
              <option key={m.id} value={m.id}>
                {m.prefix} {matterName(m, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('summary')}
          <textarea
            data-testid="unresolved-summary"
            required
            maxLength={2000}
            rows={4}
            value={summary}
            onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <button
          type="submit"
          class="btn btn-primary"
          data-testid="unresolved-submit"
          disabled={!summary.trim()}
        >
          {t('submit')}
        </button>
      </form>
    </Modal>
  );
}
