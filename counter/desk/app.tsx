// 导服台 / 帮办代办: the help desk's screen. Signed-in staff take any ticket for a resident (normal
// or green with a category, any matter), find a resident's ticket by number to reprint, cancel or
// mark it 帮办, book a slot or check a booking in with any accepted document. Every action is a
// staff request, so the audit log names the desk's staff member (server/src/audit/audit.ts).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../../ui/api.ts';
import { common, LangSwitch, matterName, useLang, useT } from './deps.ts';
import type { Hall, Matter, StaffUser, Ticket } from '../../ui/types.ts';
import { SignIn, StaffCorner } from '../../ui/sign-in.tsx';
import { BookPanel, CheckInPanel } from './booking.tsx';
import { HelpAlerts } from './help-alerts.tsx';
import { MatterSelect } from './matter-select.tsx';
import { strings } from './strings.ts';

type State =
  | { name: 'loading' }
  | { name: 'signedOut' }
  | { name: 'ready'; me: StaffUser; hall: Hall; matters: Matter[] };

export function App() {
  const t = useT(strings);
  const tc = useT(common);
  const [state, setState] = useState<State>({ name: 'loading' });
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const { user: me } = await get<{ user: StaffUser }>('/auth/me');
      const hallId = me.hallId ?? new URLSearchParams(location.search).get('hall');
      if (!hallId) return setError(new Error(tc('hallMissing')));
      const [hall, matters] = await Promise.all([
        get<Hall>(`/halls/${hallId}`),
        get<Matter[]>(`/halls/${hallId}/matters`),
      ]);
      setState({ name: 'ready', me, hall, matters });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return setState({ name: 'signedOut' });
      setError(err);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const me = state.name === 'ready' ? state.me : null;
  return (
    <div class="desk-app" data-testid="desk" data-state={state.name}>
      <header class="app-header">
        <h1 class="app-title">
          {t('appTitle')}
          {state.name === 'ready' && <span class="app-hall">{state.hall.name}</span>}
        </h1>
        <LangSwitch />
        <StaffCorner
          me={me}
          nameClass="app-user"
          signOutLabel={t('signOut')}
          onSignedOut={() => setState({ name: 'signedOut' })}
        />
      </header>
      <main>
        {error !== null && (
          <p class="app-error" role="alert">
            {describeError(error)}
          </p>
        )}
        {state.name === 'loading' && <p class="app-note">{tc('loading')}</p>}
        {state.name === 'signedOut' && (
          <SignIn
            strings={strings}
            onSignedIn={() => {
              setError(null);
              void load();
            }}
          />
        )}
        {state.name === 'ready' && <Desk hall={state.hall} matters={state.matters} />}
      </main>
    </div>
  );
}

/** A ticket as the desk hands it over: the number large, printed on the desk's printer. */
function TicketCard({ ticket, matters }: { ticket: Ticket; matters: Matter[] }) {
  const t = useT(strings);
  const lang = useLang();
  const m = matters.find((x) => x.id === ticket.matterId);
  // Mounted once per print (the desk keys it by its print count): a reprint prints again.
  useEffect(() => window.print(), []);
  return (
    <div class="desk-ticket" data-testid="desk-ticket" role="status">
      <div class="desk-ticket-number" data-testid="desk-ticket-number">
        {ticket.number}
      </div>
      <div>{m ? matterName(m, lang) : ''}</div>
      {ticket.category && <div class="desk-priority">{t('category')}</div>}
    </div>
  );
}

function Desk({ hall, matters }: { hall: Hall; matters: Matter[] }) {
  const t = useT(strings);
  const lang = useLang();
  const [matterId, setMatterId] = useState(matters[0]?.id ?? '');
  const [category, setCategory] = useState('');
  const [shown, setShownTicket] = useState<Ticket | null>(null);
  const [prints, setPrints] = useState(0);
  const setShown = (tk: Ticket) => {
    setShownTicket(tk);
    setPrints((n) => n + 1);
  };
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const categories = (hall.settings?.greenCategories ?? []).filter((c) => c.active);

  const act = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    }
  };
  const issue = () =>
    act(async () => {
      const body = { matterId, ...(category ? { category } : {}) };
      setShown(await post<Ticket>(`/halls/${hall.id}/tickets`, body));
    });
  const find = () =>
    act(async () => {
      setFound(await get<Ticket[]>(`/halls/${hall.id}/tickets?number=${encodeURIComponent(number)}`));
    });
  const onFound = (id: string, action: 'reprint' | 'cancel' | 'assisted') =>
    act(async () => {
      const tk = await post<Ticket>(`/tickets/${id}/${action}`);
      if (action === 'reprint') setShown(tk);
      setFound((list) => list?.map((x) => (x.id === tk.id ? tk : x)) ?? null);
    });

  return (
    <div class="desk-grid">
      <HelpAlerts hall={hall} onError={setError} />
      {error !== null && (
        <p class="app-error" role="alert" data-testid="desk-error">
          {describeError(error)}
        </p>
      )}
      <section class="desk-panel" aria-labelledby="issue-title">
        <h2 id="issue-title">{t('issueTitle')}</h2>
        <MatterSelect
          label={t('matter')}
          testId="desk-matter"
          matters={matters}
          value={matterId}
          onChange={setMatterId}
        />
        <label>
          {t('category')}
          <select
            data-testid="desk-category"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
          >
            <option value="">{t('normal')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {lang === 'zh' ? c.name : c.nameEn}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="btn btn-primary" data-testid="desk-issue" onClick={() => void issue()}>
          {t('issue')}
        </button>
        {shown && <TicketCard key={prints} ticket={shown} matters={matters} />}
      </section>
      <section class="desk-panel" aria-labelledby="find-title">
        <h2 id="find-title">{t('findTitle')}</h2>
        <form
          class="desk-row"
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          <label>
            {t('number')}
            <input
              data-testid="desk-number"
              value={number}
              onInput={(e) => setNumber(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="btn" data-testid="desk-find">
            {t('find')}
          </button>
        </form>
        {found?.length === 0 && <p data-testid="desk-none">{t('noneFound')}</p>}
        <ul class="desk-found">
          {found?.map((tk) => (
            <li key={tk.id} data-testid={`found-${tk.number}`}>
              <b>{tk.number}</b> {t(`status_${tk.status}` as 'status_waiting')}
              {tk.assisted && <span class="desk-assisted"> {t('assisted')}</span>}
              <button
                type="button"
                class="btn"
                data-testid="desk-reprint"
                onClick={() => void onFound(tk.id, 'reprint')}
              >
                {t('reprint')}
              </button>
              <button
                type="button"
                class="btn"
                data-testid="desk-cancel"
                onClick={() => void onFound(tk.id, 'cancel')}
              >
                {t('cancel')}
              </button>
              <button
                type="button"
                class="btn"
                data-testid="desk-assist"
                onClick={() => void onFound(tk.id, 'assisted')}
              >
                {t('assist')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <BookPanel hall={hall} matters={matters} onError={setError} />
      <CheckInPanel hall={hall} onTicket={setShown} onError={setError} />
    </div>
  );
}
