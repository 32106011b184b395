/**
 * Accounts, recovery codes, throttle state and IP-hash keys. The only place in the accounts module
 * that touches drizzle; every function takes an Executor so it also works inside a transaction.
 */
import { and, asc, count, eq, inArray, lt, min, or, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  authThrottles,
  ipHashKeys,
  recoveryCodes,
  sessions,
  spaceMembers,
  spaceModerators,
  spaces,
  users,
} from '../../db/schema';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const accountsRepository = {
  async findById(db: Executor, id: string): Promise<UserRow | null> {
    const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
    return row ?? null;
  },

  async findByKey(db: Executor, key: string): Promise<UserRow | null> {
    const [row] = await db.select().from(users).where(eq(users.usernameKey, key)).limit(1);
    return row ?? null;
  },

  /** Inserts the user unless the pseudonym (its key) is taken; null when taken. */
  async insertIfFree(db: Executor, values: NewUser): Promise<UserRow | null> {
    const [row] = await db.insert(users).values(values).onConflictDoNothing({ target: users.usernameKey }).returning();
    return row ?? null;
  },

  async update(
    db: Executor,
    id: string,
    patch: Partial<
      Pick<NewUser, 'username' | 'usernameKey' | 'locale' | 'passwordHash' | 'passwordChangedAt' | 'role'>
    > & {
      updatedAt: Date;
    },
  ): Promise<UserRow | null> {
    const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
    return row ?? null;
  },

  /** Which of these username keys are taken. */
  async takenKeys(db: Executor, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await db.select({ key: users.usernameKey }).from(users).where(inArray(users.usernameKey, keys));
    return new Set(rows.map((r) => r.key));
  },

  /** Slugs of the spaces the user moderates, alphabetically. */
  async moderatedSlugs(db: Executor, userId: string): Promise<string[]> {
    const rows = await db
      .select({ slug: spaces.slug })
      .from(spaceModerators)
      .innerJoin(spaces, eq(spaces.id, spaceModerators.spaceId))
      .where(eq(spaceModerators.userId, userId))
      .orderBy(asc(spaces.slug));
    return rows.map((r) => r.slug);
  },

  async sessionsOf(db: Executor, userId: string) {
    return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt));
  },

  async findSession(db: Executor, userId: string, sessionId: string) {
    const [row] = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .limit(1);
    return row ?? null;
  },

  async deleteSessions(db: Executor, userId: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.userId, userId));
  },

  async delete(db: Executor, userId: string): Promise<void> {
    await db.delete(users).where(eq(users.id, userId));
  },
};

/** Space memberships and moderator appointments of one member, for export and deletion. */
export const accountSpacesRepository = {
  async memberships(db: Executor, userId: string) {
    return db
      .select({
        space: spaces.slug,
        status: spaceMembers.status,
        message: spaceMembers.message,
        requestedAt: spaceMembers.requestedAt,
        decidedAt: spaceMembers.decidedAt,
      })
      .from(spaceMembers)
      .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
      .where(eq(spaceMembers.userId, userId))
      .orderBy(asc(spaces.slug));
  },

  async moderatorAppointments(db: Executor, userId: string) {
    return db
      .select({ space: spaces.slug, appointedAt: spaceModerators.appointedAt })
      .from(spaceModerators)
      .innerJoin(spaces, eq(spaces.id, spaceModerators.spaceId))
      .where(eq(spaceModerators.userId, userId))
      .orderBy(asc(spaces.slug));
  },

  async deleteAll(db: Executor, userId: string): Promise<void> {
    await db.delete(spaceMembers).where(eq(spaceMembers.userId, userId));
    await db.delete(spaceModerators).where(eq(spaceModerators.userId, userId));
  },
};

export const recoveryCodesRepository = {
  async replace(db: Executor, userId: string, hashes: string[], now: Date): Promise<void> {
    await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
  },

  /** Deletes the matching code and says whether there was one: a code works exactly once. */
  async consume(db: Executor, userId: string, codeHash: string): Promise<boolean> {
    const deleted = await db
      .delete(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash)))
      .returning({ id: recoveryCodes.id });
    return deleted.length > 0;
  },

  async status(db: Executor, userId: string): Promise<{ remaining: number; createdAt: Date | null }> {
    const [row] = await db
      .select({ remaining: count(), createdAt: min(recoveryCodes.createdAt) })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, userId));
    return { remaining: row?.remaining ?? 0, createdAt: row?.createdAt ?? null };
  },

  async deleteAll(db: Executor, userId: string): Promise<void> {
    await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  },
};

export const throttleRepository = {
  async find(db: Executor, scope: string, subject: string) {
    const [row] = await db
      .select()
      .from(authThrottles)
      .where(and(eq(authThrottles.scope, scope), eq(authThrottles.subject, subject)))
      .limit(1);
    return row ?? null;
  },

  /**
   * Counts one more failure, atomically; the count starts again when the previous one is older
   * than `resetBefore`. Returns the new count.
   */
  async increment(db: Executor, scope: string, subject: string, now: Date, resetBefore: Date): Promise<number> {
    const [row] = await db
      .insert(authThrottles)
      .values({ scope, subject, failures: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: [authThrottles.scope, authThrottles.subject],
        set: {
          failures: sql`case when ${authThrottles.updatedAt} < ${resetBefore.toISOString()}::timestamptz then 1 else ${authThrottles.failures} + 1 end`,
          blockedUntil: sql`case when ${authThrottles.updatedAt} < ${resetBefore.toISOString()}::timestamptz then null else ${authThrottles.blockedUntil} end`,
          updatedAt: now,
        },
      })
      .returning({ failures: authThrottles.failures });
    return row?.failures ?? 1;
  },

  async block(db: Executor, scope: string, subject: string, until: Date): Promise<void> {
    await db
      .update(authThrottles)
      .set({ blockedUntil: until })
      .where(and(eq(authThrottles.scope, scope), eq(authThrottles.subject, subject)));
  },

  async clear(db: Executor, scopes: string[], subject: string): Promise<void> {
    await db.delete(authThrottles).where(and(inArray(authThrottles.scope, scopes), eq(authThrottles.subject, subject)));
  },

  /** Drops rows nobody has touched since `idleBefore` and that block nothing any more. */
  async purgeIdle(db: Executor, idleBefore: Date, now: Date): Promise<number> {
    const deleted = await db
      .delete(authThrottles)
      .where(
        and(
          lt(authThrottles.updatedAt, idleBefore),
          or(isNull(authThrottles.blockedUntil), lt(authThrottles.blockedUntil, now)),
        ),
      )
      .returning({ scope: authThrottles.scope });
    return deleted.length;
  },
};

export const ipKeysRepository = {
  async find(db: Executor, day: string): Promise<string | null> {
    const [row] = await db.select({ secret: ipHashKeys.secret }).from(ipHashKeys).where(eq(ipHashKeys.day, day));
    return row?.secret ?? null;
  },

  /** Stores a key for the day unless another process was first; returns the key that won. */
  async findOrCreate(db: Executor, day: string, candidate: string, now: Date): Promise<string> {
    await db.insert(ipHashKeys).values({ day, secret: candidate, createdAt: now }).onConflictDoNothing();
    const secret = await this.find(db, day);
    if (!secret) throw new Error('IP hash key vanished');
    return secret;
  },

  async deleteBefore(db: Executor, day: string): Promise<number> {
    const deleted = await db.delete(ipHashKeys).where(lt(ipHashKeys.day, day)).returning({ day: ipHashKeys.day });
    return deleted.length;
  },
};
