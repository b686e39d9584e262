// The audit log: who changed what in the hall, newest first.
import { useEffect, useState } from 'preact/hooks';
import { timeOf } from '../ui/clock.ts';
import { useLang, useT } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { get } from './http.ts';
import { strings } from './strings-ops.ts';
import type { AuditEntry } from './types.ts';

export function AuditTab({ hall }: TabProps) {
  const t = useT(strings);
  const lang = useLang();
  const [list, setList] = useState<AuditEntry[] | null>(null);
  const load = () => get<AuditEntry[]>(`/halls/${hall.id}/audit?limit=200`).then(setList, () => setList([]));
  useEffect(() => void load(), [hall.id]);
  const day = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: hall.timezone }).format(new Date(iso));
  return (
    <section class="card" data-testid="audit">
      <div class="card-head">
        <h2>{t('auditTitle')}</h2>
        <button type="button" class="btn btn-small" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>
      {list && list.length === 0 && <p class="muted">{t('noAudit')}</p>}
      {list && list.length > 0 && (
        <div class="scroll-x">
          <table class="table audit-table">
            <thead>
              <tr>
                <th>{t('when')}</th>
                <th>{t('who')}</th>
                <th>{t('what')}</th>
                <th>{t('target')}</th>
                <th class="num">{t('httpStatus')}</th>
                <th>{t('details')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id}>
                  <td class="mono">
                    {day(e.at)} {timeOf(Date.parse(e.at), hall.timezone, lang)}
                  </td>
                  <td>
                    {e.staff.name} <span class="muted">{e.staff.username}</span>
                  </td>
                  <td class="mono">
                    {e.method} {e.route}
                  </td>
                  <td class="mono small">{e.targetId ? e.targetId.slice(0, 8) : '—'}</td>
                  <td class="num">{e.status}</td>
                  <td class="mono small details">
                    {Object.keys(e.details).length ? JSON.stringify(e.details) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
