/**
 * Moderation: members' reports, the review queue (one item per reported or flagged target), sanctions
 * (warnings are audit-only; mutes, bans and suspensions are stored with their expiry), appeals,
 * watched words and removal-reason templates. Every moderator action also writes an `audit_entries` row
 * in the same transaction (see audit.ts, append-only in the database).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { auditEntries } from './audit';
import { spaces } from './spaces';

export const reportReasons = ['spam', 'unkind', 'misinformation', 'personal_info', 'at_risk', 'other'] as const;
export const reportTargetTypes = ['post', 'thread', 'user'] as const;
export const itemStatuses = ['open', 'claimed', 'resolved'] as const;
export const sanctionKinds = ['mute', 'ban', 'suspend'] as const;

/** One review item per target while it is unresolved; reports aggregate onto it. */
export const moderationItems = pgTable(
  'moderation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetType: text('target_type', { enum: reportTargetTypes }).notNull(),
    targetId: uuid('target_id').notNull(),
    /** Null for reports on a member (then only admins see the item). */
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    status: text('status', { enum: itemStatuses }).notNull().default('open'),
    /** An *at risk* report or a crisis match: always first in the queue. */
    atRisk: boolean('at_risk').notNull().default(false),
    /** Distinct reporters (plus automatic flags): the second sort key. */
    weight: integer('weight').notNull().default(0),
    /** Why the item exists besides reports: `crisis`, `watched_word`, `held`. */
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    claimedBy: uuid('claimed_by').references(() => users.id, { onDelete: 'set null' }),
    decision: text('decision'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    /** Optimistic concurrency: every change increments it; resolve must name the current one. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('moderation_items_open_target_unique')
      .on(t.targetType, t.targetId)
      .where(sql`${t.status} <> 'resolved'`),
    index('moderation_items_queue_idx').on(t.spaceId, t.status, t.atRisk.desc(), t.weight.desc(), t.createdAt),
    check('moderation_items_status_check', sql`${t.status} in ('open', 'claimed', 'resolved')`),
  ],
);

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => moderationItems.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: reportTargetTypes }).notNull(),
    targetId: uuid('target_id').notNull(),
    reason: text('reason', { enum: reportReasons }).notNull(),
    note: text('note'),
    /** Open until the item it belongs to is resolved. */
    open: boolean('open').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_open_unique')
      .on(t.reporterId, t.targetType, t.targetId)
      .where(sql`${t.open}`),
    index('reports_item_idx').on(t.itemId),
    index('reports_reporter_created_idx').on(t.reporterId, t.createdAt),
    check(
      'reports_reason_check',
      sql`${t.reason} in ('spam', 'unkind', 'misinformation', 'personal_info', 'at_risk', 'other')`,
    ),
  ],
);

/** Mutes and bans (per space) and suspensions (site-wide, space null), each tied to the audited action. */
export const sanctions = pgTable(
  'sanctions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: sanctionKinds }).notNull(),
    /** Null: until lifted. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    auditId: uuid('audit_id').references(() => auditEntries.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sanctions_user_idx').on(t.userId, t.kind),
    check('sanctions_kind_check', sql`${t.kind} in ('mute', 'ban', 'suspend')`),
  ],
);

/** One appeal per audited action; decided by someone other than the moderator who acted. */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => auditEntries.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    status: text('status').notNull().default('open'),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('appeals_audit_unique').on(t.auditId),
    check('appeals_status_check', sql`${t.status} in ('open', 'decided')`),
  ],
);

export const watchedWordActions = ['block', 'hold', 'flag'] as const;

/** Admin-managed words: site-wide (space null) or per space. */
export const watchedWords = pgTable(
  'watched_words',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pattern: text('pattern').notNull(),
    action: text('action', { enum: watchedWordActions }).notNull(),
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('watched_words_action_check', sql`${t.action} in ('block', 'hold', 'flag')`)],
);

/**
 * Removal-reason templates: what a moderator picks as the reason of a hide or removal, and what the
 * author then reads. Admins edit them; `key` is a stable snake_case name for the web app and the seed
 * (migration 0006 seeds the original five, in Dutch and English).
 */
export const reasonTemplates = pgTable(
  'reason_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    labelNl: text('label_nl').notNull(),
    labelEn: text('label_en').notNull(),
    textNl: text('text_nl').notNull(),
    textEn: text('text_en').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reason_templates_key_unique').on(t.key),
    check('reason_templates_key_check', sql`${t.key} ~ '^[a-z][a-z0-9_]{0,39}$'`),
  ],
);
