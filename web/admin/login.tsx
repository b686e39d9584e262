import { useState } from 'preact/hooks';
import { ApiError, describeError, post } from '../shared/api.ts';
import { useT } from '../shared/i18n.ts';
import type { StaffUser } from '../shared/types.ts';
import { strings } from './strings.ts';

/** Staff sign-in (the same session cookie as the clerk console). */
export function Login({ onSignedIn, title }: { onSignedIn: (me: StaffUser) => void; title?: string }) {
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
  return (
    <form class="login card" onSubmit={(e) => void submit(e)} data-testid="login">
      <h1>{title ?? t('signInTitle')}</h1>
      <label class="field">
        <span class="field-label">{t('username')}</span>
        <input
          name="username"
          autocomplete="username"
          autoFocus
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field-label">{t('password')}</span>
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error !== null && (
        <p class="status status-error" role="alert">
          {bad ? t('badLogin') : describeError(error)}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy} data-testid="sign-in">
        {busy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
