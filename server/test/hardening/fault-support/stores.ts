/**
 * The data a real Kring process runs on in fault tests: a PGlite data folder, or (with TEST_DATABASE_URL) a
 * fresh PostgreSQL database. Fixtures are inserted through the test factories by an app opened briefly on
 * the same data before the process starts (PGlite serves one process at a time).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../../src/app';
import { testConfig, type Config } from '../../../src/config';
import type { ZodApp } from '../../../src/context';
import { createTestDatabase, usingPostgres } from '../../helpers/database';
import type { ProcessOptions } from '../../multiprocess/harness';

export interface FaultStore {
  kind: 'pglite' | 'postgres';
  /** What `startProcess` needs to run on this data. */
  processOptions: Pick<ProcessOptions, 'dataDir' | 'databaseUrl'>;
  config: Config['database'];
  remove(): Promise<void>;
}

export async function pgliteStore(): Promise<FaultStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kring-faults-'));
  const dataDir = path.join(dir, 'data');
  return {
    kind: 'pglite',
    processOptions: { dataDir },
    config: { kind: 'pglite', dataDir },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function postgresStore(): Promise<FaultStore> {
  const database = await createTestDatabase();
  if (database.config.kind !== 'postgres') throw new Error('postgresStore needs TEST_DATABASE_URL');
  return {
    kind: 'postgres',
    processOptions: { databaseUrl: database.config.url },
    config: database.config,
    remove: () => database.drop(),
  };
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const faultStores: [string, () => Promise<FaultStore>][] = [
  ['PGlite', pgliteStore],
  ...(usingPostgres ? [['PostgreSQL', postgresStore] as [string, () => Promise<FaultStore>]] : []),
];

/** Opens the store (applying migrations), runs `fill` with an app on it, and closes it again. */
export async function withFixtures<T>(store: FaultStore, fill: (app: ZodApp) => Promise<T>): Promise<T> {
  const app = await buildApp(testConfig({ database: store.config, rateLimits: false }));
  try {
    return await fill(app);
  } finally {
    await app.close();
  }
}
