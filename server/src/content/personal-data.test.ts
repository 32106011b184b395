import { describe, expect, it } from 'vitest';
import { detectPersonalData, hasLink, isValidBsn, isValidIban } from './personal-data';

describe('BSN 11-proof', () => {
  it('accepts numbers that pass the 11-proof', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
  });
  it('refuses numbers that fail it, all zeros and wrong lengths', () => {
    expect(isValidBsn('111222334')).toBe(false);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
  });
  it('finds a valid BSN in text, grouped or not, and ignores invalid ones', () => {
    expect(detectPersonalData('mijn bsn is 111222333')).toContain('bsn');
    expect(detectPersonalData('mijn bsn is 111.222.333')).toContain('bsn');
    expect(detectPersonalData('mijn bsn is 1112.22.333')).toContain('bsn');
    expect(detectPersonalData('ordernummer 111222334')).not.toContain('bsn');
  });
});

describe('IBAN mod-97', () => {
  it('accepts valid IBANs with and without spaces', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
  });
  it('refuses a wrong check digit or a malformed Dutch IBAN', () => {
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
    expect(isValidIban('NL91ABNA041716430')).toBe(false);
  });
  it('is detected in text', () => {
    expect(detectPersonalData('maak het over naar NL91 ABNA 0417 1643 00 graag')).toContain('iban');
    expect(detectPersonalData('NL91ABNA0417164301')).not.toContain('iban');
  });
});

describe('Dutch phone numbers', () => {
  it.each([
    '06-12345678',
    '06 12345678',
    '0612345678',
    '06 1234 5678',
    '+31 6 12345678',
    '+31612345678',
    '0031612345678',
    '020-1234567',
    '0512 123456',
    '+31 (0)20 1234567',
  ])('detects %s', (number) => {
    expect(detectPersonalData(`bel me op ${number}.`)).toContain('phone');
  });
  it('ignores short numbers, years and 113', () => {
    expect(detectPersonalData('sinds 2019 heb ik 3 keer 113 gebeld')).not.toContain('phone');
    expect(detectPersonalData('0800-0113 is gratis')).not.toContain('phone');
  });
});

describe('e-mail and address', () => {
  it('detects e-mail addresses', () => {
    expect(detectPersonalData('mail naar piet.jansen@example.nl')).toEqual(['email']);
  });
  it('detects a postcode with a house number, not a postcode alone', () => {
    expect(detectPersonalData('Ik woon op Dorpsstraat 12, 1234 AB Ergens')).toContain('address');
    expect(detectPersonalData('1234AB 5')).toContain('address');
    expect(detectPersonalData('mijn postcode begint met 1234 AB')).not.toContain('address');
  });
  it('finds nothing in ordinary text', () => {
    expect(detectPersonalData('Vandaag ging het beter, dank voor jullie steun.')).toEqual([]);
  });
});

describe('links', () => {
  it('finds links', () => {
    expect(hasLink('kijk op https://example.org')).toBe(true);
    expect(hasLink('zie www.voorbeeld.nl')).toBe(true);
    expect(hasLink('voorbeeld.nl heeft info')).toBe(true);
    expect(hasLink('gewoon tekst. Nog een zin.')).toBe(false);
  });
});
