// What the holder's pages (the live ticket and the booking's manage link) share: the link's
// id and token, the hall and matters the thing belongs to, and the confirm-first cancel box.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { get, type ApiOptions } from '../ui/api.ts';
import { holderHeaders, readHolderLink } from '../ui/holder-link.ts';
import type { Hall, Matter } from '../ui/types.ts';

/** The id and token of the holder's link (ui/holder-link.ts); `auth` sends the token to the API. */
export function holderLink(): { id: string; token: string; auth: ApiOptions } {
  const { id, token } = readHolderLink();
  return { id, token, auth: { headers: holderHeaders(token) } };
}

/** The hall (null if it is gone) and its matters. */
export async function hallAndMatters(hallId: string): Promise<{ hall: Hall | null; matters: Matter[] }> {
  const [halls, matters] = await Promise.all([
    get<Hall[]>('/halls'),
    get<Matter[]>(`/halls/${hallId}/matters`),
  ]);
  return { hall: halls.find((h) => h.id === hallId) ?? null, matters };
}

/**
 * "Cancel it?" with yes and no; "no" has the focus when the box opens, so a stray tap or Enter
 * keeps the ticket or booking. `children` go between the question and the buttons.
 */
export function CancelConfirm({
  question,
  yes,
  yesBusy,
  no,
  busy,
  onYes,
  onNo,
  children,
}: {
  question: string;
  yes: string;
  /** The yes button's words while the cancellation is under way. */
  yesBusy: string;
  no: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  children?: ComponentChildren;
}) {
  const noButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    noButton.current?.focus();
  }, []);
  return (
    <div class="confirm-box" role="alertdialog" aria-labelledby="cancel-q" data-testid="cancel-confirm">
      <p id="cancel-q">{question}</p>
      {children}
      <div class="r-actions">
        <button
          type="button"
          class="r-btn r-btn-danger r-btn-block"
          data-testid="cancel-yes"
          disabled={busy}
          onClick={onYes}
        >
          {busy ? yesBusy : yes}
        </button>
        <button type="button" class="r-btn r-btn-secondary r-btn-block" ref={noButton} onClick={onNo}>
          {no}
        </button>
      </div>
    </div>
  );
}
