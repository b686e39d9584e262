// The audit log: who did what in the hall, in words (呼叫 A012, 修改事项 …), with sign-ins,
// failed sign-ins and refused attempts; filtered by person, action and day, older pages on demand.
import { useEffect, useState } from 'preact/hooks';
import { timeOf } from '../ui/clock.ts';
import { useLang, useT, type Lang } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { get } from './http.ts';
import { ACTION_WORDS, strings } from './strings-audit.ts';
import type { AuditEntry, StaffMember } from './types.ts';

const PAGE = 100;
/** The names shown after the action's words, most specific first. */
const LABEL_ORDER = ['ticket', 'matter', 'counter', 'staff', 'hall'];

const actionWords = (code: string, lang: Lang) => ACTION_WORDS[code]?.[lang === 'zh' ? 0 : 1] ?? code;

interface Filters {
  staffId: string;
  action: string;
  day: string;
  /** An admin's view of every hall and what belongs to none (calendar, unknown usernames). */
  everyHall: boolean;
}
const NO_FILTER: Filters = { staffId: '', action: '', day: '', everyHall: false };

export function AuditTab({ hall, me }: TabProps) {
  const t = useT(strings);
  const lang = useLang();
  const [list, setList] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [people, setPeople] = useState<StaffMember[]>([]);
  const [f, setF] = useState<Filters>(NO_FILTER);
  const query = (before?: string) => {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (f.staffId) q.set('staffId', f.staffId);
    if (f.action) q.set('action', f.action);
    if (f.day) q.set('day', f.day);
    if (before) q.set('before', before);
    return `${f.everyHall ? '/audit' : `/halls/${hall.id}/audit`}?${q}`;
  };
  const load = () =>
    get<AuditEntry[]>(query()).then(
      (rows) => {
        setList(rows);
        setMore(rows.length === PAGE);
      },
      () => setList([]),
    );
  const loadOlder = () => {
    const last = list?.[list.length - 1];
    if (!last) return;
    void get<AuditEntry[]>(query(last.id)).then((rows) => {
      setList([...(list ?? []), ...rows]);
      setMore(rows.length === PAGE);
    });
  };
  useEffect(() => void get<StaffMember[]>(`/halls/${hall.id}/staff`).then(setPeople, () => {}), [hall.id]);
  useEffect(() => void load(), [hall.id, f.staffId, f.action, f.day, f.everyHall]);
  const day = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: hall.timezone }).format(new Date(iso));
  const set = (k: 'staffId' | 'action' | 'day') => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [k]: e.currentTarget.value });

  const who = (e: AuditEntry) => {
    if (e.staff) return `${e.staff.name} (${e.staff.username})`;
    if (!e.actorLabel) return t('anonymous');
    return e.actorLabel.startsWith('#')
      ? t('unknownUser', { f: e.actorLabel })
      : t('triedAs', { u: e.actorLabel });
  };
  const what = (e: AuditEntry) => {
    const names = LABEL_ORDER.map((k) => e.labels[k]).filter(Boolean);
    const words = [actionWords(e.action, lang), ...names].join(' ');
    const attempted = e.labels.attempted;
    return e.action === 'access.refused' && attempted
      ? t('refusedWhat', { what: [actionWords(attempted, lang), ...names].join(' ') })
      : words;
  };

  return (
    <section class="card" data-testid="audit">
      <div class="card-head">
        <h2>{t('auditTitle')}</h2>
        <button type="button" class="btn btn-small" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>
      <div class="toolbar">
        <label class="field">
          <span class="field-label">{t('person')}</span>
          <select name="staffId" value={f.staffId} onChange={set('staffId')}>
            <option value="">{t('everyone')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.username})
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t('action')}</span>
          <select name="action" value={f.action} onChange={set('action')}>
            <option value="">{t('everyAction')}</option>
            {Object.keys(ACTION_WORDS).map((code) => (
              <option key={code} value={code}>
                {actionWords(code, lang)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t('day')}</span>
          <input type="date" name="day" value={f.day} onChange={set('day')} />
        </label>
        {me.role === 'admin' && (
          <label class="check">
            <input
              type="checkbox"
              name="everyHall"
              checked={f.everyHall}
              onChange={(e) => setF({ ...f, everyHall: e.currentTarget.checked })}
            />
            {t('everyHall')}
          </label>
        )}
        {(f.staffId || f.action || f.day || f.everyHall) && (
          <button type="button" class="btn btn-small" onClick={() => setF(NO_FILTER)}>
            {t('clearFilters')}
          </button>
        )}
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
                <th>{t('outcome')}</th>
                <th>{t('address')}</th>
                <th>{t('details')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} data-action={e.action} class={e.outcome === 'ok' ? undefined : 'row-alert'}>
                  <td class="mono">
                    {day(e.at)} {timeOf(Date.parse(e.at), hall.timezone, lang)}
                  </td>
                  <td>{who(e)}</td>
                  <td data-testid="audit-what">{what(e)}</td>
                  <td>
                    {t(`outcome.${e.outcome}`)}
                    {e.repeats > 1 && <span class="muted"> · {t('times', { n: e.repeats })}</span>}
                  </td>
                  <td class="mono small">{e.address ?? '—'}</td>
                  <td class="mono small details">
                    {Object.keys((e.details.body as object | undefined) ?? {}).length
                      ? JSON.stringify(e.details.body)
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" class="btn btn-small" onClick={loadOlder}>
          {t('older')}
        </button>
      )}
    </section>
  );
}
