/**
 * The audit log: one append-only row for every moderator and admin action (who, what, on what, why,
 * before/after). Rows are written in the same transaction as the action they describe.
 * The spaces feature writes the first entries (space settings, moderators, join requests);
 * moderation adds its actions to the same table.
 */
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { spaces } from './spaces';

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Who acted; null once that account is gone (the entry itself stays). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** A snake_case action id such as `space_created` or `join_request_approved`. */
    action: text('action').notNull(),
    /** The space the action belongs to, so moderators can be shown their space's log. */
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'set null' }),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    /**
     * The member an action concerns (author of a moderated post, sanctioned member). Used only to let
     * that member see and appeal it; never part of any response, since it can be the account behind an
     * anonymous post.
     */
    subjectId: uuid('subject_id').references(() => users.id, { onDelete: 'set null' }),
    /** What changed: `{ before, after }` for settings, or action-specific facts. Never bodies of private data. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_entries_space_created_idx').on(t.spaceId, t.createdAt),
    index('audit_entries_created_idx').on(t.createdAt),
  ],
);
