/**
 * Two global zod settings, imported first by index.ts before any schema exists:
 *
 * - zod builds fast object parsers with `new Function` when it is allowed to, and probes for that when a
 *   schema is created. Under the web app's CSP (`script-src 'self'`, no 'unsafe-eval') even the probe is
 *   reported as a violation, so in a browser zod runs without it; the server keeps the fast parsers.
 * - Error texts: zod's defaults ("Too big: expected string to have <=120 characters") reach people through the
 *   API's `fields`. These read as the end of a sentence about the field ("title: must be at most 120
 *   characters"), like the project's own checks in schemas/common.ts. A schema's own `error` still wins.
 */
import { z } from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';

if (typeof document !== 'undefined') z.config({ jitless: true });

const kindNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
};

type Issue = $ZodRawIssue;

/** A readable text for the issues zod raises itself; undefined keeps zod's (never reached for our codes). */
export function issueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${kindNames[issue.expected] ?? issue.expected}`;
    case 'too_big': {
      const inclusive = issue.inclusive !== false;
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${inclusive ? limit : limit - 1} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${limit} items`;
      return `must be at most ${String(issue.maximum)}${inclusive ? '' : ' (exclusive)'}`;
    }
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return limit <= 1 ? 'must not be empty' : `must be at least ${limit} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${limit} items`;
      return `must be at least ${String(issue.minimum)}`;
    }
    case 'invalid_value':
      return `must be one of: ${issue.values.map((value: unknown) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'uuid' ? 'not a valid id' : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has fields that are not allowed: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'is none of the allowed shapes';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_key':
    case 'invalid_element':
      return 'contains a value that is not allowed';
    default:
      return undefined;
  }
}

z.config({ customError: issueMessage });
