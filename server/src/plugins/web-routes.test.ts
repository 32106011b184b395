import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isWebRoute, webRoutePatterns } from './web-routes';

const routesDir = fileURLToPath(new URL('../../../web/src/routes', import.meta.url));

/** Every page of the web app, as a pattern: the folders holding a `+page.svelte`. */
function pagesOf(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...pagesOf(full, `${prefix}/${entry}`));
    else if (entry === '+page.svelte') found.push(prefix === '' ? '/' : prefix);
  }
  return found;
}

describe('web routes', () => {
  it('has a pattern for every page of the web app, and none for a page that is gone', () => {
    expect([...webRoutePatterns].sort()).toEqual(pagesOf(routesDir).sort());
  });

  it('matches the pages and their parameters, with or without a trailing slash', () => {
    for (const url of [
      '/',
      '/ruimtes',
      '/ruimtes/',
      '/ruimtes/borstkanker',
      '/ruimtes/borstkanker/nieuw',
      '/draad/abc',
    ]) {
      expect(isWebRoute(url), url).toBe(true);
    }
  });

  it('does not match unknown pages, extra segments or malformed escapes', () => {
    for (const url of [
      '/deze-pagina-bestaat-niet',
      '/ruimtes/a/b/c',
      '/draad',
      '/draad/a/b',
      '/%E0%A4%A',
      '/wp-admin',
    ]) {
      expect(isWebRoute(url), url).toBe(false);
    }
  });
});
