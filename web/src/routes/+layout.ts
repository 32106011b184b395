import { currentLocale, initI18n, setLocale } from '$lib/i18n';
import { session } from '$lib/state/session.svelte';
import type { LayoutLoad } from './$types';

// A single-page app: the Fastify server serves the fallback page for every path.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async () => {
  // Who is signed in is asked once, when the app starts; accounts screens keep it up to date after that.
  await Promise.all([initI18n(), session.status === 'unknown' ? session.load() : undefined]);
  // A member's language follows them from device to device.
  if (session.user && session.user.locale !== currentLocale()) await setLocale(session.user.locale);
};
