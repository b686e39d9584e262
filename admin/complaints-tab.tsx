// The 差评 ledger: each rating of 2 or 1 is a case with a due date in working days. Cases step
// open → contacted → rectified | explained → closed with a note at each step, and may be
// appealed (申诉). Overdue cases stand out. Who rated is never known here: the API has no such data.
import { useEffect, useState } from 'preact/hooks';
import { dateTimeOf } from '../ui/clock.ts';
import { matterName, useLang, useT } from '../ui/i18n.ts';
import { reasonWords } from '../ui/reasons.ts';
import type { Matter } from '../ui/types.ts';
import type { TabProps } from './app.tsx';
import { useHallEvents } from './events.ts';
import { StatusLine, useAction } from './form.tsx';
import { get, post } from './http.ts';
import { strings } from './strings-ops.ts';
import type { Complaint, ComplaintStatus, Ledger } from './types.ts';

const STATUSES: ComplaintStatus[] = ['open', 'contacted', 'rectified', 'explained', 'closed'];

export function ComplaintsTab({ hall, events }: TabProps) {
  const t = useT(strings);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [filter, setFilter] = useState<ComplaintStatus | 'overdue' | 'followUpOverdue' | 'all'>('all');
  const [matters, setMatters] = useState<Matter[]>([]);
  useEffect(() => {
    get<Matter[]>(`/halls/${hall.id}/matters`).then(setMatters, () => {});
  }, [hall.id]);
  const load = async () => {
    const q =
      filter === 'all'
        ? ''
        : filter === 'overdue' || filter === 'followUpOverdue'
          ? `?${filter}=true`
          : `?status=${filter}`;
    try {
      setLedger(await get<Ledger>(`/halls/${hall.id}/complaints${q}`));
    } catch {
      // the banner says when the server is away
    }
  };
  useEffect(() => void load(), [hall.id, filter]);
  useHallEvents(events, (ev) => {
    if (!ev || ev.type === 'rating.created') void load();
  });

  if (!ledger) return <p class="admin-note">…</p>;
  const s = ledger.summary;
  return (
    <div class="stack" data-testid="complaints">
      <div class="totals">
        {STATUSES.map((st) => (
          <button
            type="button"
            key={st}
            class={`total total-button${filter === st ? ' on' : ''}`}
            onClick={() => setFilter(filter === st ? 'all' : st)}
            aria-pressed={filter === st}
          >
            <span class="total-value">{s[st]}</span>
            <span class="total-label">{t(`cs_${st}`)}</span>
          </button>
        ))}
        <button
          type="button"
          class={`total total-button total-overdue${filter === 'overdue' ? ' on' : ''}`}
          onClick={() => setFilter(filter === 'overdue' ? 'all' : 'overdue')}
          aria-pressed={filter === 'overdue'}
        >
          <span class="total-value">{s.overdue}</span>
          <span class="total-label">{t('rectifyOverdue')}</span>
        </button>
        <button
          type="button"
          class={`total total-button total-overdue${filter === 'followUpOverdue' ? ' on' : ''}`}
          data-testid="filter-follow-up-overdue"
          onClick={() => setFilter(filter === 'followUpOverdue' ? 'all' : 'followUpOverdue')}
          aria-pressed={filter === 'followUpOverdue'}
        >
          <span class="total-value">{s.followUpOverdue}</span>
          <span class="total-label">{t('followUpOverdue')}</span>
        </button>
      </div>
      <p class="muted">{t('ledgerLead', { today: ledger.today })}</p>
      {ledger.complaints.length === 0 && <p class="admin-note">{t('noCases')}</p>}
      {ledger.complaints.map((c) => (
        <Case
          key={c.id}
          c={c}
          matter={matters.find((m) => m.id === c.matterId)}
          timezone={hall.timezone}
          onChanged={() => void load()}
        />
      ))}
    </div>
  );
}

function Case({
  c,
  matter,
  timezone,
  onChanged,
}: {
  c: Complaint;
  /** The matter, for its name in the reader's language. */
  matter: Matter | undefined;
  timezone: string;
  onChanged: () => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const a = useAction();
  const [step, setStep] = useState<ComplaintStatus | 'appeal' | null>(null);
  const [note, setNote] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    if (!step) return;
    void a.run(async () => {
      if (step === 'appeal') await post(`/complaints/${c.id}/appeal`, { note });
      else await post(`/complaints/${c.id}/transition`, { to: step, note });
      setStep(null);
      setNote('');
      onChanged();
    });
  };
  const when = (iso: string) => dateTimeOf(Date.parse(iso), timezone);

  return (
    <article
      class={`card case${c.overdue || c.followUpOverdue ? ' case-overdue' : ''}`}
      data-testid={`case-${c.ticketNumber}`}
      data-overdue={c.overdue}
      data-follow-up-overdue={c.followUpOverdue}
    >
      <header class="case-head">
        <span class="ticket-no">{c.ticketNumber}</span>
        {c.kind === 'unresolved' ? (
          <span class="pill pill-unresolved" data-testid="case-unresolved">
            {t('unresolvedCase')}
          </span>
        ) : (
          <span class={`score score-${c.score}`}>
            {c.score} {lang === 'zh' ? c.level : t(`c_level${c.score}` as 'c_level1')}
          </span>
        )}
        <span class={`pill case-${c.status}`}>{t(`cs_${c.status}`)}</span>
        {c.appeal && <span class="pill pill-appeal">{t('appealed')}</span>}
        {c.followUpDue && !c.followedUpAt && c.status !== 'closed' && (
          <span class={`due${c.followUpOverdue ? ' due-overdue' : ''}`} data-testid="follow-up-due">
            {c.followUpOverdue
              ? t('followUpOverdueSince', { date: c.followUpDue })
              : t('followUpDueOn', { date: c.followUpDue })}
          </span>
        )}
        <span class={`due${c.overdue ? ' due-overdue' : ''}`} data-testid="rectify-due">
          {c.overdue ? t('overdueSince', { date: c.dueDate }) : t('dueOn', { date: c.dueDate })}
        </span>
      </header>
      <dl class="case-facts">
        <dt>{t('serviceDay')}</dt>
        <dd>{c.serviceDay}</dd>
        <dt>{t('counter')}</dt>
        <dd>{c.counterName ?? '—'}</dd>
        <dt>{t('matter')}</dt>
        <dd>{matter ? matterName(matter, lang) : c.matterName}</dd>
        <dt>{t('clerk')}</dt>
        <dd>{c.clerkName ?? '—'}</dd>
        {c.kind === 'unresolved' && (
          <>
            <dt>{t('unresolvedSummary')}</dt>
            <dd data-testid="case-summary">{c.summary}</dd>
          </>
        )}
        <dt>{t('reasons')}</dt>
        <dd>{c.reasons.map((r) => reasonWords(r, lang)).join(lang === 'en' ? ', ' : '、') || '—'}</dd>
        <dt>{t('comment')}</dt>
        <dd>{c.comment || '—'}</dd>
      </dl>
      {c.notes.length > 0 && (
        <ol class="case-notes">
          {c.notes.map((n) => (
            <li key={n.id}>
              <span class="muted">{when(n.at)}</span>{' '}
              <strong>{n.kind === 'appeal' ? t('appeal') : t(`cs_${n.toStatus}`)}</strong> {n.staffName ?? ''}
              ：{n.note}
            </li>
          ))}
        </ol>
      )}
      {c.status !== 'closed' && (
        <div class="case-actions">
          {c.nextStatuses.map((to) => (
            <button
              type="button"
              key={to}
              class={`btn btn-small${step === to ? ' btn-primary' : ''}`}
              data-testid={`to-${to}`}
              onClick={() => setStep(to)}
            >
              {t(`to_${to}`)}
            </button>
          ))}
          {!c.appeal && (
            <button
              type="button"
              class="btn btn-small"
              data-testid="appeal"
              onClick={() => setStep('appeal')}
            >
              {t('appeal')}
            </button>
          )}
        </div>
      )}
      {step && (
        <form class="note-form" onSubmit={submit}>
          <label class="field field-wide">
            <span class="field-label">
              {step === 'appeal' ? t('appealGrounds') : t('stepNote', { step: t(`cs_${step}`) })}
            </span>
            <textarea
              rows={2}
              required
              maxLength={2000}
              value={note}
              data-testid="case-note"
              onInput={(e) => setNote(e.currentTarget.value)}
            />
            {a.fields.note && <small class="field-error">{a.fields.note}</small>}
          </label>
          <button
            type="submit"
            class="btn btn-primary btn-small"
            disabled={a.busy || !note.trim()}
            data-testid="case-submit"
          >
            {t('confirm')}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setStep(null)}>
            {t('cancel')}
          </button>
          <StatusLine status={a.status} />
        </form>
      )}
    </article>
  );
}
