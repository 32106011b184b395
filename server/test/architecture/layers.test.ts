/**
 * The layer order of the domains (.dependency-cruiser.cjs, server/README.md): `npm run check` runs the
 * same rules over server/src. Here they run over a small fixture with an upward and a circular import, to
 * show they fail, and over the real tree, to show it is clean.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = createRequire(import.meta.url)(`${root}.dependency-cruiser.cjs`) as IConfiguration;

async function violations(path: string): Promise<string[]> {
  const result = await cruise([path], {
    ...config.options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('the layer order between domains', () => {
  it('refuses an upward import and a cycle between domains', async () => {
    const found = await violations('server/test/architecture/fixture');
    const fixture = 'server/test/architecture/fixture/modules';
    expect(found).toEqual(
      expect.arrayContaining([
        `layers:spaces: ${fixture}/spaces/spaces.service.ts → ${fixture}/notifications/notifications.service.ts`,
        `layers:reactions: ${fixture}/reactions/reactions.service.ts → ${fixture}/follows/follows.service.ts`,
        `layers:follows: ${fixture}/follows/follows.service.ts → ${fixture}/reactions/reactions.service.ts`,
      ]),
    );
    expect(found.some((v) => v.startsWith('no-circular:'))).toBe(true);
    // The allowed direction alone is no violation.
    expect(found.some((v) => v.includes('notifications.service.ts →'))).toBe(false);
  });

  it('holds on the server as it is', async () => {
    expect(await violations('server/src')).toEqual([]);
  });
});
