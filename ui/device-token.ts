// A paired device's token (POST /halls/:hallId/devices gave it; docs/DEVICES.md "Pairing"). The
// technician opens the device's page once with `#device=<token>` in the URL fragment (never sent
// to a server, so never in a log); the page keeps it in this browser profile and sends it as
// X-Device-Token on every API call, so the device counts per device and may check in by ID number.
const KEY = 'hallq.deviceToken';

/** Takes a token from the URL fragment (and removes it from the address bar). */
export function adoptDeviceToken(): void {
  try {
    const m = /(?:^#|&)device=([A-Za-z0-9_-]{8,200})/.exec(location.hash);
    if (!m) return;
    localStorage.setItem(KEY, m[1]!);
    history.replaceState(null, '', location.pathname + location.search);
  } catch {
    // storage disabled: the device simply stays unpaired
  }
}

export function deviceToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
