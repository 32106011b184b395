import { describe, expect, it } from 'vitest';
import { isReservedUsername, passwordLengthProblem, usernameKey, usernameProblem } from './usernames';

describe('usernameKey', () => {
  it('makes names that differ only in case or Unicode form collide', () => {
    expect(usernameKey('Blauwe_Reiger')).toBe(usernameKey('bLAUWE_reiger'));
    expect(usernameKey('Amélie')).toBe(usernameKey('Ame\u0301lie'));
    expect(usernameKey('Ａｎｎａ')).toBe(usernameKey('anna'));
    expect(usernameKey('Straße')).toBe(usernameKey('STRASSE'));
    expect(usernameKey(' anna ')).toBe('anna');
  });
});

describe('usernameProblem', () => {
  it.each([
    ['Blauwe_Reiger', null],
    ['Zoë.van-Dijk', null],
    ['Фёдор', null],
    ['さくら_花', null],
    ['abc', null],
    ['ab', 'too_short'],
    ['a'.repeat(31), 'too_long'],
    ['Blauwe Reiger', 'characters'],
    ['anna\u202E', 'characters'],
    ['an\u200Bna', 'characters'],
    ['anna🙂', 'characters'],
    ['Z̷̡̛̛̖algo', 'characters'],
    ['12345', 'needs_letter'],
    ['._-', 'needs_letter'],
    ['аdmin', 'mixed_scripts'],
    ['Anna_Фёдор', 'mixed_scripts'],
    ['admin', 'reserved'],
    ['Administrator', 'reserved'],
    ['m0d3rator', 'reserved'],
    ['anoniem_b', 'reserved'],
    ['Kring-team', 'reserved'],
    ['de.beheerder', 'reserved'],
    ['Voormalig_Lid', 'reserved'],
  ])('%s → %s', (name, problem) => {
    expect(usernameProblem(name)).toBe(problem);
  });

  it('lets staff accounts made from the CLI use reserved names', () => {
    expect(usernameProblem('beheerder', { allowReserved: true })).toBeNull();
    expect(isReservedUsername('beheerder')).toBe(true);
  });

  it('does not reserve ordinary names that merely resemble staff words', () => {
    for (const name of ['Badminton_Bea', 'Modderpoot', 'Moderne_Marie', 'Anonymo']) {
      expect(usernameProblem(name), name).toBeNull();
    }
  });
});

describe('passwordLengthProblem', () => {
  it('counts characters after NFC, not bytes', () => {
    expect(passwordLengthProblem('123456789')).toBe('too_short');
    expect(passwordLengthProblem('1234567890')).toBeNull();
    expect(passwordLengthProblem('🙂'.repeat(10))).toBeNull();
    expect(passwordLengthProblem('x'.repeat(257))).toBe('too_long');
  });
});
