import { createSpaceSchema, signupBodySchema, updateMeBodySchema } from '@kring/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldPath, isValid, validate } from './validate';

const schema = z.strictObject({
  name: z.string().min(2),
  lines: z.array(z.strictObject({ name: z.string().min(1), url: z.string().startsWith('https://').optional() })),
});

describe('validate', () => {
  it('returns the parsed data and no errors for a valid input', () => {
    const result = validate(schema, { name: 'ok', lines: [{ name: 'a' }] }, {});
    expect(result).toEqual({ ok: true, data: { name: 'ok', lines: [{ name: 'a' }] }, errors: {} });
  });

  it('maps each failing field to the key its rule names', () => {
    const result = validate(schema, { name: 'x', lines: [] }, { name: 'errors.nameTooShort' });
    expect(result).toEqual({ ok: false, errors: { name: 'errors.nameTooShort' } });
  });

  it('prefers the exact path, then the wildcard for list items, then the top-level field', () => {
    const input = { name: 'ok', lines: [{ name: '', url: 'http://x' }, { name: '' }] };
    const result = validate(schema, input, {
      'lines.1.name': 'second',
      'lines.*.name': 'required',
      lines: 'line',
    });
    expect(result.errors).toEqual({ 'lines.0.name': 'required', 'lines.0.url': 'line', 'lines.1.name': 'second' });
  });

  it('passes the issue and the field value to a rule function', () => {
    const seen: unknown[] = [];
    const result = validate(
      schema,
      { name: 'x', lines: [] },
      {
        name: (issue, value) => {
          seen.push(issue.code, value);
          return `short:${String(value)}`;
        },
      },
    );
    expect(seen).toEqual(['too_small', 'x']);
    expect(result.errors).toEqual({ name: 'short:x' });
  });

  it('uses the fallback for unnamed fields and for rules that return null', () => {
    expect(validate(schema, { name: 'x', lines: 'no' }, { name: () => null }).errors).toEqual({
      name: 'invalid',
      lines: 'invalid',
    });
    expect(validate(schema, { name: 'x', lines: [] }, {}, 'errors.generic').errors).toEqual({ name: 'errors.generic' });
  });

  it('keeps only the first problem of a field', () => {
    const twice = z.object({ code: z.string().min(3).regex(/^\d+$/) });
    expect(validate(twice, { code: 'a' }, { code: (issue) => issue.code }).errors).toEqual({ code: 'too_small' });
  });

  it('reports a problem with the whole form under the empty field name', () => {
    const pair = z.object({ a: z.string(), b: z.string() }).refine((v) => v.a === v.b, 'differ');
    expect(validate(pair, { a: '1', b: '2' }, { '': 'mismatch' }).errors).toEqual({ '': 'mismatch' });
  });

  it('joins a path into a dotted field name', () => {
    expect(fieldPath(['helplines', 0, 'url'])).toBe('helplines.0.url');
    expect(fieldPath([])).toBe('');
  });
});

describe('validate with the shared schemas', () => {
  it('finds every missing sign-up agreement and a bad pseudonym', () => {
    const result = validate(
      signupBodySchema,
      { username: 'ab', password: 'a long password', ageConfirmed: false, acceptRules: true, consentHealthData: false },
      { username: 'username', ageConfirmed: 'age', consentHealthData: 'consent' },
    );
    expect(result).toEqual({
      ok: false,
      errors: { username: 'username', ageConfirmed: 'age', consentHealthData: 'consent' },
    });
  });

  it('accepts a valid pseudonym change and returns it normalised', () => {
    const result = validate(updateMeBodySchema, { username: '  Zonnebloem ' }, {});
    expect(result).toEqual({ ok: true, data: { username: 'Zonnebloem' }, errors: {} });
  });

  it('names helpline fields by position', () => {
    const result = validate(
      createSpaceSchema,
      { slug: 'rouw', name: 'Rouw', visibility: 'public', helplines: [{ name: 'Lijn', url: 'ftp://x' }] },
      { 'helplines.*.url': 'url' },
    );
    expect(result).toEqual({ ok: false, errors: { 'helplines.0.url': 'url' } });
  });

  it('isValid says whether the schema accepts the input', () => {
    expect(isValid(updateMeBodySchema, { username: 'Zonnebloem' })).toBe(true);
    expect(isValid(updateMeBodySchema, { username: '' })).toBe(false);
  });
});
