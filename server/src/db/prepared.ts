/**
 * Named prepared statements for the hottest queries (every signed-in request, every thread read, every
 * reply). Without them drizzle builds the SQL text on every call and PostgreSQL parses and plans it every
 * time: for the thread-with-space lookup that was 1.1 ms of Node CPU per call against 0.3 ms prepared
 * (bench/README.md). `pg` prepares a named statement once per connection and reuses it; PGlite runs the
 * same query unnamed.
 *
 * The prepared query is kept per database object. Inside a transaction it is prepared again each time (a
 * prepared query belongs to the session it was made on), which costs what an ordinary query costs.
 * Names must be unique per query shape: use `preparedName` for shapes that vary.
 */
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

const cache = new WeakMap<object, Map<string, unknown>>();

export function prepared<Q>(db: Executor, name: string, make: (db: Executor, name: string) => Q): Q {
  if (name.length > 63) throw new Error(`prepared statement name too long: ${name}`);
  if (db instanceof PgTransaction) return make(db, name);
  let queries = cache.get(db);
  if (!queries) {
    queries = new Map();
    cache.set(db, queries);
  }
  let query = queries.get(name) as Q | undefined;
  if (query === undefined) {
    query = make(db, name);
    queries.set(name, query);
  }
  return query;
}

/**
 * A statement name for one shape of a query that varies, e.g. `preparedName('threads_take_number',
 * { published: true, isReply: false })` → `threads_take_number_1_0` (PostgreSQL keeps 63 characters of a
 * name: a longer one would silently collide with another shape, so it throws).
 */
export function preparedName(base: string, shape: Record<string, string | boolean>): string {
  const parts = Object.values(shape).map((value) => (typeof value === 'boolean' ? (value ? '1' : '0') : value));
  const name = [base, ...parts].join('_');
  if (name.length > 63) throw new Error(`prepared statement name too long: ${name}`);
  return name;
}
