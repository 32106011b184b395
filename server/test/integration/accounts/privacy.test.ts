/** IP addresses only as keyed hashes with a daily key; throttle rows and old keys are purged. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authThrottles, ipHashKeys } from '../../../src/db/schema';
import { runAccountMaintenance } from '../../../src/modules/accounts/accounts.maintenance';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call, signUp } from '../../helpers/accounts';

let t: TestApp;
let now = new Date('2026-11-02T10:00:00Z');
const HOUR = 3600_000;

beforeAll(async () => {
  t = await buildTestApp({}, { clock: { now: () => now } });
});
afterAll(async () => {
  await t.close();
});

/** Every text value in every table, to look for a raw address. */
async function everythingStored(): Promise<string> {
  const db = t.app.kring.database.db;
  // Both drivers answer `execute` with an object whose `rows` holds the result.
  const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;
  const tables = rowsOf(
    await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
  );
  let dump = '';
  for (const { table_name } of tables) {
    dump += JSON.stringify(rowsOf(await db.execute(sql.raw(`select * from "${String(table_name)}"`))));
  }
  expect(dump.length).toBeGreaterThan(100);
  return dump;
}

describe('IP addresses', () => {
  it('are never stored raw, only as keyed hashes', async () => {
    await signUp(t.app, 'Privé_Persoon', { ip: '203.0.113.200' });
    await call(
      t.app,
      'POST',
      '/api/auth/login',
      { username: 'Privé_Persoon', password: 'fout fout fout' },
      {
        ip: '203.0.113.200',
      },
    );
    const stored = await everythingStored();
    expect(stored).not.toContain('203.0.113.200');
    const rows = await t.app.kring.database.db.select().from(authThrottles);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.subject).toMatch(/^[0-9a-f]{64}$|^[0-9a-f-]{36}$/);
  });

  it('hash with a key that changes every day', async () => {
    const { ipHasher } = t.app.kring;
    const today = await ipHasher.hash('203.0.113.201');
    expect(await ipHasher.hash('203.0.113.201')).toBe(today);
    expect(await ipHasher.hash('203.0.113.202')).not.toBe(today);
    now = new Date(now.getTime() + 24 * HOUR);
    expect(await ipHasher.hash('203.0.113.201')).not.toBe(today);
  });
});

describe('maintenance', () => {
  it('purges idle throttle rows, keys older than two days and expired sessions', async () => {
    const db = t.app.kring.database.db;
    await db.insert(ipHashKeys).values([
      { day: '2026-10-01', secret: 'aa'.repeat(32) },
      { day: '2026-10-20', secret: 'bb'.repeat(32) },
    ]);
    await db.insert(authThrottles).values([
      { scope: 'login_ip', subject: 'a'.repeat(64), failures: 3, updatedAt: new Date(now.getTime() - 30 * HOUR) },
      { scope: 'login_ip', subject: 'b'.repeat(64), failures: 3, updatedAt: new Date(now.getTime() - HOUR) },
      {
        scope: 'login_account',
        subject: 'c'.repeat(64),
        failures: 9,
        updatedAt: new Date(now.getTime() - 30 * HOUR),
        blockedUntil: new Date(now.getTime() + HOUR),
      },
    ]);

    await runAccountMaintenance(t.app.kring);

    const keys = (await db.select().from(ipHashKeys)).map((k) => k.day);
    expect(keys).not.toContain('2026-10-01');
    expect(keys).not.toContain('2026-10-20');
    expect(keys.length).toBeGreaterThan(0); // today's (and yesterday's) stay
    const subjects = (await db.select().from(authThrottles)).map((r) => r.subject);
    expect(subjects).not.toContain('a'.repeat(64)); // idle for a day
    expect(subjects).toContain('b'.repeat(64)); // recent
    expect(subjects).toContain('c'.repeat(64)); // still blocking
  });
});
