// The console's API calls: the screens' helper plus PATCH, PUT and DELETE, and one place that
// notices a session that ran out (12 h) so the console asks to sign in again.
import { api, ApiError, type ApiOptions } from '../ui/api.ts';

let onSignedOut: () => void = () => {};
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

async function call<T>(method: string, path: string, opts?: ApiOptions): Promise<T> {
  try {
    return await api<T>(method, path, opts);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) onSignedOut();
    throw err;
  }
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T = unknown>(path: string, body?: unknown) =>
  call<T>('POST', path, body === undefined ? {} : { body });
export const patch = <T = unknown>(path: string, body: unknown) => call<T>('PATCH', path, { body });
export const put = <T = unknown>(path: string, body: unknown) => call<T>('PUT', path, { body });
export const del = (path: string) => call<null>('DELETE', path);
