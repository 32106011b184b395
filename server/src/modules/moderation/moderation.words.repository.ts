/** Watched words (site-wide or per space), read on the posting path. */
import { asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { prepared } from '../../db/prepared';
import { watchedWords } from '../../db/schema';

export type WatchedWordRow = typeof watchedWords.$inferSelect;

export const watchedWordsRepository = {
  async watchedWordsFor(db: Executor, spaceId: string): Promise<WatchedWordRow[]> {
    const query = prepared(db, 'watched_words_for_space', (x, name) =>
      x
        .select()
        .from(watchedWords)
        .where(or(isNull(watchedWords.spaceId), eq(watchedWords.spaceId, sql.placeholder('spaceId'))))
        .prepare(name),
    );
    return query.execute({ spaceId });
  },

  async listWatchedWords(db: Executor): Promise<WatchedWordRow[]> {
    return db.select().from(watchedWords).orderBy(asc(watchedWords.createdAt));
  },

  async insertWatchedWord(db: Executor, values: typeof watchedWords.$inferInsert): Promise<WatchedWordRow> {
    const [row] = await db.insert(watchedWords).values(values).returning();
    if (!row) throw new Error('watched word insert returned nothing');
    return row;
  },

  async deleteWatchedWord(db: Executor, id: string): Promise<WatchedWordRow | null> {
    const [row] = await db.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
    return row ?? null;
  },
};
