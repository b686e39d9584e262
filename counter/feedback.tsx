// The console's one line of feedback. A message remembers the counter's state it was about
// (`about`) and is shown only while that state lasts, so a refusal never outlives its cause; it
// is put in words when shown, so it follows a language switch.
import { describeError } from '../ui/api.ts';
import { translator, useLang, type Lang } from '../ui/i18n.ts';
import type { Counter } from '../ui/types.ts';
import { whyStrings } from './actions.ts';

export type Message =
  | { kind: 'error'; error: unknown; network: boolean; about?: string }
  | { kind: 'info'; say: (lang: Lang) => string; about?: string };

/** What a message can be about: the counter's state, its current ticket and the requeue choice. */
export const stateKey = (c: Counter | null, noShowId: string | undefined): string =>
  c ? `${c.status}|${c.currentTicket?.id ?? ''}|${c.currentTicket?.status ?? ''}|${noShowId ?? ''}` : '';

/** The message, if it is still about the present state. */
export const current = (m: Message | null, key: string): Message | null =>
  m && (m.about === undefined || m.about === key) ? m : null;

export function Feedback({ message }: { message: Message }) {
  const lang = useLang();
  if (message.kind === 'info') return <p class="msg msg-info">{message.say(lang)}</p>;
  return (
    <p class="msg msg-error" role="alert">
      {/* No connection: the request did not get out, and the clerk is told to do it again. */}
      {message.network ? translator(whyStrings, lang)('offline') : describeError(message.error, lang)}
    </p>
  );
}
