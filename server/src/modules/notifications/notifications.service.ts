/**
 * Notifications: written inside the caller's transaction with `notify(tx, …)`, delivered live after the
 * commit with `deliver(pending)` — so nobody hears of something that was rolled back.
 *
 *   const pending = await db.transaction(async (tx) => {
 *     … the write …
 *     return [await notifier.notify(tx, { userId, type: 'moderation_decision', data: { … } })];
 *   });
 *   await notifier.deliver(pending);
 *
 * A type the member switched off, or a "take a break" pause, means nothing is written. Data must never
 * name the account behind an anonymous post (only `actorUsername` of a member writing under their
 * pseudonym, for mentions).
 */
import type { NotificationList, NotificationSettings } from '@kring/shared';
import { notificationTypes as allTypes } from '@kring/shared';
import type { AppContext, CommittedPost, NoDeps, Notifier, NotifyInput, PendingNotification } from '../../context';
import { cursorCodec, invalidCursor } from '../../lib/cursor';
import type { Executor } from '../../db/client';
import type { NotificationType } from '../../db/schema';
import type { MemberActor } from '../../lib/actor';
import { fail, ok, type Result } from '../../lib/result';
import { afterPostWritten } from './notifications.fanout';
import { notificationEvents } from './notifications.events';
import { notificationsRepository, type NotificationCursor, type SettingsRow } from './notifications.repository';
import { toNotificationView } from './notifications.view';

export const DEFAULT_NOTIFICATION_PAGE = 20;

export type { NotifyInput, PendingNotification } from '../../context';

/** The opaque cursor: [updatedAt, id] of the last notification. */
const notificationCursor = cursorCodec('date', 'uuid');

export function wants(settings: SettingsRow | null, type: NotificationType, now: Date): boolean {
  if (!settings) return true;
  if (settings.pausedUntil && settings.pausedUntil.getTime() > now.getTime()) return false;
  return !settings.disabledTypes.includes(type);
}

function settingsView(row: SettingsRow | null, now: Date): NotificationSettings {
  const enabled = Object.fromEntries(allTypes.map((type) => [type, !row?.disabledTypes.includes(type)])) as Record<
    NotificationType,
    boolean
  >;
  const paused = row?.pausedUntil && row.pausedUntil.getTime() > now.getTime() ? row.pausedUntil : null;
  return { enabled, pausedUntil: paused ? paused.toISOString() : null };
}

/** The notifier lower domains use through `ctx.notifier` (registered by the composition root). */
export function createNotifier(ctx: AppContext, _deps: NoDeps): Notifier {
  const events = notificationEvents(ctx.publisher);
  const notifier: Notifier = {
    /** Inside the caller's transaction. Null when the member does not want it (type off, or paused). */
    async notify(tx: Executor, input: NotifyInput): Promise<PendingNotification | null> {
      const [pending] = await notifier.notifyMany(tx, [input]);
      return pending ?? null;
    },

    /**
     * Several notifications inside the caller's transaction, in three round trips whatever their number
     * (the members' settings, one multi-row insert-or-fold): a reply in a thread with many followers must
     * not hold the thread's row lock for a round trip per follower. One per member and digest group (a
     * later duplicate is dropped); members who do not want the type (off, or paused) are skipped.
     */
    async notifyMany(tx: Executor, inputs: readonly NotifyInput[]): Promise<PendingNotification[]> {
      if (inputs.length === 0) return [];
      const now = ctx.clock.now();
      const seen = new Set<string>();
      const unique = inputs.filter((input) => {
        const key = `${input.userId} ${input.groupKey ?? `#${input.type}`}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const settings = await notificationsRepository.settingsOf(tx, [...new Set(unique.map((i) => i.userId))]);
      const wanted = unique.filter((input) => wants(settings.get(input.userId) ?? null, input.type, now));
      const rows = await notificationsRepository.insertOrFoldMany(
        tx,
        wanted.map((input) => ({
          userId: input.userId,
          type: input.type,
          threadId: input.threadId ?? null,
          spaceId: input.spaceId ?? null,
          data: input.data ?? {},
          groupKey: input.groupKey ?? null,
          now,
        })),
      );
      return rows.map((row) => ({ userId: row.userId, notification: toNotificationView(row) }));
    },

    /** After the commit: to every open tab of each member, with their new unread count (one query for all). */
    async deliver(pending: readonly (PendingNotification | null)[]): Promise<void> {
      const items = pending.filter((item): item is PendingNotification => item !== null);
      if (items.length === 0) return;
      const unread = await notificationsRepository.unreadCounts(ctx.database.db, [
        ...new Set(items.map((item) => item.userId)),
      ]);
      for (const item of items) events.created(item.userId, item.notification, unread.get(item.userId) ?? 0);
    },

    async postCommitted(input: CommittedPost): Promise<void> {
      try {
        const pending = await afterPostWritten(ctx.database.db, notifier, {
          thread: input.written.thread,
          space: input.space,
          post: input.written.post,
          authorUsername: input.writer.username,
          writerId: input.writer.userId,
          now: input.now,
        });
        await notifier.deliver(pending);
      } catch (error) {
        ctx.log.error({ err: error }, 'notifying about a new post failed');
      }
    },
  };
  return notifier;
}

export type { Notifier } from '../../context';

export function createNotificationsService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;
  const events = notificationEvents(ctx.publisher);

  return {
    async list(
      actor: MemberActor,
      query: { cursor?: string; limit?: number; unread?: 'true' | 'false' },
    ): Promise<Result<NotificationList>> {
      const decoded = query.cursor === undefined ? null : notificationCursor.decode(query.cursor);
      if (query.cursor !== undefined && !decoded) return invalidCursor();
      const cursor: NotificationCursor | null = decoded && { updatedAt: decoded[0], id: decoded[1] };
      const limit = query.limit ?? DEFAULT_NOTIFICATION_PAGE;
      const rows = await notificationsRepository.list(db, actor.userId, {
        cursor,
        unreadOnly: query.unread === 'true',
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return ok({
        items: page.map(toNotificationView),
        nextCursor: rows.length > limit && last ? notificationCursor.encode([last.updatedAt, last.id]) : null,
        unreadCount: await notificationsRepository.unreadCount(db, actor.userId),
      });
    },

    async unreadCount(actor: MemberActor): Promise<Result<{ unreadCount: number }>> {
      return ok({ unreadCount: await notificationsRepository.unreadCount(db, actor.userId) });
    },

    /** Marks some (or, without ids, all) of the member's notifications read; other tabs hear the new count. */
    async markRead(actor: MemberActor, ids: string[] | undefined): Promise<Result<{ unreadCount: number }>> {
      await notificationsRepository.markRead(db, actor.userId, ids ?? null, ctx.clock.now());
      const unreadCount = await notificationsRepository.unreadCount(db, actor.userId);
      events.read(actor.userId, unreadCount);
      return ok({ unreadCount });
    },

    async settings(actor: MemberActor): Promise<Result<NotificationSettings>> {
      return ok(settingsView(await notificationsRepository.settings(db, actor.userId), ctx.clock.now()));
    },

    async saveSettings(
      actor: MemberActor,
      input: { enabled?: Partial<Record<NotificationType, boolean>>; pausedUntil?: string | null },
    ): Promise<Result<NotificationSettings>> {
      const now = ctx.clock.now();
      let pausedUntil: Date | null | undefined;
      if (input.pausedUntil !== undefined && input.pausedUntil !== null) {
        pausedUntil = new Date(input.pausedUntil);
        const max = now.getTime() + 366 * 24 * 60 * 60 * 1000;
        if (
          Number.isNaN(pausedUntil.getTime()) ||
          pausedUntil.getTime() <= now.getTime() ||
          pausedUntil.getTime() > max
        )
          return fail('invalid', 'validation_failed', 'A pause ends in the future, within a year.', {
            fields: { pausedUntil: 'must be in the future, within a year' },
          });
      } else {
        pausedUntil = input.pausedUntil;
      }
      const saved = await db.transaction(async (tx) => {
        const current = await notificationsRepository.settings(tx, actor.userId);
        const disabled = new Set(current?.disabledTypes ?? []);
        for (const [type, on] of Object.entries(input.enabled ?? {})) {
          if (on) disabled.delete(type);
          else disabled.add(type);
        }
        return notificationsRepository.saveSettings(tx, actor.userId, {
          disabledTypes: [...disabled].sort(),
          pausedUntil: pausedUntil === undefined ? (current?.pausedUntil ?? null) : pausedUntil,
          now,
        });
      });
      return ok(settingsView(saved, now));
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
