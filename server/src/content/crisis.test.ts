import { describe, expect, it } from 'vitest';
import { matchesCrisis } from './crisis';
import { matchesAny } from './text-match';

describe('crisis lexicon', () => {
  it('matches Dutch and English phrases, case- and accent-insensitive', () => {
    expect(matchesCrisis('Ik zie het niet meer zitten.')).toBe(true);
    expect(matchesCrisis('IK WIL DOOD')).toBe(true);
    expect(matchesCrisis('gedachten aan suïcide')).toBe(true);
    expect(matchesCrisis('gedachten aan suicide')).toBe(true);
    expect(matchesCrisis('I don’t want to live anymore')).toBe(true);
    expect(matchesCrisis('I want to   die')).toBe(true);
  });
  it('needs whole words', () => {
    expect(matchesCrisis('Het was doodgewoon een goede dag')).toBe(false);
    expect(matchesCrisis('zelfmoordpreventie is belangrijk')).toBe(false);
  });
  it('leaves ordinary text alone', () => {
    expect(matchesCrisis('Dank jullie wel voor de steun vandaag.')).toBe(false);
  });
});

describe('watched-word matching', () => {
  it('uses word boundaries and ignores case and accents', () => {
    expect(matchesAny('Koop nu CRÈME!', ['creme'])).toBe(true);
    expect(matchesAny('cremeschnitte', ['creme'])).toBe(false);
    expect(matchesAny('a wonder-cure here', ['wonder cure'])).toBe(false);
    expect(matchesAny('a wonder cure here', ['wonder cure'])).toBe(true);
  });
});
