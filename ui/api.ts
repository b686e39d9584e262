// fetch for the API under /api/v1: JSON in and out, the session cookie, a time limit, and
// `{error: {code, message}}` answers turned into an ApiError the screens can put in words.
import { errorWords, getLang, type Lang } from './i18n.ts';
import { deviceToken } from './device-token.ts';

export class ApiError extends Error {
  constructor(
    /** API error code, or NETWORK / TIMEOUT when no answer came. */
    readonly code: string,
    /** HTTP status; 0 when no answer came. */
    readonly status: number,
    message: string,
    /** The answer's `error.details` (e.g. the slot time of CHECK_IN_TOO_LATE); [] when none. */
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No answer, a 5xx, or "still processing": the same request may be sent again. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.code === 'CONFLICT' || this.status === 429;
  }

  /** What went wrong, in words in the user's language. */
  words(lang: Lang = getLang()): string {
    return errorWords(this.code, this.message, lang);
  }
}

/** Words for anything thrown by an API call. */
export function describeError(err: unknown, lang: Lang = getLang()): string {
  if (err instanceof ApiError) return err.words(lang);
  return errorWords('INTERNAL', undefined, lang);
}

export interface ApiOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds before giving up (default 15 s). */
  timeoutMs?: number;
}

const deviceHeader = (): Record<string, string> => {
  const token = deviceToken();
  return token ? { 'x-device-token': token } : {};
};

export async function api<T>(method: string, path: string, opts: ApiOptions = {}): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 15_000);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...deviceHeader(),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      signal: controller.signal,
    });
  } catch (err) {
    const timedOut = (err as { name?: string }).name === 'AbortError';
    throw new ApiError(timedOut ? 'TIMEOUT' : 'NETWORK', 0, timedOut ? 'timed out' : 'no connection');
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 204) return null as T;
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    // a proxy's HTML error page, or a body cut off by a dropped connection
  }
  if (!res.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
      ?.error;
    const code =
      typeof error?.code === 'string' ? error.code : res.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL';
    const message = typeof error?.message === 'string' ? error.message : res.statusText;
    const details = Array.isArray(error?.details) ? (error.details as unknown[]) : [];
    throw new ApiError(code, res.status, message, details);
  }
  if (payload === null) throw new ApiError('NETWORK', 0, 'the answer was cut off');
  return payload as T;
}

export const get = <T>(path: string, opts?: ApiOptions) => api<T>('GET', path, opts);
export const post = <T>(path: string, body?: unknown, opts?: ApiOptions) =>
  api<T>('POST', path, { ...opts, ...(body !== undefined ? { body } : {}) });

/** A random key (works on plain http too, where crypto.randomUUID is missing). */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
