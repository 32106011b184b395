/**
 * Building blocks for every domain's schemas: text that is NFC-normalised, free of control characters
 * and length-checked after normalisation; ids; cursors; list envelopes.
 */
import { z } from 'zod';

// C0 controls except tab (\u0009), newline (\u000A) and carriage return (\u000D), plus DEL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Half of a surrogate pair on its own is not text; databases and encoders would mangle it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds characters no text field takes: C0 controls (but tab and newlines), DEL, lone surrogates. */
export function hasForbiddenCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value) || LONE_SURROGATE.test(value);
}

/**
 * A user-supplied string: normalised to NFC, refused when it has control characters, then checked for length.
 * `singleLine` also refuses newlines and tabs (titles, names).
 */
export function text(options: {
  min?: number;
  max: number;
  singleLine?: boolean;
  trim?: boolean;
  /** When the documented limit is stricter than this outer bound (usernames: 30, checked afterwards). */
  maxMessage?: string;
}) {
  const { min = 0, max, singleLine = false, trim = true, maxMessage } = options;
  return z
    .string()
    .transform((value) => {
      const normalised = value.normalize('NFC');
      return trim ? normalised.trim() : normalised;
    })
    .check((ctx) => {
      const value = ctx.value;
      if (hasForbiddenCharacters(value) || (singleLine && /[\r\n\t]/.test(value))) {
        ctx.issues.push({ code: 'custom', message: 'contains characters that are not allowed', input: value });
        return;
      }
      const length = [...value].length;
      if (length < min)
        ctx.issues.push({
          code: 'custom',
          message: min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
          input: value,
        });
      if (length > max)
        ctx.issues.push({ code: 'custom', message: maxMessage ?? `must be at most ${max} characters`, input: value });
    });
}

export const idSchema = z.string().uuid({ error: 'not a valid id' });

/** How callers name a space (its slug, sometimes its id) in paths, filters and socket payloads: one line of text. */
export const spaceRefSchema = text({ min: 1, max: 100, singleLine: true });

export const isoDate = z.string().meta({ format: 'date-time' });

export const limitSchema = z.coerce.number().int().min(1).max(100);

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
