/**
 * Test databases: every test file gets its own. PGlite in memory by default; with TEST_DATABASE_URL
 * a fresh PostgreSQL database is created per file (and dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../src/config';

export interface TestDatabase {
  config: Config['database'];
  drop(): Promise<void>;
}

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return { config: { kind: 'pglite', dataDir: null }, drop: async () => undefined };

  const name = `kring_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
