/**
 * Opaque keyset cursors for list endpoints: the sort values of the last item of a page, as base64url JSON.
 * Clients pass them back unchanged; anything that does not decode to the expected shape is refused (400).
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The cursor's values when it has exactly `arity` strings; null for anything else. */
export function decodeCursor(cursor: string, arity: number): string[] | null {
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(cursor)) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(values) || values.length !== arity) return null;
    if (!values.every((value): value is string => typeof value === 'string' && value.length <= 500)) return null;
    return values;
  } catch {
    return null;
  }
}
