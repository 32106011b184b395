/**
 * The crisis lexicon (crisis-lexicon.json, Dutch and English; the organisation can extend it). A match
 * never blocks: the writer alone sees a calm helpline banner, and a top-priority review item is created.
 */
import { readFileSync } from 'node:fs';
import { matchesAny } from './text-match';

interface Lexicon {
  nl: string[];
  en: string[];
}

const lexicon = JSON.parse(readFileSync(new URL('./crisis-lexicon.json', import.meta.url), 'utf8')) as Lexicon;
export const crisisPhrases: readonly string[] = [...lexicon.nl, ...lexicon.en];

export function matchesCrisis(text: string): boolean {
  return matchesAny(text, crisisPhrases);
}
