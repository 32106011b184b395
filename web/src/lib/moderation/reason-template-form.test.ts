import { reasonTemplateLimits as limits } from '@kring/shared/limits/reasons';
import { describe, expect, it } from 'vitest';
import { checkTemplate, emptyTemplateDraft, templateBody, type TemplateDraft } from './reason-template-form';

const valid: TemplateDraft = {
  key: 'personal_data',
  labelNl: 'Persoonlijke gegevens',
  labelEn: 'Personal data',
  textNl: 'Dit bericht bevat persoonlijke gegevens.',
  textEn: 'This post contains personal data.',
};

describe('reason template form', () => {
  it('sends every field trimmed, in the shape of the request body', () => {
    expect(templateBody({ ...valid, key: ' personal_data ', labelEn: ' Personal data ' })).toEqual({
      key: 'personal_data',
      label: { nl: 'Persoonlijke gegevens', en: 'Personal data' },
      text: { nl: 'Dit bericht bevat persoonlijke gegevens.', en: 'This post contains personal data.' },
    });
  });

  it('accepts a complete template', () => {
    expect(checkTemplate(valid)).toEqual({});
  });

  it('marks every empty field as required', () => {
    expect(checkTemplate({ ...emptyTemplateDraft(), labelEn: '   ' })).toEqual({
      key: 'required',
      labelNl: 'required',
      labelEn: 'required',
      textNl: 'required',
      textEn: 'required',
    });
  });

  it('tells a key in the wrong format from one that is too long', () => {
    expect(checkTemplate({ ...valid, key: 'Persoonlijk' })).toEqual({ key: 'keyFormat' });
    expect(checkTemplate({ ...valid, key: '1_data' })).toEqual({ key: 'keyFormat' });
    expect(checkTemplate({ ...valid, key: 'a'.repeat(limits.key.max + 1) })).toEqual({ key: 'tooLong' });
  });

  it('marks labels and texts over their limits', () => {
    expect(
      checkTemplate({ ...valid, labelNl: 'x'.repeat(limits.label + 1), textEn: 'x'.repeat(limits.text + 1) }),
    ).toEqual({ labelNl: 'tooLong', textEn: 'tooLong' });
  });
});
