/**
 * Notification rows and settings. A digest group (`group_key`) has at most one unread row per member
 * (a partial unique index): a further event in the group folds into it (count + 1, newer time).
 */
import { and, count, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { userCanReadSpace } from '../spaces/spaces.visibility';
import {
  notificationSettings,
  notifications,
  posts,
  spaceModerators,
  spaces,
  threads,
  users,
  type NotificationData,
  type NotificationType,
} from '../../db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type SettingsRow = typeof notificationSettings.$inferSelect;

export interface NewNotification {
  userId: string;
  type: NotificationType;
  threadId: string | null;
  spaceId: string | null;
  data: NotificationData;
  groupKey: string | null;
  now: Date;
}

export interface NotificationCursor {
  updatedAt: Date;
  id: string;
}

export interface UnansweredThread {
  id: string;
  title: string;
  authorId: string | null;
  spaceId: string;
  slug: string;
  name: string;
}

export const notificationsRepository = {
  /** Members with these pseudonym keys who may read the space (mention targets). */
  async readersByUsernameKeys(db: Executor, spaceId: string, keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.usernameKey, keys), userCanReadSpace(spaceId, users.id)));
    return rows.map((row) => row.id);
  },

  /**
   * Claims the threads whose published opening post has waited longer than its space's
   * `unanswered_after_hours` without a reply (created after `since`): marks them notified and returns them.
   * One `UPDATE … RETURNING`, so with several processes each thread is claimed once.
   */
  async claimUnansweredThreads(db: Executor, now: Date, since: Date): Promise<UnansweredThread[]> {
    return db
      .update(threads)
      .set({ unansweredNotifiedAt: now })
      .from(spaces)
      .where(
        and(
          eq(spaces.id, threads.spaceId),
          eq(threads.replyCount, 0),
          isNull(threads.unansweredNotifiedAt),
          eq(threads.locked, false),
          isNull(spaces.archivedAt),
          gte(threads.createdAt, since),
          lte(
            threads.createdAt,
            sql`${now.toISOString()}::timestamptz - make_interval(hours => ${spaces.unansweredAfterHours})`,
          ),
          sql`exists (select 1 from ${posts} where ${posts.threadId} = ${threads.id} and ${posts.number} = 1 and ${posts.status} = 'published')`,
        ),
      )
      .returning({
        id: threads.id,
        title: threads.title,
        authorId: threads.authorId,
        spaceId: spaces.id,
        slug: spaces.slug,
        name: spaces.name,
      });
  },

  /** The space's moderators, except `exceptUserId` (the thread's own author). */
  async spaceModeratorIds(db: Executor, spaceId: string, exceptUserId: string | null): Promise<string[]> {
    const rows = await db
      .select({ userId: spaceModerators.userId })
      .from(spaceModerators)
      .where(
        and(eq(spaceModerators.spaceId, spaceId), exceptUserId ? ne(spaceModerators.userId, exceptUserId) : sql`true`),
      );
    return rows.map((row) => row.userId);
  },

  async settings(db: Executor, userId: string): Promise<SettingsRow | null> {
    const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)).limit(1);
    return row ?? null;
  },

  /** The settings of several members in one round trip (members without a row are left out). */
  async settingsOf(db: Executor, userIds: string[]): Promise<Map<string, SettingsRow>> {
    if (userIds.length === 0) return new Map();
    const rows = await db.select().from(notificationSettings).where(inArray(notificationSettings.userId, userIds));
    return new Map(rows.map((row) => [row.userId, row]));
  },

  async saveSettings(
    db: Executor,
    userId: string,
    values: { disabledTypes: string[]; pausedUntil: Date | null; now: Date },
  ): Promise<SettingsRow> {
    const [row] = await db
      .insert(notificationSettings)
      .values({ userId, disabledTypes: values.disabledTypes, pausedUntil: values.pausedUntil, updatedAt: values.now })
      .onConflictDoUpdate({
        target: notificationSettings.userId,
        set: { disabledTypes: values.disabledTypes, pausedUntil: values.pausedUntil, updatedAt: values.now },
      })
      .returning();
    if (!row) throw new Error('settings upsert returned nothing');
    return row;
  },

  /** Inserts a notification, or folds it into the member's unread one of the same digest group. */
  async insertOrFold(db: Executor, values: NewNotification): Promise<NotificationRow> {
    const [row] = await this.insertOrFoldMany(db, [values]);
    if (!row) throw new Error('notification insert returned nothing');
    return row;
  },

  /**
   * Several notifications (at most one per member) in one statement, each inserted or folded into the
   * member's unread one of its digest group. Rows are written in member id order, so two writers folding
   * into overlapping sets of members lock them in the same order (no deadlocks).
   */
  async insertOrFoldMany(db: Executor, items: NewNotification[]): Promise<NotificationRow[]> {
    if (items.length === 0) return [];
    const sorted = [...items].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    return db
      .insert(notifications)
      .values(
        sorted.map((values) => ({
          userId: values.userId,
          type: values.type,
          threadId: values.threadId,
          spaceId: values.spaceId,
          data: values.data,
          groupKey: values.groupKey,
          createdAt: values.now,
          updatedAt: values.now,
        })),
      )
      .onConflictDoUpdate({
        // Only rows with a digest group can conflict (the partial unique index); the others are plain inserts.
        target: [notifications.userId, notifications.groupKey],
        targetWhere: sql`${notifications.readAt} is null and ${notifications.groupKey} is not null`,
        // The first unread event keeps pointing where reading should start; the count and time move on.
        set: { count: sql`${notifications.count} + 1`, updatedAt: sql`excluded.updated_at` },
      })
      .returning();
  },

  async list(
    db: Executor,
    userId: string,
    options: { cursor: NotificationCursor | null; unreadOnly: boolean; limit: number },
  ): Promise<NotificationRow[]> {
    const conditions: SQL[] = [eq(notifications.userId, userId)];
    if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
    if (options.cursor) {
      conditions.push(
        or(
          lt(notifications.updatedAt, options.cursor.updatedAt),
          and(eq(notifications.updatedAt, options.cursor.updatedAt), lt(notifications.id, options.cursor.id)),
        ) as SQL,
      );
    }
    return db
      .select()
      .from(notifications)
      .where(and(...conditions))
      .orderBy(desc(notifications.updatedAt), desc(notifications.id))
      .limit(options.limit);
  },

  /** Unread counts of several members in one round trip (0 for members without unread ones). */
  async unreadCounts(db: Executor, userIds: string[]): Promise<Map<string, number>> {
    const counts = new Map(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return counts;
    const rows = await db
      .select({ userId: notifications.userId, n: count() })
      .from(notifications)
      .where(and(inArray(notifications.userId, userIds), isNull(notifications.readAt)))
      .groupBy(notifications.userId);
    for (const row of rows) counts.set(row.userId, Number(row.n));
    return counts;
  },

  async unreadCount(db: Executor, userId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return Number(row?.n ?? 0);
  },

  /** Marks the member's notifications read: the given ones, or all. Ids of others are ignored. */
  async markRead(db: Executor, userId: string, ids: string[] | null, now: Date): Promise<number> {
    const conditions: SQL[] = [eq(notifications.userId, userId), isNull(notifications.readAt)];
    if (ids) conditions.push(inArray(notifications.id, ids));
    const rows = await db
      .update(notifications)
      .set({ readAt: now })
      .where(and(...conditions))
      .returning({ id: notifications.id });
    return rows.length;
  },

  /** All of the member's notifications, for the data export. */
  async listAllForUser(db: Executor, userId: string): Promise<NotificationRow[]> {
    return db.select().from(notifications).where(eq(notifications.userId, userId));
  },

  /** Account deletion: others' notifications stop naming the member (a mention's pseudonym). */
  async forgetActor(db: Executor, userId: string): Promise<void> {
    const [user] = await db.select({ username: users.username }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) return;
    await db
      .update(notifications)
      .set({ data: sql`${notifications.data} - 'actorUsername'` })
      .where(sql`${notifications.data} ->> 'actorUsername' = ${user.username}`);
  },
};
