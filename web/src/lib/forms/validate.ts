/**
 * Form checks with the shared contract: a form runs the same zod schema the server parses its request
 * with, and each problem becomes an i18n key for the field it belongs to. The schema decides *whether*
 * a field is wrong; the form's `messages` decide *which words* explain it, so every text stays in the
 * nl/en message files (the schemas' own English messages never reach the screen).
 */
import type { z } from 'zod';

export type Issue = z.core.$ZodIssue;

/**
 * The i18n key for a problem with one field: a fixed key, or one chosen from the issue and the value
 * the field holds (e.g. "too short" versus "too long"). Returning null falls back to `fallback`.
 */
export type FieldMessage = string | ((issue: Issue, value: unknown) => string | null | undefined);

/** Field (dotted path, e.g. `helplines.0.url`) → i18n key; the first problem of a field wins. */
export type FieldErrors = Record<string, string>;

export type Validation<T> = { ok: true; data: T; errors: FieldErrors } | { ok: false; errors: FieldErrors };

/** The key for a field that `messages` does not name (or whose rule returned null). */
export const DEFAULT_FALLBACK = 'invalid';

/** `helplines.0.url` for the path `['helplines', 0, 'url']`; '' for a problem with the whole form. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The most specific rule for a field: `helplines.0.url`, then `helplines.*.url`, then `helplines`. */
function ruleFor(messages: Readonly<Record<string, FieldMessage>>, path: readonly PropertyKey[]) {
  const exact = fieldPath(path);
  const wildcard = path.map((key) => (typeof key === 'number' ? '*' : String(key))).join('.');
  return messages[exact] ?? messages[wildcard] ?? (path.length > 0 ? messages[String(path[0])] : undefined);
}

/** Runs `schema.safeParse(input)` and maps its issues to field → i18n key. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  messages: Readonly<Record<string, FieldMessage>>,
  fallback: string = DEFAULT_FALLBACK,
): Validation<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = fieldPath(issue.path);
    if (field in errors) continue;
    const rule = ruleFor(messages, issue.path);
    const key = typeof rule === 'function' ? rule(issue, valueAt(input, issue.path)) : rule;
    errors[field] = key ?? fallback;
  }
  return { ok: false, errors };
}

/** Whether the input passes the schema (for a submit button that waits until the form is complete). */
export function isValid(schema: z.ZodType, input: unknown): boolean {
  return schema.safeParse(input).success;
}
