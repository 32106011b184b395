/**
 * The space form's check (create and edit): the server's own `createSpaceSchema`, with the words for
 * each problem as keys under `spaceAdmin.errors`. The schema decides whether a field is wrong; the
 * messages below pick the explanation from what the field holds.
 */
import { createSpaceSchema, type CreateSpaceInput } from '@kring/shared';
import { reservedSlugs, spaceLimits } from '@kring/shared/limits/spaces';
import { validate, type FieldErrors, type FieldMessage } from '../forms/validate';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const isBlank = (value: unknown) => text(value).trim() === '';
const length = (value: unknown) => [...text(value).normalize('NFC').trim()].length;

export const spaceMessages: Readonly<Record<string, FieldMessage>> = {
  slug: (_issue, value) => (reservedSlugs.includes(text(value)) ? 'slugReserved' : 'slugFormat'),
  name: (_issue, value) => (length(value) < spaceLimits.name.min ? 'nameTooShort' : 'tooLong'),
  description: 'tooLong',
  rules: 'tooLong',
  moderationHours: 'tooLong',
  unansweredAfterHours: 'hoursRange',
  'helplines.*.name': (_issue, value) => (isBlank(value) ? 'required' : 'tooLong'),
  'helplines.*.phone': 'helplineContact',
  'helplines.*.url': 'url',
  'helplines.*.description': 'tooLong',
};

/** Field → key under `spaceAdmin.errors`; empty when the settings can be sent. */
export function checkSpaceSettings(settings: CreateSpaceInput): FieldErrors {
  return validate(createSpaceSchema, settings, spaceMessages).errors;
}
