// A holder's link (the live ticket, the booking's manage page): the id in the query, the token
// in the fragment (`#t=…`), which browsers never send, so no server or proxy log holds it. The
// pages then send the token in the X-Holder-Token header. Links printed before (`?token=…`)
// still open: the page moves the token into the fragment at once.

/** `/resident/ticket?id=…#t=…` (path relative to the origin). */
export const holderHref = (path: string, id: string, token: string): string =>
  `${path}?${new URLSearchParams({ id }).toString()}#t=${encodeURIComponent(token)}`;

/** The id and token of the page's own holder link; an old `?token=` is moved into the fragment. */
export function readHolderLink(): { id: string; token: string } {
  const params = new URLSearchParams(location.search);
  const id = params.get('id') ?? '';
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('t');
  const fromQuery = params.get('token');
  if (fromHash === null && fromQuery !== null) {
    params.delete('token');
    history.replaceState(
      history.state,
      '',
      `${location.pathname}?${params.toString()}#t=${encodeURIComponent(fromQuery)}`,
    );
  }
  return { id, token: fromHash ?? fromQuery ?? '' };
}

/** The header the API takes a holder token in. */
export const holderHeaders = (token: string): Record<string, string> => ({ 'x-holder-token': token });
