/**
 * A tiny typed wrapper around fetch for the Kring API. Same origin only; the session lives in an
 * HttpOnly cookie, so the client never handles tokens. Every non-2xx answer becomes an ApiError
 * parsed from the server's `{ error: { code, message, fields? } }` body.
 */
import type { ErrorBody, ErrorCode } from '@kring/shared';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Seconds to wait, from `Retry-After` on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Abort a request that is no longer needed (e.g. the user navigated away). */
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Called with the HTTP status of every answer (e.g. to tell 201 "created" from 200 "already there"). */
  onStatus?: (status: number) => void;
}

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** Codes for failures that never reached the API or got no JSON back. */
function fallbackCode(status: number): ErrorCode {
  if (status === 0) return 'network_error';
  if (status === 404) return 'not_found';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'service_unavailable';
  return 'internal_error';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createApiClient(fetchFn: FetchLike = (input, init) => fetch(input, init)) {
  async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    if (!path.startsWith('/api/')) {
      throw new Error(`API paths are same-origin and start with /api/, got "${path}"`);
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (options.signal) init.signal = options.signal;

    let response: Response;
    try {
      response = await fetchFn(path, init);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'network_error', 'The server could not be reached.');
    }

    options.onStatus?.(response.status);
    const data = await readJson(response);
    if (!response.ok) {
      const retryHeader = Number(response.headers.get('retry-after'));
      const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined;
      if (isErrorBody(data)) {
        const { code, message, fields } = data.error;
        throw new ApiError(response.status, code, message, fields, retryAfter);
      }
      throw new ApiError(response.status, fallbackCode(response.status), response.statusText, undefined, retryAfter);
    }
    return data as T;
  }

  return {
    get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
    post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
    put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
    patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
    /** DELETE, with an optional JSON body (e.g. a password confirmation). */
    delete: <T = void>(path: string, options?: RequestOptions & { body?: unknown }) =>
      request<T>('DELETE', path, options?.body, options),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app-wide client. Load functions may create their own with SvelteKit's `fetch`. */
export const api: ApiClient = createApiClient();
