/**
 * Account deletion and export for follows and notifications. Rows of the member go with the account
 * (foreign keys cascade); what names the member in *others'* notifications (a mention's pseudonym) is
 * removed in the deletion transaction. The export lists follows, notifications and settings.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notificationSettings, notifications, spaceFollows, spaces, threadFollows, users } from '../../db/schema';
import type { AccountExtensions } from '../accounts/accounts.extensions';
import { toNotificationView } from './notifications.view';

export function registerNotificationAccountHooks(extensions: AccountExtensions): void {
  extensions.onDelete('notifications', async (tx, userId) => {
    const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) return;
    await tx
      .update(notifications)
      .set({ data: sql`${notifications.data} - 'actorUsername'` })
      .where(sql`${notifications.data} ->> 'actorUsername' = ${user.username}`);
  });

  extensions.exportSection('follows', async (db: Executor, userId: string) => ({
    threads: (
      await db
        .select({ threadId: threadFollows.threadId, since: threadFollows.createdAt })
        .from(threadFollows)
        .where(eq(threadFollows.userId, userId))
    ).map((row) => ({ threadId: row.threadId, since: row.since.toISOString() })),
    spaces: (
      await db
        .select({ slug: spaces.slug, since: spaceFollows.createdAt })
        .from(spaceFollows)
        .innerJoin(spaces, eq(spaces.id, spaceFollows.spaceId))
        .where(eq(spaceFollows.userId, userId))
    ).map((row) => ({ slug: row.slug, since: row.since.toISOString() })),
  }));

  extensions.exportSection('notifications', async (db: Executor, userId: string) => {
    const rows = await db.select().from(notifications).where(eq(notifications.userId, userId));
    const [settings] = await db
      .select()
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, userId))
      .limit(1);
    return {
      items: rows.map(toNotificationView),
      settings: settings
        ? { disabledTypes: settings.disabledTypes, pausedUntil: settings.pausedUntil?.toISOString() ?? null }
        : null,
    };
  });
}
