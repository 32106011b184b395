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
