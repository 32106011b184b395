/**
 * Search, follows and notifications.
 *
 * Search: `threads.search_vector` / `posts.search_vector` are generated `to_tsvector('dutch', …)` columns
 * with GIN indexes (see threads.ts); Dutch compound words ("kinderopvang" for "opvang") are found by a
 * substring fallback served by trigram GIN indexes (`pg_trgm`, created by the migration).
 *
 * Follows: a member follows threads and spaces. Notifications: one row per event, or per digest group
 * (`group_key`): while a group's notification is unread, further events update it (count, latest time)
 * instead of adding rows.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { spaces } from './spaces';
import { threads } from './threads';

export const threadFollows = pgTable(
  'thread_follows',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] }), index('thread_follows_user_idx').on(t.userId)],
);

export const spaceFollows = pgTable(
  'space_follows',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index('space_follows_user_idx').on(t.userId)],
);

export const notificationTypes = [
  'reply',
  'new_threads',
  'mention',
  'moderation_decision',
  'appeal_decided',
  'join_request_decided',
  'unanswered_thread',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** What a notification points at; never the account behind an anonymous post. */
export interface NotificationData {
  threadTitle?: string;
  spaceSlug?: string;
  spaceName?: string;
  postNumber?: number;
  /** The pseudonym of a non-anonymous actor (mentions); never set for anonymous posts. */
  actorUsername?: string;
  /** Free-form outcome code: 'approved' | 'rejected' | moderation's decision codes. */
  outcome?: string;
  /** The moderator's reason, for a rejected held post (`outcome: 'rejected'`). */
  reason?: string;
}

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: notificationTypes }).notNull(),
    threadId: uuid('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<NotificationData>().notNull().default({}),
    /** Events folded into this notification (digest). */
    count: integer('count').notNull().default(1),
    /** Digest group ("reply:<threadId>"): one unread notification per user and group. */
    groupKey: text('group_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    // The notification centre: newest first, keyset on (updated_at, id).
    index('notifications_user_list_idx').on(t.userId, t.updatedAt.desc(), t.id.desc()),
    uniqueIndex('notifications_unread_group_unique')
      .on(t.userId, t.groupKey)
      .where(sql`${t.readAt} is null and ${t.groupKey} is not null`),
    check('notifications_count_check', sql`${t.count} >= 1`),
  ],
);

/** Per-member notification settings: types switched off, and a "take a break" pause. */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  disabledTypes: text('disabled_types')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  pausedUntil: timestamp('paused_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
