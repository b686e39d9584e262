// The rating pad: a tablet at a counter's window. Paired once by a manager (the token stays in
// local storage), it follows the hall's events and asks the server whom to prompt after each
// finish at its counter; the resident taps one of the five levels (a reason is required for
// 2 and 1), sees thanks, and the pad goes back to idle. It never knows who the resident is.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Login } from '../../admin/login.tsx';
import { ApiError, get, post } from '../../ui/api.ts';
import { useDebounced } from '../../ui/hooks.ts';
import { useLang, useT } from '../../ui/i18n.ts';
import { HallFeed } from '../../ui/socket.ts';
import { StatusCorner } from '../../ui/status-corner.tsx';
import type { StaffUser } from '../../ui/types.ts';
import { LangSwitch } from '../../ui/ui.tsx';
import { Rate } from './rate.tsx';
import { strings } from './strings.ts';

export interface PadInfo {
  counter: { id: string; hallId: string; number: number; name: string };
  clerkName: string | null;
  prompt: {
    ticketId: string;
    number: string;
    matterId: string;
    matterName: string;
    finishedAt: string;
    promptUntil: string;
  } | null;
}

const params = new URLSearchParams(location.search);
const counterId = params.get('counter');
const storageKey = `hallq.pad.${counterId}`;

/**
 * The token of the pairing link: `#pad=<token>` in the fragment (never sent to a server, so in
 * no log or Referer), or `?token=` of a link made before (it still opens). It is kept in local
 * storage and taken out of the address; where storage is off it stays, in the fragment only.
 */
function initialToken(): string | null {
  const fromHash = /(?:^#|&)pad=([A-Za-z0-9_-]{8,200})/.exec(location.hash)?.[1] ?? null;
  const fromUrl = fromHash ?? params.get('token');
  const address = (hash: string) => {
    params.delete('token');
    history.replaceState(null, '', `${location.pathname}?${params.toString()}${hash}`);
  };
  try {
    if (fromUrl) {
      localStorage.setItem(storageKey, fromUrl);
      // The token must not linger in the address bar or the history.
      address('');
    }
    return localStorage.getItem(storageKey);
  } catch {
    if (fromUrl) address(`#pad=${fromUrl}`);
    return fromUrl;
  }
}

export function Pad() {
  const t = useT(strings);
  useLang();
  const [token, setToken] = useState<string | null>(initialToken);
  const [info, setInfo] = useState<PadInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [thanks, setThanks] = useState<string | null>(null);
  const thanksRef = useRef(false);

  const forget = () => {
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // private mode
    }
    setToken(null);
    setInfo(null);
    setNote(t('unpaired'));
  };

  const load = async () => {
    if (!counterId || !token) return;
    try {
      setInfo(await get<PadInfo>(`/counters/${counterId}/pad`, { headers: { 'x-pad-token': token } }));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) forget();
      // offline: the next event or tick asks again
    }
  };
  const loadSoon = useDebounced(() => void load(), 200);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [token]);

  const hallId = info?.counter.hallId;
  useEffect(() => {
    if (!hallId) return;
    const feed = new HallFeed(
      hallId,
      {
        snapshot: loadSoon,
        event: (ev) => {
          const d = ev.data as { counterId?: string };
          if (d.counterId !== counterId) return;
          // A finish opens the prompt; a start of the next service at this counter ends it.
          if (ev.type === 'ticket.updated' || ev.type === 'ticket.called' || ev.type === 'rating.created')
            loadSoon();
        },
      },
      token ?? undefined,
    );
    return () => feed.close();
  }, [hallId, token]);

  /** Thanks for a few seconds, then idle again. */
  const done = (text: string) => {
    thanksRef.current = true;
    setThanks(text);
    setTimeout(() => {
      thanksRef.current = false;
      setThanks(null);
      void load();
    }, 5000);
  };

  const pair = async (me: StaffUser) => {
    setNote(t('pairing'));
    try {
      const { token: fresh } = await post<{ token: string }>(`/counters/${counterId}/pad-token`);
      localStorage.setItem(storageKey, fresh);
      setToken(fresh);
      setNote(null);
    } catch (err) {
      setNote(err instanceof ApiError ? err.words() : String(err));
    } finally {
      // The tablet stays at a public window: it must not stay signed in as the manager.
      if (me) await post('/auth/logout').catch(() => {});
    }
  };

  let body;
  if (!counterId) body = <p class="pad-note">{t('noCounter')}</p>;
  else if (!token)
    body = (
      <div class="pad-pair" data-testid="pad-pair">
        <h1>{t('pairTitle')}</h1>
        <p>{t('pairLead')}</p>
        {note && (
          <p class="pad-note" role="status">
            {note}
          </p>
        )}
        <Login title={t('pairSignIn')} onSignedIn={(me) => void pair(me)} />
      </div>
    );
  else if (thanks)
    body = (
      <div class="pad-thanks" data-testid="pad-thanks" role="status">
        <div class="pad-thanks-mark" aria-hidden="true">
          ✓
        </div>
        <h1>{thanks}</h1>
        <p>{t('thanksLead')}</p>
      </div>
    );
  else if (info?.prompt)
    body = (
      <Rate key={info.prompt.ticketId} prompt={info.prompt} token={token} onDone={done} onUnpaired={forget} />
    );
  else
    body = (
      <div class="pad-idle" data-testid="pad-idle">
        <h1>{t('idleTitle')}</h1>
        <p>{t('idleLead')}</p>
        {info?.clerkName && <p class="pad-clerk">{t('clerkOnDuty', { name: info.clerkName })}</p>}
      </div>
    );

  return (
    <div
      class="pad"
      data-testid="pad"
      data-state={thanks ? 'thanks' : info?.prompt ? 'prompt' : token ? 'idle' : 'pair'}
    >
      <header class="pad-header">
        <span class="pad-counter">{info?.counter.name ?? t('title')}</span>
        <LangSwitch />
      </header>
      <main class="pad-body">{body}</main>
      <StatusCorner place={info?.counter.name ?? null} kind="pad" />
    </div>
  );
}
