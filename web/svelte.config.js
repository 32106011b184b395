import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
  kit: {
    // SPA: every path falls back to index.html, which the Fastify server serves from web/build.
    // The inline bootstrap script SvelteKit writes into it is moved to a file after the build
    // (see vite.config.ts), so the page runs under `script-src 'self'` without hashes or nonces.
    adapter: adapter({
      pages: 'build',
      assets: 'build',
      fallback: 'index.html',
      strict: true,
    }),
  },
};

export default config;
