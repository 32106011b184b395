/**
 * Accounts: a pseudonym and a password, nothing else (no email, no real name).
 * Sessions follow Lucia's guide: only the SHA-256 of the token is stored.
 */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** As chosen, after NFC normalisation. */
    username: text('username').notNull(),
    /** Case-folded form used for uniqueness and lookups. */
    usernameKey: text('username_key').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['member', 'admin'] })
      .notNull()
      .default('member'),
    locale: text('locale', { enum: ['nl', 'en'] })
      .notNull()
      .default('nl'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_key_unique').on(t.usernameKey),
    check('users_role_check', sql`${t.role} in ('member', 'admin')`),
    check('users_locale_check', sql`${t.locale} in ('nl', 'en')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** Hex SHA-256 of the session token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Sliding expiry (30 days from last use, never past absoluteExpiresAt). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
    /** A coarse, user-facing description ("Chrome op Linux"); never the raw user agent or IP. */
    label: text('label').notNull().default(''),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);
