/** Recognising database errors the code expects (both drivers, through drizzle's error wrapper). */

function* causes(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const record = current as Record<string, unknown>;
    yield record;
    current = record.cause;
  }
}

/** A unique violation (23505), optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (const candidate of causes(error)) {
    if (candidate.code !== '23505') continue;
    if (constraint === undefined) return true;
    if (candidate.constraint === constraint) return true;
    if (typeof candidate.message === 'string' && candidate.message.includes(`"${constraint}"`)) return true;
  }
  return false;
}
