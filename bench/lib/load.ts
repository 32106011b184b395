/**
 * Prepares a benchmark database: PostgreSQL (a fresh `kring_bench` database on the given server) or
 * PGlite (a data folder), applies Kring's migrations and loads the dataset with multi-row inserts
 * (`insert … select * from unnest($1::uuid[], …)`, 2,000 rows per statement: one round trip per batch).
 */
import pg from 'pg';
import { openDatabase, type Database } from '../../server/src/db/client';
import { runMigrations } from '../../server/src/db/migrate';
import { generate, type Columns, type DatasetInfo, type Tier } from './dataset';

export interface Loaded {
  info: DatasetInfo;
  loadSeconds: number;
  rows: Record<string, number>;
}

/** Drops and recreates the benchmark database on the server in `url` (never any other database). */
export async function recreatePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.replace(/^\//, '');
  if (!/^kring_bench[a-z0-9_]*$/.test(name))
    throw new Error(`refusing to recreate "${name}": not a kring_bench database`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

async function rawQuery(database: Database, text: string, params: unknown[] = []): Promise<void> {
  if (database.pool) await database.pool.query(text, params);
  else if (database.pglite) await database.pglite.query(text, params);
}

/** Postgres array literal for unnest: PGlite and pg both accept a text parameter cast to type[]. */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const s =
      typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

export async function loadDataset(
  database: Database,
  tier: Tier,
  log: (line: string) => void = () => undefined,
): Promise<Loaded> {
  const started = performance.now();
  await runMigrations(database);
  const rows: Record<string, number> = {};
  let lastLog = started;
  const info = await generate(tier, async (table: string, columns: Columns, batch: unknown[][]) => {
    const names = Object.keys(columns);
    const params = names.map((_, c) => arrayLiteral(batch.map((row) => row[c])));
    const casts = names.map((name, c) => `$${c + 1}::${columns[name] ?? 'text'}[]`).join(', ');
    await rawQuery(database, `insert into ${table} (${names.join(', ')}) select * from unnest(${casts})`, params);
    rows[table] = (rows[table] ?? 0) + batch.length;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`  … ${rows.posts ?? 0} posts loaded`);
    }
  });
  // Settle before measuring: visibility map and statistics now, dirty pages written now, so neither
  // autovacuum nor a checkpoint lands in the middle of the first scenario.
  await rawQuery(database, 'vacuum analyze');
  if (database.kind === 'postgres') await rawQuery(database, 'checkpoint').catch(() => undefined);
  return { info, loadSeconds: (performance.now() - started) / 1000, rows };
}

export async function preparePostgres(url: string, tier: Tier, log?: (line: string) => void): Promise<Loaded> {
  await recreatePostgresDatabase(url);
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 4 });
  try {
    return await loadDataset(database, tier, log);
  } finally {
    await database.close();
  }
}

export async function preparePglite(dataDir: string, tier: Tier, log?: (line: string) => void): Promise<Loaded> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await loadDataset(database, tier, log);
  } finally {
    await database.close();
  }
}
