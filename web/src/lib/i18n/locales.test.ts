import { describe, expect, it } from 'vitest';
import { preferredLocale } from './locales';

describe('preferredLocale', () => {
  it('keeps a choice made on this device', () => {
    expect(preferredLocale('nl', ['en-US', 'en'])).toBe('nl');
    expect(preferredLocale('en', ['nl-NL'])).toBe('en');
  });

  it("takes the first of the browser's languages that Kring speaks", () => {
    expect(preferredLocale(null, ['en-GB', 'nl'])).toBe('en');
    expect(preferredLocale(null, ['de-DE', 'fr', 'nl-BE', 'en'])).toBe('nl');
    expect(preferredLocale(null, ['EN'])).toBe('en');
  });

  it('falls back to Dutch for unknown languages, an empty list or a stored value that is no locale', () => {
    expect(preferredLocale(null, ['de', 'tr'])).toBe('nl');
    expect(preferredLocale(null, [])).toBe('nl');
    expect(preferredLocale('xx', ['fr'])).toBe('nl');
  });
});
