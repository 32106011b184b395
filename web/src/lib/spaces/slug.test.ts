import { describe, expect, it } from 'vitest';
import { slugFromName } from './slug';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe('slugFromName', () => {
  it.each([
    ['Ziekte van Crohn', 'ziekte-van-crohn'],
    ['Café Lotgenoten', 'cafe-lotgenoten'],
    ['  Rouw — na   verlies!  ', 'rouw-na-verlies'],
    ['MS & werk', 'ms-werk'],
    ['Één', 'een'],
  ])('%s → %s', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
  });

  it('stays within 60 characters and never ends with a hyphen', () => {
    const slug = slugFromName(`${'a'.repeat(59)} b`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(SLUG);
  });

  it('gives an empty address for a name without letters or digits, which the form then asks to fill', () => {
    expect(slugFromName('!!!')).toBe('');
  });
});
