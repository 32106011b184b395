/**
 * Condition spaces, created by the organisation's admins, and the moderators appointed per space.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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

export interface Helpline {
  name: string;
  phone?: string;
  url?: string;
  description?: string;
}

export const spaces = pgTable(
  'spaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    rules: text('rules').notNull().default(''),
    helplines: jsonb('helplines').$type<Helpline[]>().notNull().default([]),
    visibility: text('visibility', { enum: ['public', 'registered', 'closed'] })
      .notNull()
      .default('public'),
    postingPolicy: text('posting_policy', { enum: ['open', 'new_members_premoderated', 'premoderated'] })
      .notNull()
      .default('open'),
    allowAnonymous: boolean('allow_anonymous').notNull().default(true),
    moderationHours: text('moderation_hours'),
    /** "Nobody left alone": moderators hear of a thread without a reply after this many hours. */
    unansweredAfterHours: integer('unanswered_after_hours').notNull().default(12),
    /**
     * Counters as of the last fold: writers add a row to `space_counter_deltas` in their transaction (no
     * lock on this row), a background job folds those into these columns, and reads add what is not yet
     * folded (`spacesRepository`), so the API's counts are exact at every moment.
     */
    threadCount: integer('thread_count').notNull().default(0),
    postCount: integer('post_count').notNull().default(0),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('spaces_slug_unique').on(t.slug),
    check('spaces_visibility_check', sql`${t.visibility} in ('public', 'registered', 'closed')`),
    check(
      'spaces_posting_policy_check',
      sql`${t.postingPolicy} in ('open', 'new_members_premoderated', 'premoderated')`,
    ),
  ],
);

export const spaceModerators = pgTable(
  'space_moderators',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appointedAt: timestamp('appointed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index('space_moderators_user_idx').on(t.userId)],
);

/**
 * Membership of a closed space: a join request that a moderator approves or rejects.
 * (Public and registered spaces need no membership to read.)
 */
export const spaceMembers = pgTable(
  'space_members',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    /** Optional short motivation shown to moderators. */
    message: text('message').notNull().default(''),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.spaceId, t.userId] }),
    index('space_members_user_idx').on(t.userId),
    // The moderators' list of requests: one space, one status, oldest first.
    index('space_members_space_status_idx').on(t.spaceId, t.status, t.requestedAt),
    check('space_members_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/**
 * Changes to a space's counters not yet folded into `spaces` (threads.counters.ts folds them every few
 * seconds, in one statement that deletes the rows and updates the spaces). Every post and thread write
 * inserts one row here instead of updating the space row, so writers in one space never queue on a row
 * lock. No foreign key on purpose: its check would share-lock the space row from every writer; rows of a
 * deleted space are simply dropped by the next fold.
 */
export const spaceCounterDeltas = pgTable(
  'space_counter_deltas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    spaceId: uuid('space_id').notNull(),
    threads: integer('threads').notNull().default(0),
    posts: integer('posts').notNull().default(0),
    activityAt: timestamp('activity_at', { withTimezone: true }),
  },
  (t) => [index('space_counter_deltas_space_idx').on(t.spaceId)],
);

/** A space as stored (the repositories of spaces and threads, and the posting gate, share it). */
export type SpaceRow = typeof spaces.$inferSelect;
