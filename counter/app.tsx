// The clerk console: sign in → choose and open a counter → serve. Everything shown comes from
// the server (who is signed in, which counter has this clerk), so a reload or a second tab
// shows the same state.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../ui/api.ts';
import { resolveHall } from '../ui/hall.ts';
import { common, useT } from '../ui/i18n.ts';
import type { Counter, Hall, StaffUser } from '../ui/types.ts';
import { SignIn, StaffCorner } from '../ui/sign-in.tsx';
import { OfflineBanner } from '../ui/ui.tsx';
import { Console } from './console.tsx';
import { Picker } from './picker.tsx';
import { strings } from './strings.ts';

type State =
  | { name: 'loading' }
  | { name: 'offline' }
  | { name: 'signedOut' }
  | { name: 'noHall'; me: StaffUser }
  | { name: 'picking'; me: StaffUser; hall: Hall; counters: Counter[] }
  | { name: 'serving'; me: StaffUser; hall: Hall; counterId: string };

export function App() {
  const t = useT(strings);
  const tc = useT(common);
  const [state, setState] = useState<State>({ name: 'loading' });
  const [error, setError] = useState<unknown>(null);

  /** Who is signed in and where: straight from the server. */
  const load = useCallback(async () => {
    try {
      const { user: me } = await get<{ user: StaffUser }>('/auth/me');
      const hall = me.hallId ? await get<Hall>(`/halls/${me.hallId}`) : await resolveHall(); // an admin has no hall: ?hall= or the first one
      if (!hall) return setState({ name: 'noHall', me });
      const counters = await get<Counter[]>(`/halls/${hall.id}/counters`);
      const mine = counters.find((c) => c.clerk?.id === me.id && c.status !== 'closed');
      setState(
        mine ? { name: 'serving', me, hall, counterId: mine.id } : { name: 'picking', me, hall, counters },
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return setState({ name: 'signedOut' });
      if (err instanceof ApiError && err.status === 0) {
        setState({ name: 'offline' });
        setTimeout(() => void load(), 3000);
        return;
      }
      setError(err);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async (counter: Counter) => {
    if (state.name !== 'picking') return;
    setError(null);
    try {
      await post<Counter>(`/counters/${counter.id}/open`);
      setState({ name: 'serving', me: state.me, hall: state.hall, counterId: counter.id });
    } catch (err) {
      setError(err);
      void load();
    }
  };

  const me = 'me' in state ? state.me : null;
  return (
    <div class="console-app" data-testid="console-app" data-state={state.name}>
      {state.name === 'offline' && <OfflineBanner />}
      <header class="app-header">
        <div class="app-title">
          {t('appTitle')}
          {'hall' in state && <span class="app-hall">{state.hall.name}</span>}
        </div>
        <StaffCorner
          me={me}
          nameClass="app-user"
          signOutLabel={t('signOut')}
          onSignedOut={() => setState({ name: 'signedOut' })}
        />
      </header>
      {error !== null && (
        <p class="app-error" role="alert">
          {describeError(error)}
        </p>
      )}
      {(state.name === 'loading' || state.name === 'offline') && <p class="app-note">{tc('loading')}</p>}
      {state.name === 'signedOut' && (
        <SignIn
          strings={strings}
          classes={{ error: 'form-error' }}
          onSignedIn={() => {
            setError(null);
            void load();
          }}
        />
      )}
      {state.name === 'noHall' && <p class="app-note">{tc('hallMissing')}</p>}
      {state.name === 'picking' && (
        <Picker me={state.me} hall={state.hall} counters={state.counters} onOpen={(c) => void open(c)} />
      )}
      {state.name === 'serving' && (
        <Console me={state.me} hall={state.hall} counterId={state.counterId} onLeft={() => void load()} />
      )}
    </div>
  );
}
