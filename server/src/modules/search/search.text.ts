/**
 * The plain-text side of search: splitting a query into terms for the compound-word fallback, and
 * building a snippet with highlight ranges (plain text; the web renders it without HTML).
 */
import type { Highlight } from '@kring/shared';
import { foldAccents, foldVariants } from '../../db/accent-fold';

/** At most this many terms take part in the substring fallback (each is one trigram-indexed LIKE). */
export const MAX_FALLBACK_TERMS = 6;
/** Shorter terms match too much as substrings ("de" in "iedereen"). */
export const MIN_FALLBACK_LENGTH = 4;
const SNIPPET_LENGTH = 200;

/**
 * The words of a query that must appear (lower case without accents, letters and digits only): words after a `-` are
 * exclusions in websearch syntax and take no part in the fallback. `or` is websearch's operator.
 */
export function queryTerms(query: string): { include: string[]; exclude: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const match of query.normalize('NFC').matchAll(/(^|[\s"(])(-?)([\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*)/gu)) {
    const list = match[2] === '-' ? exclude : include;
    for (const word of foldAccents(match[3] ?? '').split(/['’-]/)) {
      if (word === 'or' || word === '' || list.includes(word)) continue;
      list.push(word);
    }
  }
  return { include, exclude };
}

/** Markdown source → readable text for a snippet (links keep their text; markup characters go). */
export function plainText(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What counts as a match in the text: a word that contains a term, or that starts with the term's
 * stem-like prefix (Dutch and English stemming mostly trims endings: "behandelingen" → "behandeling").
 */
function matcher(terms: string[]): RegExp | null {
  const parts = terms
    .filter((term) => term.length >= 2)
    .map((term) => {
      const prefix = term.length > 5 ? term.slice(0, Math.max(4, term.length - 2)) : term;
      return [...prefix].map(accentInsensitive).join('');
    });
  if (parts.length === 0) return null;
  return new RegExp(`[\\p{L}\\p{N}]*(?:${parts.join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

/** A letter of a folded term as a pattern that also matches its accented forms ("e" → "[eèéêë…]"). */
function accentInsensitive(char: string): string {
  const variants = foldVariants.get(char);
  return variants ? `[${variants}]` : escapeRegExp(char);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function highlightsIn(text: string, terms: string[]): Highlight[] {
  const pattern = matcher(terms);
  if (!pattern) return [];
  const out: Highlight[] = [];
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0 || match.index === undefined) continue;
    out.push({ start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** A window of the text around the first match (or its start), with the matches inside it. */
export function snippet(source: string, terms: string[]): { text: string; highlights: Highlight[] } {
  const text = plainText(source);
  const all = highlightsIn(text, terms);
  const first = all[0];
  let start = 0;
  if (first && first.end > SNIPPET_LENGTH - 20) {
    start = Math.max(0, first.start - 60);
    // Start at a word boundary.
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first.start) start = space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + SNIPPET_LENGTH / 2) end = space;
  }
  // Never cut a surrogate pair in half.
  if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  const highlights = all
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start + shift, end: h.end + shift }));
  return { text: `${prefix}${text.slice(start, end)}${suffix}`, highlights };
}
