/** The supported locales and the message-file layout; no framework imports, so tests can use it. */

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'nl';

export type Messages = { [key: string]: string | Messages };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** `./nl/layout.json` → `layout` */
export function domainOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.json$/, '');
}

/**
 * The language for a first visit: a choice made on this device wins; otherwise the first of the browser's
 * languages we speak ("en-GB" → en); otherwise Dutch.
 */
export function preferredLocale(stored: unknown, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}
