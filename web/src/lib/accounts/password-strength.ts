/**
 * The password estimate shown while typing: the same zxcvbn-ts setup as the server (common passwords,
 * English and Dutch dictionaries, score ≥ 3 of 4 required). The dictionaries are large, so they load
 * only when a password field first needs them. The server's verdict is the one that counts.
 */
// The rules module directly: the package index would bring zod (and its eval probe) into the browser.
import { passwordLengthProblem, type PasswordProblem } from '@kring/shared/usernames';

export const MIN_SCORE = 3;
const SCORED_PREFIX = 100;
const siteWords = ['kring', 'lotgenoten', 'lotgenotencontact', 'forum', 'wachtwoord', 'password'];

export interface Strength {
  /** 0–4; 3 and up is accepted. */
  score: number;
  problem: PasswordProblem | null;
}

type Check = (password: string, userInputs: string[]) => number;
let loading: Promise<Check> | null = null;

function estimator(): Promise<Check> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, nl] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-nl-be'),
    ]);
    const factory = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...nl.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return (password, userInputs) => factory.check(password, [...siteWords, ...userInputs]).score;
  })();
  return loading;
}

export async function estimateStrength(password: string, userInputs: string[] = []): Promise<Strength> {
  const length = passwordLengthProblem(password);
  if (length === 'too_long') return { score: 4, problem: length };
  const scored = [...password.normalize('NFC')].slice(0, SCORED_PREFIX).join('');
  const score = (await estimator())(scored, userInputs.filter(Boolean));
  if (length) return { score: Math.min(score, 1), problem: length };
  return { score, problem: score < MIN_SCORE ? 'too_common' : null };
}
