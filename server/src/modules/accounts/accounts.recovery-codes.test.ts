import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './accounts.recovery-codes';

describe('recovery codes', () => {
  it('are ten distinct base32 codes of 50 bits, grouped 5-5, with their hashes', () => {
    const { codes, hashes } = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(hashes).toEqual(codes.map(hashRecoveryCode));
  });

  it('match however they are typed', () => {
    expect(normaliseRecoveryCode(' ABCDE fghij ')).toBe('abcdefghij');
    expect(hashRecoveryCode('abcde-fghij')).toBe(hashRecoveryCode('ABCDEFGHIJ'));
    // Digits that are not in the alphabet read as the letters they look like.
    expect(hashRecoveryCode('0lbde-fghij')).toBe(hashRecoveryCode('01' + '8de-fghij'));
    expect(hashRecoveryCode('abcde-fghij')).not.toBe(hashRecoveryCode('abcde-fghik'));
  });
});
