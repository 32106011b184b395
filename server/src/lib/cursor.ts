import { fail } from './result';

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

/** What a cursor field holds: a timestamp (ISO string), a uuid, a 0/1 flag, an integer or short text. */
export type CursorField = 'date' | 'uuid' | 'flag' | 'int' | 'text';
type FieldValue<F extends CursorField> = F extends 'date'
  ? Date
  : F extends 'flag'
    ? boolean
    : F extends 'int'
      ? number
      : string;
export type CursorValues<F extends readonly CursorField[]> = { [I in keyof F]: FieldValue<F[I]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeField(kind: CursorField, value: unknown): string | number {
  if (kind === 'date') return (value as Date).toISOString();
  if (kind === 'flag') return value ? 1 : 0;
  return value as string | number;
}

function decodeField(kind: CursorField, raw: unknown): { value: unknown } | null {
  switch (kind) {
    case 'date': {
      if (typeof raw !== 'string') return null;
      const at = new Date(raw);
      return Number.isNaN(at.getTime()) || at.toISOString() !== raw ? null : { value: at };
    }
    case 'uuid':
      return typeof raw === 'string' && UUID.test(raw) ? { value: raw } : null;
    case 'flag':
      return raw === 0 || raw === 1 ? { value: raw === 1 } : null;
    case 'int':
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? { value: raw } : null;
    case 'text':
      return typeof raw === 'string' && raw.length <= 500 ? { value: raw } : null;
  }
}

/**
 * A typed keyset cursor: `cursorCodec('flag', 'date', 'uuid')` encodes `[pinned, lastActivityAt, id]` and
 * decodes only exactly that shape (null for anything else — answer it with `invalidCursor()`).
 */
export function cursorCodec<const F extends readonly CursorField[]>(...fields: F) {
  return {
    encode(values: CursorValues<F>): string {
      return encodeCursor(fields.map((kind, i) => encodeField(kind, (values as readonly unknown[])[i])));
    },
    decode(cursor: string): CursorValues<F> | null {
      if (!/^[A-Za-z0-9_-]{1,500}$/.test(cursor)) return null;
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      if (!Array.isArray(raw) || raw.length !== fields.length) return null;
      const values: unknown[] = [];
      for (const [i, kind] of fields.entries()) {
        const decoded = decodeField(kind, raw[i]);
        if (!decoded) return null;
        values.push(decoded.value);
      }
      return values as CursorValues<F>;
    },
  };
}

/** The one answer to a cursor that does not decode (400 `invalid_cursor`). */
export const invalidCursor = () =>
  fail('invalid', 'invalid_cursor', 'The cursor is not valid. Start again without one.', {
    fields: { cursor: 'invalid' },
  });
