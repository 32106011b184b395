/**
 * Password rules: 10–256 characters, and not guessable according to zxcvbn-ts with the common-password,
 * English and Dutch dictionaries (score 3 or more of 4). The pseudonym and a few site words count as
 * guessable too. The web app runs the same estimator while the member types; this check decides.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nl from '@zxcvbn-ts/language-nl-be';
import { passwordLengthProblem, type PasswordProblem } from '@kring/shared';

export const MIN_SCORE = 3;
/** Longer passwords are strong by length alone; estimating them only costs time. */
const SCORED_PREFIX = 100;
const siteWords = ['kring', 'lotgenoten', 'lotgenotencontact', 'forum', 'wachtwoord', 'password'];

let factory: ZxcvbnFactory | null = null;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...nl.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return factory;
}

export function passwordProblem(password: string, userInputs: string[] = []): PasswordProblem | null {
  const length = passwordLengthProblem(password);
  if (length) return length;
  const scored = [...password.normalize('NFC')].slice(0, SCORED_PREFIX).join('');
  const { score } = estimator().check(scored, [...siteWords, ...userInputs]);
  return score < MIN_SCORE ? 'too_common' : null;
}
