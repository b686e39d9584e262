// The manager's console: sign in, pick the hall (an admin has them all), then one tab at a
// time. The tab is kept in the address (#floor), the hall in local storage. One socket for the
// hall feeds every tab that shows live figures.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, describeError } from '../ui/api.ts';
import { useLang, useT } from '../ui/i18n.ts';
import { HallFeed } from '../ui/socket.ts';
import type { StaffUser } from '../ui/types.ts';
import { StaffCorner } from '../ui/sign-in.tsx';
import { OfflineBanner } from '../ui/ui.tsx';
import { useOffline } from '../ui/hooks.ts';
import { ComplaintsTab } from './complaints-tab.tsx';
import { CountersTab } from './counters-tab.tsx';
import { HallEvents } from './events.ts';
import { get, whenSignedOut } from './http.ts';
import { FloorTab } from './floor-tab.tsx';
import { HallTab } from './hall-tab.tsx';
import { lazyTab } from './lazy-tab.tsx';
import { Login } from './login.tsx';
import { MattersTab } from './matters-tab.tsx';
import { StaffTab } from './staff-tab.tsx';
import { strings } from './strings.ts';
import type { HallFull } from './types.ts';

// Opened now and then: fetched on first use.
const AuditTab = lazyTab<TabProps>(() => import('./audit-tab.tsx').then((m) => m.AuditTab));
const ScheduleTab = lazyTab<TabProps>(() => import('./schedule-tab.tsx').then((m) => m.ScheduleTab));
const StaffingTab = lazyTab<TabProps>(() => import('./staffing-tab.tsx').then((m) => m.StaffingTab));
const StatsTab = lazyTab<TabProps>(() => import('./stats-tab.tsx').then((m) => m.StatsTab));

const TABS = [
  'floor',
  'stats',
  'staffing',
  'complaints',
  'hall',
  'matters',
  'counters',
  'staff',
  'schedule',
  'audit',
] as const;
export type Tab = (typeof TABS)[number];
const HALL_KEY = 'hallq.admin.hall';

const tabFromHash = (): Tab => {
  const h = location.hash.slice(1);
  return (TABS as readonly string[]).includes(h) ? (h as Tab) : 'floor';
};

export interface TabProps {
  me: StaffUser;
  hall: HallFull;
  events: HallEvents;
  /** The hall was changed (settings saved): read it again. */
  reloadHall: () => void;
}

type State =
  | { name: 'loading' }
  | { name: 'signedOut' }
  | { name: 'notManager'; me: StaffUser }
  | { name: 'ready'; me: StaffUser; halls: HallFull[]; hallId: string | null };

export function App() {
  const t = useT(strings);
  useLang();
  const [state, setState] = useState<State>({ name: 'loading' });
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>(tabFromHash);

  const load = useCallback(async (wantHallId?: string) => {
    try {
      const { user: me } = await get<{ user: StaffUser }>('/auth/me');
      if (me.role === 'clerk') return setState({ name: 'notManager', me });
      const all = await get<HallFull[]>('/halls');
      const halls = me.role === 'admin' ? all : all.filter((h) => h.id === me.hallId);
      let stored: string | null = null;
      try {
        stored = localStorage.getItem(HALL_KEY);
      } catch {
        // private mode
      }
      const asked = wantHallId ?? new URLSearchParams(location.search).get('hall') ?? stored;
      const hall = halls.find((h) => h.id === asked || h.code === asked) ?? halls[0] ?? null;
      setState({ name: 'ready', me, halls, hallId: hall?.id ?? null });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return setState({ name: 'signedOut' });
      setError(err);
    }
  }, []);

  useEffect(() => {
    void load();
    whenSignedOut(() => setState({ name: 'signedOut' }));
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [load]);

  const hall = state.name === 'ready' ? (state.halls.find((h) => h.id === state.hallId) ?? null) : null;
  const { events, online } = useFeed(hall?.id ?? null);
  const offline = useOffline(online || !hall, 2000);

  const pickHall = (id: string) => {
    try {
      localStorage.setItem(HALL_KEY, id);
    } catch {
      // private mode
    }
    void load(id);
  };

  const me = 'me' in state ? state.me : null;
  return (
    <div class="admin" data-testid="admin" data-state={state.name}>
      {offline && <OfflineBanner />}
      <header class="admin-header">
        <div class="admin-title">{t('appTitle')}</div>
        {state.name === 'ready' && state.halls.length > 0 && (
          <label class="hall-pick">
            <span class="visually-hidden">{t('hall')}</span>
            <select
              data-testid="hall-select"
              value={state.hallId ?? ''}
              disabled={state.halls.length < 2}
              onChange={(e) => pickHall(e.currentTarget.value)}
            >
              {state.halls.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <StaffCorner
          me={me}
          nameClass="admin-user"
          signOutLabel={t('signOut')}
          onSignedOut={() => setState({ name: 'signedOut' })}
        />
      </header>
      {error !== null && (
        <p class="status status-error" role="alert">
          {describeError(error)}
        </p>
      )}
      {state.name === 'loading' && <p class="admin-note">{t('loading')}</p>}
      {state.name === 'signedOut' && <Login onSignedIn={() => void load()} />}
      {state.name === 'notManager' && <p class="admin-note">{t('notManager')}</p>}
      {state.name === 'ready' && (
        <>
          <nav class="tabs" role="tablist" aria-label={t('sections')}>
            {TABS.map((id) => (
              <a
                key={id}
                href={`#${id}`}
                role="tab"
                aria-selected={tab === id}
                class={`tab${tab === id ? ' tab-on' : ''}`}
                data-testid={`tab-${id}`}
              >
                {t(`tab_${id}`)}
              </a>
            ))}
          </nav>
          <div class="admin-main" role="tabpanel" data-testid={`panel-${tab}`}>
            {!hall ? (
              <HallTab
                me={state.me}
                hall={null}
                events={events}
                reloadHall={() => void load()}
                onCreated={pickHall}
              />
            ) : (
              <Panel
                key={`${hall.id}-${tab}`}
                tab={tab}
                props={{ me: state.me, hall, events, reloadHall: () => void load(hall.id) }}
                onCreated={pickHall}
              />
            )}
          </div>
        </>
      )}
    </div>
  );
}

function Panel({ tab, props, onCreated }: { tab: Tab; props: TabProps; onCreated: (id: string) => void }) {
  switch (tab) {
    case 'floor':
      return <FloorTab {...props} />;
    case 'stats':
      return <StatsTab {...props} />;
    case 'staffing':
      return <StaffingTab {...props} />;
    case 'complaints':
      return <ComplaintsTab {...props} />;
    case 'hall':
      return <HallTab {...props} onCreated={onCreated} />;
    case 'matters':
      return <MattersTab {...props} />;
    case 'counters':
      return <CountersTab {...props} />;
    case 'staff':
      return <StaffTab {...props} />;
    case 'schedule':
      return <ScheduleTab {...props} />;
    case 'audit':
      return <AuditTab {...props} />;
  }
}

/** The hall's socket, handed to the tabs through HallEvents. */
function useFeed(hallId: string | null): { events: HallEvents; online: boolean } {
  const events = useMemo(() => new HallEvents(), []);
  const [online, setOnline] = useState(false);
  useEffect(() => {
    if (!hallId) return;
    const feed = new HallFeed(hallId, {
      snapshot: () => events.emit(null),
      event: (ev) => events.emit(ev),
      status: setOnline,
    });
    return () => feed.close();
  }, [hallId, events]);
  return { events, online };
}
