/**
 * The hostile-input corpus: malformed JSON, Unicode edge cases and SQL-looking strings, plus the check
 * every answer must pass (a 2xx or a documented 4xx, never a 500, never database or stack text).
 */
import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';

/** Statuses the API documents (docs/security.md) for bad, hostile or unauthorised input (413/415: body too large / not JSON). */
export const documentedStatuses = new Set([400, 401, 403, 404, 409, 413, 415, 429]);

/** Text that only a database error, a query or a stack trace would put in an answer. */
export const internalsPattern =
  /syntax error|relation "|violates|pg_(catalog|class|proc|type|namespace|toast|stat|attribute|index)|drizzle|failed query|invalid input syntax|invalid byte sequence|duplicate key|sqlstate|node_modules|\bat \S+ \(|\.ts:\d+:\d+|stack/i;

/** What is wrong with an answer, or null when it is fine. */
export function problemWith(res: LightMyRequestResponse): string | null {
  const okStatus = (res.statusCode >= 200 && res.statusCode < 300) || documentedStatuses.has(res.statusCode);
  if (!okStatus) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  const internal = internalsPattern.exec(res.body);
  if (internal) return `answer reveals internals ("${internal[0]}"): ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 400) {
    try {
      const code = (JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code;
      if (typeof code !== 'string') return `status ${res.statusCode} without an error code`;
    } catch {
      return `status ${res.statusCode} with a body that is not JSON`;
    }
  }
  return null;
}

export const sqlStrings = ["' OR 1=1 --", "'; drop table users;--", '%', '_', '\\', '"; select 1/0;--'];

/** A path segment, percent-encoded; a lone surrogate goes out as the (invalid) UTF-8 bytes a hostile client would send. */
export function encodeSegment(value: string): string {
  return Array.from(value, (ch) => (/^[\uD800-\uDFFF]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
}

/** Unicode edge cases for any text field (lengths at and over the limits are checked separately). */
export const unicodeStrings = [
  'a\u0000b', // NUL
  'tab\u0007bel\u001b\u007f', // other C0 controls and DEL
  '\u202Egnp.exe\u202C\u2066isolate\u2069', // bidi override and isolates
  'zero\u200Bwidth\u200C\u200D\uFEFF', // zero-width characters and a BOM
  `e${'\u0301'.repeat(1000)}`, // 1000 combining marks
  'lone \uD800 high', // lone surrogates (JSON.stringify escapes them as \ud800)
  'lone \uDC00 low',
  '\uFFFF\uFFFE', // non-characters
  '',
];
/** The ones that matter in a path or query (where they arrive percent-encoded). */
export const paramUnicodeStrings = [unicodeStrings[0], unicodeStrings[2], unicodeStrings[4], unicodeStrings[5]].filter(
  (s): s is string => s !== undefined,
);

/** A 4-byte character (one code point, two UTF-16 units). */
export const EMOJI = '\u{1F49B}';

/** Raw JSON bodies that are malformed or edge cases of the format, with the Content-Type they are sent with. */
export function malformedBodies(
  sample: Record<string, unknown>,
): { name: string; body: string | Buffer; type: string }[] {
  const json = JSON.stringify(sample);
  const depth = 10_000;
  const firstKey = Object.keys(sample)[0] ?? 'x';
  return [
    { name: 'truncated', body: json.slice(0, Math.max(1, json.length - 3)), type: 'application/json' },
    { name: 'empty', body: '', type: 'application/json' },
    { name: 'deep arrays', body: '['.repeat(depth) + ']'.repeat(depth), type: 'application/json' },
    { name: 'deep objects', body: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), type: 'application/json' },
    {
      name: 'deep value in a field',
      body: `{"${firstKey}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      type: 'application/json',
    },
    { name: 'number 1e400', body: `{"${firstKey}":1e400}`, type: 'application/json' },
    { name: 'number 2^64', body: `{"${firstKey}":18446744073709551616}`, type: 'application/json' },
    {
      name: 'duplicate keys',
      body: `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"${firstKey}":"dubbel"}`,
      type: 'application/json',
    },
    {
      name: '__proto__',
      body: `{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}`,
      type: 'application/json',
    },
    {
      name: 'invalid UTF-8',
      body: Buffer.concat([Buffer.from(`{"${firstKey}":"`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]),
      type: 'application/json',
    },
    {
      name: 'BOM',
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
      type: 'application/json',
    },
    { name: 'UTF-16', body: Buffer.from(json, 'utf16le'), type: 'application/json; charset=utf-16' },
    { name: 'text/plain', body: json, type: 'text/plain' },
    { name: 'form', body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
    {
      name: 'multipart',
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
      type: 'multipart/form-data; boundary=x',
    },
    { name: 'array', body: '[]', type: 'application/json' },
    { name: 'array of the object', body: `[${json}]`, type: 'application/json' },
    { name: 'null', body: 'null', type: 'application/json' },
    { name: 'string', body: '"tekst"', type: 'application/json' },
    { name: 'number', body: '42', type: 'application/json' },
  ];
}

/** Numbers where numbers are expected: out of range, not integers, not finite. */
export const numberValues = ['1e400', '18446744073709551616', '-1.5'];
export const numberQueryValues = ['1e400', '18446744073709551616', '-1', '1.5', 'NaN', 'Infinity', '0x10', ''];

/**
 * The longest string of `unit` the schema accepts in `field` (code points, after NFC), found by asking the
 * schema itself; null when the field has no upper limit below `ceiling`.
 */
export function maxLengthOf(
  schema: z.ZodType,
  sample: Record<string, unknown>,
  field: string,
  ceiling = 100_000,
): number | null {
  const fieldOk = (length: number) => {
    const result = schema.safeParse({ ...sample, [field]: 'a'.repeat(length) });
    return result.success || !result.error.issues.some((issue) => issue.path[0] === field);
  };
  if (fieldOk(ceiling)) return null;
  const accepted = [1, 2, 3, 5, 10, 20, 50, 100].find(fieldOk);
  if (accepted === undefined) return null;
  let low = accepted;
  let high = ceiling;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fieldOk(middle)) low = middle;
    else high = middle;
  }
  return low;
}
