/**
 * Prepared statements (src/db/prepared.ts): one query object per database and name, rebuilt inside a
 * transaction (a prepared query belongs to its session), names PostgreSQL would not silently truncate, and
 * the same rows as the unprepared query — on PGlite and, with TEST_DATABASE_URL, on PostgreSQL, where every
 * pooled connection prepares the statement for itself.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/client';
import { runMigrations } from '../../../src/db/migrate';
import { prepared, preparedName } from '../../../src/db/prepared';
import { spaces } from '../../../src/db/schema';
import { createTestDatabase, type TestDatabase } from '../../helpers/database';

let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase(testDb.config, { poolSize: 4 });
  await runMigrations(database);
  await database.db
    .insert(spaces)
    .values(
      ['een', 'twee', 'drie'].map((slug) => ({ slug, name: `Ruimte ${slug}`, description: 'Test.', rules: 'Aardig.' })),
    );
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

const bySlug = (db: Database['db']) =>
  prepared(db, 'test_space_by_slug', (x, name) =>
    x
      .select({ id: spaces.id, slug: spaces.slug })
      .from(spaces)
      .where(eq(spaces.slug, sql.placeholder('slug')))
      .prepare(name),
  );

describe('prepared statements', () => {
  it('builds a query once per database and name', () => {
    expect(bySlug(database.db)).toBe(bySlug(database.db));
  });

  it('gives the same rows as the plain query, concurrently across pooled connections', async () => {
    const slugs = Array.from({ length: 24 }, (_, i) => ['een', 'twee', 'drie', 'vier'][i % 4] as string);
    const preparedRows = await Promise.all(slugs.map((slug) => bySlug(database.db).execute({ slug })));
    const plainRows = await Promise.all(
      slugs.map((slug) =>
        database.db.select({ id: spaces.id, slug: spaces.slug }).from(spaces).where(eq(spaces.slug, slug)),
      ),
    );
    expect(preparedRows).toEqual(plainRows);
    expect(preparedRows.map((rows) => rows.length)).toEqual(slugs.map((slug) => (slug === 'vier' ? 0 : 1)));
  });

  it('builds it again inside a transaction, where it sees the transaction’s own writes', async () => {
    let builds = 0;
    const counts: number[] = [];
    const outcome = await database.db
      .transaction(async (tx) => {
        await tx.insert(spaces).values({ slug: 'vijf', name: 'Ruimte vijf', description: 'Test.', rules: 'Aardig.' });
        for (let i = 0; i < 2; i++) {
          const query = prepared(tx, 'test_space_count', (x, name) => {
            builds += 1;
            return x
              .select({ n: sql<number>`count(*)::int` })
              .from(spaces)
              .prepare(name);
          });
          const [row] = await query.execute();
          counts.push(Number(row?.n));
        }
        tx.rollback();
      })
      .then(
        () => 'committed',
        () => 'rolled back',
      );
    expect(outcome).toBe('rolled back');
    expect(builds).toBe(2);
    expect(counts).toEqual([4, 4]);
    // The rolled-back row is gone again for the prepared query on the database itself.
    expect(await bySlug(database.db).execute({ slug: 'vijf' })).toEqual([]);
  });

  it('names shapes compactly and refuses names PostgreSQL would truncate', () => {
    expect(preparedName('threads_take_number', { published: true, isReply: false })).toBe('threads_take_number_1_0');
    expect(preparedName('posts_page', { direction: 'after', viewer: 'guest' })).toBe('posts_page_after_guest');
    expect(() => preparedName('x'.repeat(60), { a: 'long' })).toThrow(/too long/);
    expect(() => prepared(database.db, 'y'.repeat(64), () => null)).toThrow(/too long/);
  });
});
