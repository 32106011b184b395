import { describe, expect, it } from 'vitest';
import nl from './nl/threads.json';
import { authorLabel } from './author';

/** The Dutch messages with `{alias}` filled in, as svelte-i18n does. */
const t = (id: string, options?: { values?: Record<string, string> }) => {
  const path = id.replace(/^threads\./, '').split('.');
  let message: unknown = nl;
  for (const key of path) message = (message as Record<string, unknown>)[key];
  return String(message).replace(/\{(\w+)\}/g, (_, name: string) => options?.values?.[name] ?? `{${name}}`);
};

describe('authorLabel', () => {
  it('names a member by pseudonym, an anonymous author by alias and a deleted account as former member', () => {
    expect(authorLabel({ kind: 'member', username: 'Wandelaar' }, t)).toBe('Wandelaar');
    expect(authorLabel({ kind: 'anonymous', alias: 'A' }, t)).toBe('Anoniem A');
    expect(authorLabel({ kind: 'former' }, t)).toBe('Voormalig lid');
  });
});
