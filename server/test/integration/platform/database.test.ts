import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import { openDatabase } from '../../../src/db/client';
import { DataDirLockedError } from '../../../src/db/data-dir-lock';
import { testConfig } from '../../../src/config';
import { spaces, users } from '../../../src/db/schema';
import { seedIfEmpty } from '../../../src/db/seed/seed';
import { demoAuthors, demoSpaces, demoUsers } from '../../../src/db/seed/demo-content';
import { buildTestApp } from '../../helpers/build-app';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'kring-db-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('demo seed', () => {
  it('fills an empty database once, then leaves it alone', async () => {
    const t = await buildTestApp();
    try {
      const db = t.app.kring.database.db;
      const first = await seedIfEmpty(db);
      expect(first.seeded).toBe(true);
      expect(first.logins.map((l) => l.role).sort()).toEqual(['admin', 'member', 'member']);
      expect(first.logins.map((l) => l.label)).toEqual(['beheerder', 'moderator', 'lid']);
      const second = await seedIfEmpty(db);
      expect(second.seeded).toBe(false);
      const [spaceCount] = await db.select({ n: count() }).from(spaces);
      expect(spaceCount?.n).toBe(demoSpaces.length);
    } finally {
      await t.close();
    }
  });
});

describe('embedded PGlite on disk', () => {
  it('keeps data across restarts and migrates only once', async () => {
    const dataDir = path.join(scratch, 'data');
    const config = testConfig({ database: { kind: 'pglite', dataDir } });
    const first = await buildApp(config);
    await seedIfEmpty(first.kring.database.db);
    await first.close();

    const second = await buildApp(config);
    try {
      const [userCount] = await second.kring.database.db.select({ n: count() }).from(users);
      expect(userCount?.n).toBe(demoUsers.length + demoAuthors.length);
      const health = await second.inject({ method: 'GET', url: '/api/health' });
      expect(health.json().database).toBe('pglite');
    } finally {
      await second.close();
    }
  });
});

describe('one process per PGlite data folder', () => {
  it('refuses a second opener with a clear message, and frees the folder on close', async () => {
    const dataDir = path.join(scratch, 'locked');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(/another Kring process .* DATABASE_URL/);
    await first.close();
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  });
});

describe('database outage', () => {
  it('answers 503, not 500, when the database is gone', async () => {
    const t = await buildTestApp();
    try {
      await t.app.ready();
      await t.app.kring.database.close();
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('service_unavailable');
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
