/**
 * The layer order of the server's domains (server/README.md), enforced by `npm run check` (`npm run deps`).
 * A domain may import from domains in lower layers only: never upward, never sideways within its layer,
 * never in a cycle. Where a lower domain must set off a higher one it goes through the app context
 * (ctx.postingGate, ctx.notifier, ctx.moderationHooks, ctx.accountExtensions), wired in modules/services.ts.
 * server/test/architecture/layers.test.ts shows that an upward or circular import fails.
 */
const layers = [
  ['health', 'audit', 'sessions'],
  ['accounts'],
  ['spaces'],
  ['threads'],
  ['posts'],
  ['reactions', 'follows', 'search'],
  ['moderation'],
  ['notifications'],
];

const domainRules = layers.flatMap((layer, index) => {
  const notBelow = layers.slice(index).flat();
  return layer.map((domain) => ({
    name: `layers:${domain}`,
    comment: `${domain} may only import domains of lower layers (${layers.slice(0, index).flat().join(', ') || 'none'})`,
    severity: 'error',
    from: { path: `(^|/)modules/${domain}/` },
    to: { path: `(^|/)modules/(${notBelow.filter((d) => d !== domain).join('|')})/` },
  }));
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...domainRules,
    {
      name: 'layers:known-domain',
      comment: 'every folder under modules/ has a place in the layer order (add it to .dependency-cruiser.cjs)',
      severity: 'error',
      from: { path: `(^|/)modules/(?!(${layers.flat().join('|')})/)[^/]+/` },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'no import cycle between files of different domains',
      severity: 'error',
      from: { path: '(^|/)modules/([^/]+)/' },
      to: { circular: true, pathNot: '(^|/)modules/$2/' },
    },
    {
      name: 'platform-below-domains',
      comment: 'db, lib, content, plugins, realtime and context sit below every domain (type-only imports aside)',
      severity: 'error',
      from: { path: '^server/src/(db/(?!seed/)|lib/|content/|plugins/|realtime/|context/|config)' },
      to: { path: '(^|/)modules/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
