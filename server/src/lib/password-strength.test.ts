import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-strength';

describe('passwordProblem', () => {
  it.each([
    ['kort', 'too_short'],
    ['wachtwoord123', 'too_common'],
    ['welkom01234', 'too_common'],
    ['qwertyuiop', 'too_common'],
    ['1234567890', 'too_common'],
    ['correct horse battery staple 1', null],
    ['zachte regen op het dak 7', null],
    ['x'.repeat(257), 'too_long'],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('counts the pseudonym and site words as guessable', () => {
    expect(passwordProblem('Groene_Egel2026', ['Groene_Egel'])).toBe('too_common');
    expect(passwordProblem('kringkring2026')).toBe('too_common');
  });
});
