/**
 * The web app's pages, as path patterns: the SPA fallback answers these with index.html and 200, and any other
 * path with index.html and **404** (the client router then shows its own "page not found"), so a mistyped link,
 * a crawler or a monitoring check sees an honest status. `web-routes.test.ts` derives the list of pages from
 * `web/src/routes` and fails when a page has no pattern here.
 */

/** One pattern per `+page.svelte`; `[param]` matches one path segment. */
export const webRoutePatterns = [
  '/',
  '/aanmelden',
  '/account',
  '/account/besluiten',
  '/beheer/redenen',
  '/beheer/ruimtes',
  '/beheer/ruimtes/[slug]',
  '/beheer/ruimtes/nieuw',
  '/beheer/woorden',
  '/draad/[id]',
  '/herstellen',
  '/hulp',
  '/inloggen',
  '/meldingen',
  '/moderatie',
  '/moderatie/bezwaren',
  '/moderatie/logboek',
  '/ruimtes',
  '/ruimtes/[slug]',
  '/ruimtes/[slug]/aanvragen',
  '/ruimtes/[slug]/nieuw',
  '/zoeken',
] as const;

const matchers = webRoutePatterns.map((pattern) => {
  const source = pattern
    .split('/')
    .map((segment) => (/^\[[a-z]+\]$/i.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
});

/** Whether a request path (without query) is one of the web app's pages. */
export function isWebRoute(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return matchers.some((matcher) => matcher.test(decoded));
}
