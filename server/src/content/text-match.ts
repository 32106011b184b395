/**
 * Word-boundary, case- and accent-insensitive phrase matching (crisis lexicon, watched words).
 * Both the text and the phrase are folded: NFD, combining marks removed, lower-cased, apostrophes
 * unified, runs of whitespace collapsed.
 */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC`]/g, "'")
    .replace(/\s+/g, ' ');
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for one phrase: whole words only ("dood" matches "ik wil dood", not "doodgewoon"). */
export function phraseMatcher(phrase: string): (folded: string) => boolean {
  const words = fold(phrase).trim().split(' ').filter(Boolean).map(escape);
  if (words.length === 0) return () => false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'u');
  return (folded) => pattern.test(folded);
}

/** Whether any of the phrases occurs in the text. */
export function matchesAny(text: string, phrases: readonly string[]): boolean {
  const folded = fold(text);
  return phrases.some((phrase) => phraseMatcher(phrase)(folded));
}
