/** Session rows. Only the SHA-256 of a token is ever stored or looked up. */
import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { prepared } from '../../db/prepared';
import { sessions, spaceModerators, users } from '../../db/schema';

export type SessionRow = typeof sessions.$inferSelect;

export const sessionsRepository = {
  async insert(db: Executor, row: typeof sessions.$inferInsert): Promise<SessionRow> {
    const [created] = await db.insert(sessions).values(row).returning();
    if (!created) throw new Error('session insert returned nothing');
    return created;
  },

  /**
   * The session with its user and the ids of the spaces the user moderates, in one round trip (every
   * signed-in request starts here).
   */
  async findWithUser(db: Executor, id: string) {
    const query = prepared(db, 'sessions_find_with_user', (x, name) =>
      x
        .select({
          session: sessions,
          user: users,
          moderatorOf: sql<
            string[]
          >`array(select ${spaceModerators.spaceId}::text from ${spaceModerators} where ${spaceModerators.userId} = ${users.id})`,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sql.placeholder('id')))
        .limit(1)
        .prepare(name),
    );
    const [row] = await query.execute({ id });
    return row ?? null;
  },

  async touch(db: Executor, id: string, expiresAt: Date, lastUsedAt: Date): Promise<void> {
    await db.update(sessions).set({ expiresAt, lastUsedAt }).where(eq(sessions.id, id));
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, id));
  },

  async deleteForUser(db: Executor, userId: string, exceptId?: string): Promise<void> {
    await db
      .delete(sessions)
      .where(exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId));
  },

  async listForUser(db: Executor, userId: string): Promise<SessionRow[]> {
    return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(sessions.lastUsedAt);
  },

  async deleteExpired(db: Executor, now: Date): Promise<void> {
    await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)));
  },
};
