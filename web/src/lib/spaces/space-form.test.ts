import type { CreateSpaceInput } from '@kring/shared';
import { spaceLimits } from '@kring/shared/limits/spaces';
import { describe, expect, it } from 'vitest';
import { checkSpaceSettings } from './space-form';

const valid: CreateSpaceInput = {
  slug: 'rouw',
  name: 'Rouw',
  description: '',
  rules: '',
  helplines: [{ name: '113', phone: '0800-0113' }],
  visibility: 'public',
  postingPolicy: 'open',
  allowAnonymous: true,
  moderationHours: null,
  unansweredAfterHours: 24,
};
const check = (change: Partial<CreateSpaceInput>) => checkSpaceSettings({ ...valid, ...change });

describe('checkSpaceSettings', () => {
  it('accepts a complete space', () => {
    expect(checkSpaceSettings(valid)).toEqual({});
  });

  it('explains an address by its format or by being reserved', () => {
    expect(check({ slug: 'a' })).toEqual({ slug: 'slugFormat' });
    expect(check({ slug: 'Rouw' })).toEqual({ slug: 'slugFormat' });
    expect(check({ slug: 'a--b' })).toEqual({ slug: 'slugFormat' });
    expect(check({ slug: 'x'.repeat(61) })).toEqual({ slug: 'slugFormat' });
    expect(check({ slug: 'nieuw' })).toEqual({ slug: 'slugReserved' });
  });

  it('tells a name that is too short from one that is too long', () => {
    expect(check({ name: ' R ' })).toEqual({ name: 'nameTooShort' });
    expect(check({ name: 'x'.repeat(spaceLimits.name.max + 1) })).toEqual({ name: 'tooLong' });
  });

  it('marks long texts and an hour count out of range', () => {
    expect(
      check({
        description: 'x'.repeat(spaceLimits.description + 1),
        rules: 'x'.repeat(spaceLimits.rules + 1),
        moderationHours: 'x'.repeat(spaceLimits.moderationHours + 1),
        unansweredAfterHours: 1.5,
      }),
    ).toEqual({
      description: 'tooLong',
      rules: 'tooLong',
      moderationHours: 'tooLong',
      unansweredAfterHours: 'hoursRange',
    });
    expect(check({ unansweredAfterHours: spaceLimits.unansweredAfterHours.max + 1 })).toEqual({
      unansweredAfterHours: 'hoursRange',
    });
    expect(check({ unansweredAfterHours: Number.NaN })).toEqual({ unansweredAfterHours: 'hoursRange' });
  });

  it('marks every problem of every helpline by position', () => {
    expect(check({ helplines: [{ name: '113', phone: '1' }, { name: '' }, { name: 'Lijn', url: 'ftp://x' }] })).toEqual(
      {
        'helplines.1.name': 'required',
        'helplines.1.phone': 'helplineContact',
        'helplines.2.url': 'url',
      },
    );
  });
});
