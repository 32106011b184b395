/**
 * Services return explicit outcomes instead of throwing for expected failures; routes map them to
 * HTTP with `sendResult` (plugins/errors.ts). Unexpected failures still throw and become a 500.
 */
export type ServiceErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'payload_too_large';

export interface ServiceError {
  kind: ServiceErrorKind;
  /** The public error code, e.g. `username_taken`. */
  code: string;
  message: string;
  fields?: Record<string, string>;
  /** Seconds, for rate_limited. */
  retryAfter?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  kind: ServiceErrorKind,
  code: string,
  message: string,
  extra: Pick<ServiceError, 'fields' | 'retryAfter'> = {},
): { ok: false; error: ServiceError } => ({ ok: false, error: { kind, code, message, ...extra } });

export const statusFor: Record<ServiceErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};
