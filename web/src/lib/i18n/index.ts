/**
 * Internationalisation with svelte-i18n. Dutch is the default and fallback; English is complete.
 *
 * Messages live per domain in `<locale>/<domain>.json` and are merged at load time under the
 * domain's name, so `layout.json`'s key `skipLink` is `$_('layout.skipLink')`. A feature adds its
 * own files to both folders; nothing else needs to change.
 */
import { browser } from '$app/environment';
import { get } from 'svelte/store';
import { addMessages, init, locale, register, waitLocale } from 'svelte-i18n';
import { defaultLocale, domainOf, isLocale, preferredLocale, type Locale, type Messages } from './locales';

export { defaultLocale, isLocale, locales, type Locale } from './locales';

const storageKey = 'kring.locale';

function byDomain(files: Record<string, Messages>): Messages {
  return Object.fromEntries(Object.entries(files).map(([path, messages]) => [domainOf(path), messages]));
}

// Dutch is the default and the fallback for every other locale, so it ships with the app.
addMessages(defaultLocale, byDomain(import.meta.glob<Messages>('./nl/*.json', { eager: true, import: 'default' })));

// Other locales load on demand, one small chunk per domain file.
const lazyLoaders: Record<Exclude<Locale, 'nl'>, Record<string, () => Promise<Messages>>> = {
  en: import.meta.glob<Messages>('./en/*.json', { import: 'default' }),
};

for (const [target, files] of Object.entries(lazyLoaders)) {
  register(target, async () => {
    const entries = await Promise.all(Object.entries(files).map(async ([path, load]) => [path, await load()] as const));
    return byDomain(Object.fromEntries(entries));
  });
}

/** The choice made on this device, else the browser's own languages (a first visit in English gets English). */
function initialLocale(): Locale {
  if (!browser) return defaultLocale;
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(storageKey);
  } catch {
    // Storage can be blocked (private mode, strict settings); the browser's languages still count.
  }
  return preferredLocale(stored, navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

let started = false;

/** Starts i18n once and resolves when the messages for the chosen locale are loaded. */
export async function initI18n(): Promise<void> {
  if (!started) {
    started = true;
    await init({ fallbackLocale: defaultLocale, initialLocale: initialLocale() });
    locale.subscribe((value) => {
      if (browser && isLocale(value)) document.documentElement.lang = value;
    });
  }
  await waitLocale();
}

export function currentLocale(): Locale {
  const value = get(locale);
  return isLocale(value) ? value : defaultLocale;
}

/** Switches the language, remembers the choice on this device and updates `<html lang>`. */
export async function setLocale(next: Locale): Promise<void> {
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Not remembered, but the switch itself still works.
  }
  await locale.set(next);
}
