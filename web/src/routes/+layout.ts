import { initI18n } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// A single-page app: the Fastify server serves the fallback page for every path.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async () => {
  await initI18n();
};
