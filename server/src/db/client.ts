/**
 * Opens the database: a `pg` pool when DATABASE_URL is set, otherwise embedded PGlite
 * (on disk in the data folder, or in memory for tests). Both give the same drizzle API and schema.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  /** Cheap liveness probe used by health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Only for PostgreSQL: the pool, for tools that need raw access (migrations, benchmarks). */
  pool: pg.Pool | null;
  /** Only for PGlite: the embedded instance. */
  pglite: PGlite | null;
}

export interface OpenOptions {
  /** Max pool size for PostgreSQL. */
  poolSize?: number;
  /** Called when an idle PostgreSQL connection fails (e.g. the server restarted). */
  onPoolError?: (error: Error) => void;
}

export async function openDatabase(config: Config['database'], options: OpenOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A query may not hold a connection longer than a request may take.
      statement_timeout: 10_000,
      // The statement timeout is enforced by PostgreSQL itself, so it cannot help when the server hangs
      // (frozen, or packets dropped): give up on our side too, a little later, and the request gets a 503
      // within the 15 s request timeout instead of hanging.
      query_timeout: 11_000,
      application_name: 'kring',
    });
    // Without a listener an idle client's error would crash the process; the pool replaces the client.
    pool.on('error', (error) => options.onPoolError?.(error));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      pglite: null,
      async ping() {
        await db.execute(sql`select 1`);
      },
      async close() {
        await pool.end();
      },
    };
  }

  let unlock = () => {};
  if (config.dataDir) {
    mkdirSync(config.dataDir, { recursive: true });
    unlock = lockDataDir(config.dataDir);
  }
  let client: PGlite;
  try {
    // pg_trgm serves search's compound-word fallback (the migration creates the extension).
    // relaxedDurability: after every query PGlite awaits its file system's `syncToFs` behind a mutex before
    // answering. In Node (a folder → NodeFS, or memory) that sync is a no-op — Postgres writes its files
    // and WAL directly — so awaiting it only costs time: 2–4 ms per query on a busy 2-core machine, 5×
    // the query itself (bench/README.md, S10). Nothing is written later or less durably without the wait.
    const options = { extensions: { pg_trgm }, relaxedDurability: true };
    client = config.dataDir ? new PGlite(path.join(config.dataDir, 'pglite'), options) : new PGlite(options);
    await client.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pool: null,
    pglite: client,
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}
