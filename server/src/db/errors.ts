/**
 * Recognising database errors that are expected outcomes rather than bugs (a unique index refusing a
 * duplicate), for both drivers. drizzle wraps driver errors in a DrizzleQueryError whose `cause` holds
 * the original, so the chain of causes is searched.
 */
interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

function driverErrorWithCode(error: unknown, code: string): DriverError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as DriverError;
    if (candidate.code === code) return candidate;
    current = candidate.cause;
  }
  return null;
}

/** True when `error` is a unique violation (SQLSTATE 23505), optionally of the named index or constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = driverErrorWithCode(error, '23505');
  if (!found) return false;
  if (constraint === undefined) return true;
  if (found.constraint === constraint) return true;
  // PGlite does not always fill `constraint`; its message names the index.
  return typeof found.message === 'string' && found.message.includes(`"${constraint}"`);
}
