/**
 * Threads, their numbered posts, edit history, per-thread anonymous aliases and reactions.
 *
 * Invariants the database holds itself: one number per post per thread, one idempotency key per author,
 * one alias letter per member per thread (and one member per letter), one reaction of a kind per member
 * per post. Counters (threads.post_count / reply_count, posts' reaction counts, spaces' counters) are
 * updated in the same transaction as the write that changes them.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { spaces } from './spaces';

export const threadIntents = ['support', 'experience', 'question', 'good_news'] as const;
export const postStatuses = ['published', 'pending', 'hidden', 'removed'] as const;
export const reactionKinds = ['steun', 'herkenning', 'dank'] as const;

export const threads = pgTable(
  'threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    /** Who opened the thread; null once that account is erased. Never returned for an anonymous opener. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    intent: text('intent', { enum: threadIntents }),
    /** Whether the opening post is anonymous (then the thread's author shows as "Anoniem A"). */
    anonymous: boolean('anonymous').notNull().default(false),
    /** The number given to the newest post; incremented under the row lock to number the next one. */
    postCount: integer('post_count').notNull().default(0),
    /** Published replies (the opening post not counted); 0 = unanswered. */
    replyCount: integer('reply_count').notNull().default(0),
    lastPostNumber: integer('last_post_number').notNull().default(0),
    /** Letters handed out to anonymous writers so far (A = 1, B = 2, …). */
    aliasCount: integer('alias_count').notNull().default(0),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    pinned: boolean('pinned').notNull().default(false),
    locked: boolean('locked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The space's thread list: pinned first, then by last activity, keyset-paginated.
    index('threads_space_list_idx').on(t.spaceId, t.pinned.desc(), t.lastActivityAt.desc(), t.id.desc()),
    index('threads_author_idx').on(t.authorId),
    check(
      'threads_intent_check',
      sql`${t.intent} is null or ${t.intent} in ('support', 'experience', 'question', 'good_news')`,
    ),
    check('threads_counts_check', sql`${t.postCount} >= 0 and ${t.replyCount} >= 0 and ${t.aliasCount} >= 0`),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    /** 1 for the opening post, then 2, 3, … without gaps. */
    number: integer('number').notNull(),
    /** Null once the account is erased. Never returned for an anonymous post. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    anonymous: boolean('anonymous').notNull().default(false),
    /** "A", "B", … for anonymous posts: stable per member within the thread. */
    aliasLetter: text('alias_letter'),
    source: text('source').notNull(),
    html: text('html').notNull(),
    status: text('status', { enum: postStatuses }).notNull().default('published'),
    /** A moderator's label ("ervaringskennis — geen medisch advies"). */
    label: text('label'),
    idempotencyKey: text('idempotency_key'),
    reactionSteun: integer('reaction_steun').notNull().default(0),
    reactionHerkenning: integer('reaction_herkenning').notNull().default(0),
    reactionDank: integer('reaction_dank').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    // Numbering and keyset pagination by number.
    uniqueIndex('posts_thread_number_unique').on(t.threadId, t.number),
    // A submit is stored once: a repeat with the same key by the same author finds the original.
    uniqueIndex('posts_author_idempotency_unique').on(t.authorId, t.idempotencyKey),
    check('posts_status_check', sql`${t.status} in ('published', 'pending', 'hidden', 'removed')`),
    check('posts_number_check', sql`${t.number} >= 1`),
    check('posts_alias_check', sql`(${t.anonymous} and ${t.aliasLetter} is not null) or not ${t.anonymous}`),
    check(
      'posts_reaction_counts_check',
      sql`${t.reactionSteun} >= 0 and ${t.reactionHerkenning} >= 0 and ${t.reactionDank} >= 0`,
    ),
  ],
);

/** Earlier versions of a post: each row is what the post said before an edit replaced it. */
export const postRevisions = pgTable(
  'post_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    html: text('html').notNull(),
    /** When the edit that replaced this version was made. */
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
    /** Who made that edit (the author, or later a moderator). */
    editorId: uuid('editor_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('post_revisions_post_idx').on(t.postId, t.editedAt)],
);

/** The letter a member writes under, anonymously, in one thread. */
export const threadAliases = pgTable(
  'thread_aliases',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    letter: text('letter').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.threadId, t.userId] }),
    uniqueIndex('thread_aliases_letter_unique').on(t.threadId, t.letter),
  ],
);

export const reactions = pgTable(
  'reactions',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: reactionKinds }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.userId, t.kind] }),
    index('reactions_user_idx').on(t.userId),
    check('reactions_kind_check', sql`${t.kind} in ('steun', 'herkenning', 'dank')`),
  ],
);
