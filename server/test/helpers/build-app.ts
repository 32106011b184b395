/** Builds a real app on its own test database; `close()` shuts both down. */
import { Writable } from 'node:stream';
import { buildApp, type BuildOptions } from '../../src/app';
import { testConfig, type Config } from '../../src/config';
import type { ZodApp } from '../../src/context';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: ZodApp;
  database: TestDatabase;
  /** Every log line the app wrote, when built with `captureLogs`. */
  logs: string[];
  close(): Promise<void>;
}

export async function buildTestApp(
  overrides: Partial<Config> = {},
  options: BuildOptions & { captureLogs?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const logStream = options.captureLogs
    ? new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logs.push(chunk.toString('utf8'));
          callback();
        },
      })
    : undefined;
  const config = testConfig({
    database: database.config,
    ...(options.captureLogs ? { logLevel: 'trace' as const } : {}),
    ...overrides,
  });
  const app = await buildApp(config, { ...options, ...(logStream ? { logStream } : {}) });
  return {
    app,
    database,
    logs,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
