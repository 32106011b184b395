/**
 * The admin form for a removal-reason template: its five fields, the request body they make, and the
 * check with the server's own `createReasonTemplateBodySchema` (keys under `reasons.errors`).
 */
import { createReasonTemplateBodySchema } from '@kring/shared';
import { reasonTemplateLimits as limits } from '@kring/shared/limits/reasons';
import { validate, type FieldMessage } from '../forms/validate';

export type TemplateField = 'key' | 'labelNl' | 'labelEn' | 'textNl' | 'textEn';
export type TemplateDraft = Record<TemplateField, string>;

export const emptyTemplateDraft = (): TemplateDraft => ({ key: '', labelNl: '', labelEn: '', textNl: '', textEn: '' });

/** Where each form field sits in the request body. */
const paths: Record<TemplateField, string> = {
  key: 'key',
  labelNl: 'label.nl',
  labelEn: 'label.en',
  textNl: 'text.nl',
  textEn: 'text.en',
};

const blankOr =
  (max: number, otherwise: string): FieldMessage =>
  (_issue, value) => {
    const text = typeof value === 'string' ? value.trim() : '';
    return text === '' ? 'required' : [...text].length > max ? 'tooLong' : otherwise;
  };

/** The schema says whether a field is wrong; these pick the words (`label` and `text` for both languages). */
const messages: Record<string, FieldMessage> = {
  key: blankOr(limits.key.max, 'keyFormat'),
  label: blankOr(limits.label, 'tooLong'),
  text: blankOr(limits.text, 'tooLong'),
};

/** What a save sends (create and edit alike): every field, trimmed. */
export function templateBody(draft: TemplateDraft) {
  return {
    key: draft.key.trim(),
    label: { nl: draft.labelNl.trim(), en: draft.labelEn.trim() },
    text: { nl: draft.textNl.trim(), en: draft.textEn.trim() },
  };
}

/** Form field → key under `reasons.errors`; empty when the template can be sent. */
export function checkTemplate(draft: TemplateDraft): Partial<Record<TemplateField, string>> {
  const { errors } = validate(createReasonTemplateBodySchema, templateBody(draft), messages);
  const found: Partial<Record<TemplateField, string>> = {};
  for (const [field, path] of Object.entries(paths) as [TemplateField, string][]) {
    const key = errors[path];
    if (key) found[field] = key;
  }
  return found;
}
