/**
 * How Kring names the author of a thread or post, the same on every screen: the pseudonym of a member,
 * the anonymous alias ("Anoniem A"), or "former member" for a deleted account.
 */
import { derived } from 'svelte/store';
import { _ } from 'svelte-i18n';
import type { Author } from '@kring/shared';

type Translate = (id: string, options?: { values?: Record<string, string> }) => string;

/** The author's name in the current language; `t` is svelte-i18n's `$_`. */
export function authorLabel(author: Author, t: Translate): string {
  if (author.kind === 'member') return author.username;
  if (author.kind === 'anonymous') return t('threads.author.anonymous', { values: { alias: author.alias } });
  return t('threads.author.former');
}

/** `$authorName(author)`: `authorLabel` following the language switch. */
export const authorName = derived(_, (t) => (author: Author) => authorLabel(author, t));
