/**
 * Pseudonym and password rules, written once for the server (which enforces them) and the web app
 * (which explains them while typing). Pure functions, no dependencies.
 *
 * A pseudonym is 3–30 characters after NFC normalisation: letters (with their accents), digits and
 * `_ - .`, at least one letter, letters from one script only (so "аdmin" with a Cyrillic "а" cannot
 * pose as "admin"), and not a reserved name. Invisible and direction-changing characters (zero-width
 * spaces, bidi overrides) are not letters, so they are refused.
 */

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 30;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** The version of the house rules and the health-data consent a member accepts at sign-up. */
export const CONSENT_VERSION = '2026-11';

export type UsernameProblem = 'too_short' | 'too_long' | 'characters' | 'needs_letter' | 'mixed_scripts' | 'reserved';
export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

/** The display form: NFC, without surrounding whitespace. */
export function normaliseUsername(input: string): string {
  return input.normalize('NFC').trim();
}

/**
 * The form used for uniqueness and lookups: compatibility-normalised (fullwidth "Ａ" is "A") and
 * case-folded, so names that differ only in case or Unicode form collide.
 */
export function usernameKey(username: string): string {
  return normaliseUsername(username)
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replaceAll('ς', 'σ')
    .normalize('NFKC');
}

/** Compared after removing `_ - .` and reading digits as the letters they imitate ("m0d3rator"). */
const reservedExact = new Set([
  'account',
  'admin',
  'administrator',
  'admins',
  'aanmelden',
  'anon',
  'anoniem',
  'anonymous',
  'api',
  'beheer',
  'beheerder',
  'beheerders',
  'crisislijn',
  'deleted',
  'everyone',
  'formermember',
  'gast',
  'guest',
  'help',
  'helpdesk',
  'herstellen',
  'hulp',
  'iedereen',
  'info',
  'inloggen',
  'kring',
  'login',
  'me',
  'mod',
  'moderatie',
  'moderator',
  'moderators',
  'mods',
  'null',
  'official',
  'officieel',
  'root',
  'signup',
  'staff',
  'superuser',
  'support',
  'system',
  'systeem',
  'team',
  'undefined',
  'verwijderd',
  'voormalig',
  'voormaliglid',
  'zelfmoordpreventie',
]);

/** Names that start with these pose as the organisation or as an anonymous author ("Anoniem A"). */
const reservedPrefixes = ['admin', 'anoniem', 'anonymous', 'kring', 'official', 'officieel', 'voormalig'];

/** Names that contain these anywhere pose as staff ("Anna_moderator", "de-beheerder"). */
const reservedInfixes = ['moderator', 'moderatie', 'beheerder', 'kringteam'];

const digitLookalikes: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
};

function skeletons(key: string): string[] {
  const bare = key.replace(/[_.-]/g, '');
  const asI = bare.replace(/[0134578]/g, (d) => digitLookalikes[d] ?? d);
  const asL = bare.replace(/[0134578]/g, (d) => (d === '1' ? 'l' : (digitLookalikes[d] ?? d)));
  return [...new Set([bare, asI, asL])];
}

export function isReservedUsername(username: string): boolean {
  return skeletons(usernameKey(username)).some(
    (skeleton) =>
      reservedExact.has(skeleton) ||
      reservedPrefixes.some((prefix) => skeleton.startsWith(prefix)) ||
      reservedInfixes.some((infix) => skeleton.includes(infix)),
  );
}

// A letter may carry up to three combining marks (accents); more is "zalgo" text.
const ALLOWED = /^(?:\p{L}\p{M}{0,3}|\p{Nd}|[_.-])+$/u;
const LETTER = /\p{L}/u;

const scripts: [string, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['armenian', /\p{Script=Armenian}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['thai', /\p{Script=Thai}/u],
  ['hangul', /\p{Script=Hangul}/u],
  // Japanese mixes these three; they count as one.
  ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
];

function scriptOf(letter: string): string {
  for (const [name, pattern] of scripts) if (pattern.test(letter)) return name;
  return 'other';
}

/** Why a pseudonym cannot be used, or null when it can. Staff accounts made from the CLI may use reserved names. */
export function usernameProblem(input: string, options: { allowReserved?: boolean } = {}): UsernameProblem | null {
  const name = normaliseUsername(input);
  const length = [...name].length;
  if (length < USERNAME_MIN_LENGTH) return 'too_short';
  if (length > USERNAME_MAX_LENGTH) return 'too_long';
  if (!ALLOWED.test(name)) return 'characters';
  if (!LETTER.test(name)) return 'needs_letter';
  const used = new Set([...name].filter((ch) => LETTER.test(ch)).map(scriptOf));
  if (used.size > 1) return 'mixed_scripts';
  if (!options.allowReserved && isReservedUsername(name)) return 'reserved';
  return null;
}

/** Length rules only; whether a password is too common is decided by the strength estimator. */
export function passwordLengthProblem(password: string): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  return null;
}

/** English explanations, used as validation messages by the API (the web app shows its own translations). */
export const usernameProblemMessages: Record<UsernameProblem, string> = {
  too_short: `must be at least ${USERNAME_MIN_LENGTH} characters`,
  too_long: `must be at most ${USERNAME_MAX_LENGTH} characters`,
  characters: 'may only contain letters, digits, underscores, hyphens and dots',
  needs_letter: 'must contain at least one letter',
  mixed_scripts: 'must not mix letters from different alphabets',
  reserved: 'is reserved',
};
