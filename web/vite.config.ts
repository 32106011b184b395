import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

// In development the Vite dev server proxies the API and Socket.IO to the Fastify server,
// so the browser sees one origin, exactly as in production.
const apiTarget = process.env.KRING_API_URL ?? 'http://127.0.0.1:3000';

const proxy = {
  '/api': { target: apiTarget },
  '/socket.io': { target: apiTarget, ws: true },
};

/** Must match the adapter's `pages` folder in svelte.config.js. */
const buildDir = 'build';

/**
 * SvelteKit's SPA fallback page starts the app with an inline <script>, which a strict
 * `script-src 'self'` policy blocks. After the adapter has written the site, move every inline
 * script into a content-hashed file next to the other immutable assets and load it with
 * <script src>. It stays a classic script, so `document.currentScript` still works.
 */
function externalizeInlineScripts(): Plugin {
  let root = process.cwd();
  let ssrBuild = false;
  const inlineScript = /<script>([\s\S]*?)<\/script>/g;

  async function htmlFiles(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    const nested = await Promise.all(
      entries.map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return htmlFiles(full);
        return entry.name.endsWith('.html') ? [full] : [];
      }),
    );
    return nested.flat();
  }

  return {
    name: 'kring:externalize-inline-scripts',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      ssrBuild = Boolean(config.build.ssr);
    },
    closeBundle: {
      // Runs after SvelteKit's own closeBundle, which is where the adapter writes `build/`.
      order: 'post',
      sequential: true,
      async handler() {
        if (!ssrBuild) return;
        const out = path.resolve(root, buildDir);
        const scriptDir = path.join(out, '_app', 'immutable', 'entry');
        await mkdir(scriptDir, { recursive: true });
        for (const file of await htmlFiles(out)) {
          const html = await readFile(file, 'utf8');
          const replacements: [string, string][] = [];
          for (const match of html.matchAll(inlineScript)) {
            const code = match[1] ?? '';
            const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
            const name = `bootstrap.${hash}.js`;
            await writeFile(path.join(scriptDir, name), code);
            replacements.push([match[0], `<script src="/_app/immutable/entry/${name}"></script>`]);
          }
          let rewritten = html;
          for (const [from, to] of replacements) rewritten = rewritten.replace(from, () => to);
          if (/<script(?![^>]*\bsrc=)[^>]*>/.test(rewritten)) {
            throw new Error(`${path.relative(root, file)} still has an inline <script>`);
          }
          await writeFile(file, rewritten);
        }
      },
    },
  };
}

export default defineConfig({
  plugins: [sveltekit(), externalizeInlineScripts()],
  server: { proxy },
  preview: { proxy },
});
