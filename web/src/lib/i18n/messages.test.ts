import { describe, expect, it } from 'vitest';
import { domainOf, locales, type Messages } from './locales';

const files: Record<string, Messages> = import.meta.glob<Messages>('./*/*.json', {
  eager: true,
  import: 'default',
});

function byLocale(target: string): Map<string, Messages> {
  const result = new Map<string, Messages>();
  for (const [path, messages] of Object.entries(files)) {
    if (path.startsWith(`./${target}/`)) result.set(domainOf(path), messages);
  }
  return result;
}

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const id = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') result.set(id, value);
    else for (const [nested, text] of flatten(value, id)) result.set(nested, text);
  }
  return result;
}

/** `{count}` and `{count, plural, …}` both name the argument `count`. */
function argumentsOf(text: string): string[] {
  return [...text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((match) => match[1] ?? '').sort();
}

const dutch = byLocale('nl');

describe('message files', () => {
  it('exist for every locale, starting with the base domains', () => {
    for (const target of locales) {
      const domains = [...byLocale(target).keys()];
      expect(domains).toEqual(expect.arrayContaining(['common', 'layout', 'errors']));
    }
  });

  for (const target of locales.filter((l) => l !== 'nl')) {
    it(`${target} has exactly the same domain files as nl`, () => {
      expect([...byLocale(target).keys()].sort()).toEqual([...dutch.keys()].sort());
    });
  }

  for (const [domain, nlMessages] of dutch) {
    describe(`${domain}.json`, () => {
      const nlFlat = flatten(nlMessages);

      for (const target of locales) {
        const messages = byLocale(target).get(domain) ?? {};
        const flat = flatten(messages);

        if (target !== 'nl') {
          it(`${target} has exactly the keys of nl`, () => {
            expect([...flat.keys()].sort()).toEqual([...nlFlat.keys()].sort());
          });

          it(`${target} uses the same placeholders as nl`, () => {
            for (const [key, text] of flat) {
              expect(argumentsOf(text), `${target}/${domain}.json ${key}`).toEqual(argumentsOf(nlFlat.get(key) ?? ''));
            }
          });
        }

        it(`${target} has no empty messages`, () => {
          for (const [key, text] of flat) {
            expect(text.trim(), `${target}/${domain}.json ${key}`).not.toBe('');
          }
        });
      }
    });
  }
});
