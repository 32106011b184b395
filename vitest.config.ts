import { defineConfig } from 'vitest/config';

// `npm test`: unit and integration tests of every workspace (no browser). E2E lives in e2e/.
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    // Generous: integration tests start real databases and processes, and CI machines are shared.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // Integration files each open their own database; two cores → keep parallelism modest.
    maxWorkers: 2,
    pool: 'forks',
  },
});
