import { SignIn } from '../ui/sign-in.tsx';
import type { StaffUser } from '../ui/types.ts';
import { strings } from './strings.ts';

const CLASSES = { field: 'field', label: 'field-label', error: 'status status-error' };

/** Staff sign-in in the console's words and form look (also the rating pad's pairing). */
export function Login({ onSignedIn, title }: { onSignedIn: (me: StaffUser) => void; title?: string }) {
  return <SignIn strings={strings} classes={CLASSES} onSignedIn={onSignedIn} title={title} />;
}
