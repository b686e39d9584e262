import { useState } from 'preact/hooks';
import { ApiError, describeError, post } from './api.ts';
import { type Strings, useT } from './i18n.ts';
import type { StaffUser } from './types.ts';
import { LangSwitch } from './ui.tsx';

// Staff sign-in and sign-out, one session cookie for every staff screen (the clerk console, the
// manager's console, the rating pad's pairing). Each screen passes its own words and classes.

/** The words a screen's strings must have for the sign-in form. */
export type SignInKey = 'signInTitle' | 'username' | 'password' | 'signIn' | 'signingIn' | 'badLogin';

/** Classes of the screen's own form look; none by default. */
export interface SignInClasses {
  /** Each `<label>` around a field. */
  field?: string;
  /** The field's name inside its label. */
  label?: string;
  /** The error under the fields. */
  error?: string;
}

export function SignIn({
  strings,
  onSignedIn,
  title,
  classes = {},
}: {
  strings: Strings<SignInKey>;
  onSignedIn: (me: StaffUser) => void;
  /** Instead of the screen's `signInTitle`. */
  title?: string;
  classes?: SignInClasses;
}) {
  const t = useT(strings);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { user } = await post<{ user: StaffUser }>('/auth/login', {
        username: username.trim(),
        password,
      });
      setPassword('');
      onSignedIn(user);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const bad = error instanceof ApiError && (error.status === 401 || error.status === 400);
  const message = error === null ? null : bad ? t('badLogin') : describeError(error);
  return (
    <form class="login card" onSubmit={(e) => void submit(e)} data-testid="login">
      <h1>{title ?? t('signInTitle')}</h1>
      <label class={classes.field}>
        <span class={classes.label}>{t('username')}</span>
        <input
          name="username"
          autocomplete="username"
          autoFocus
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label class={classes.field}>
        <span class={classes.label}>{t('password')}</span>
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {message && (
        <p class={classes.error} role="alert">
          {message}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy} data-testid="sign-in">
        {busy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}

/** Ends the staff session; a session that is gone already counts as ended. */
export async function signOut(): Promise<void> {
  try {
    await post('/auth/logout');
  } catch {
    // the session may be gone already
  }
}

/**
 * The end of a staff screen's header: who is signed in, the language switch and, when signed
 * in, the sign-out button.
 */
export function StaffCorner({
  me,
  nameClass,
  signOutLabel,
  onSignedOut,
}: {
  me: StaffUser | null;
  nameClass: string;
  signOutLabel: string;
  onSignedOut: () => void;
}) {
  return (
    <>
      {me && <div class={nameClass}>{me.name}</div>}
      <LangSwitch />
      {me && (
        <button
          type="button"
          class="btn btn-quiet"
          data-testid="sign-out"
          onClick={() => void signOut().then(onSignedOut)}
        >
          {signOutLabel}
        </button>
      )}
    </>
  );
}
