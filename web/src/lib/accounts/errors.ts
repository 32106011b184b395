/**
 * Turns an API failure on an accounts screen into words for the member: one message for the form,
 * and per-field messages (keys of the form's fields). Field problems are recomputed from the shared
 * rules where possible, so they are always in the member's language.
 */
import { usernameSchema } from '@kring/shared';
import { usernameProblem, type PasswordProblem } from '@kring/shared/usernames';
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { ApiError } from '$lib/api/client';
import { validate, type FieldMessage } from '$lib/forms/validate';

export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}

const passwordProblems = new Set<string>(['too_short', 'too_long', 'too_common', 'wrong']);

export function describeError(error: unknown, context: { credentials?: 'password' | 'recovery' } = {}): FormErrors {
  const t = get(_);
  const fields: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { form: t('accounts.errors.generic'), fields };
  if (error.code === 'network_error') return { form: t('accounts.errors.network'), fields };
  if (error.code === 'rate_limited') {
    const seconds = error.retryAfter ?? 60;
    const form =
      seconds < 120
        ? t('accounts.errors.rate_limited_seconds', { values: { seconds } })
        : t('accounts.errors.rate_limited', { values: { minutes: Math.ceil(seconds / 60) } });
    return { form, fields };
  }
  if (error.code === 'invalid_credentials') {
    return {
      form: t(
        context.credentials === 'recovery' ? 'accounts.errors.invalid_recovery' : 'accounts.errors.invalid_credentials',
      ),
      fields,
    };
  }
  if (error.code === 'cross_origin') return { form: t('accounts.errors.cross_origin'), fields };
  if (error.code === 'username_taken') {
    fields.username = t('accounts.username.problems.taken');
  }
  for (const [name, problem] of Object.entries(error.fields ?? {})) {
    if (name === 'username' && !fields.username) {
      fields.username = t('accounts.username.problems.characters');
    } else if (passwordProblems.has(problem)) {
      fields[name] = t(`accounts.password.problems.${problem as PasswordProblem | 'wrong'}`);
    }
  }
  if (Object.keys(fields).length > 0) return { form: t('accounts.errors.fixFields'), fields };
  return { form: t('accounts.errors.generic'), fields };
}

/** Why the shared pseudonym schema refused a name, as an i18n key (the rule's own name for the problem). */
export const usernameMessage: FieldMessage = (_issue, value) =>
  `accounts.username.problems.${usernameProblem(typeof value === 'string' ? value : '') ?? 'characters'}`;

/** The local explanation of why a pseudonym cannot be used (the shared `usernameSchema`), or null. */
export function describeUsername(value: string): string | null {
  const key = validate(usernameSchema, value, { '': usernameMessage }).errors[''];
  return key ? get(_)(key) : null;
}
