/**
 * Accounts: a pseudonym and a password, nothing else (no email, no real name).
 * Sessions follow Lucia's guide: only the SHA-256 of the token is stored.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * What the member agreed to at sign-up, and when: 16 or older, the house rules, and the explicit
     * consent for processing health information (GDPR art. 9). Null for accounts made by the CLI or seed.
     */
    consentVersion: text('consent_version'),
    ageConfirmedAt: timestamp('age_confirmed_at', { withTimezone: true }),
    rulesAcceptedAt: timestamp('rules_accepted_at', { withTimezone: true }),
    healthDataConsentAt: timestamp('health_data_consent_at', { withTimezone: true }),
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

/**
 * One-time recovery codes (the replacement for e-mail recovery). Only the SHA-256 of a code is stored:
 * codes carry 50 random bits each and attempts are throttled, so a fast hash is enough (unlike passwords).
 * A code is deleted when it is used.
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_unique').on(t.userId, t.codeHash)],
);

/**
 * Throttle state for login, recovery, sign-up and password confirmations, shared by every process.
 * `subject` is never a raw value: a keyed hash of an IP address, the SHA-256 of a username key, or a user id.
 * Idle rows are purged after a day (see accounts.maintenance.ts).
 */
export const authThrottles = pgTable(
  'auth_throttles',
  {
    scope: text('scope').notNull(),
    subject: text('subject').notNull(),
    failures: integer('failures').notNull().default(0),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.subject] }), index('auth_throttles_updated_at_idx').on(t.updatedAt)],
);

/**
 * The secret for keyed IP hashes (HMAC-SHA-256), one per UTC day, shared by every process. Keys are
 * deleted after two days, after which no stored hash can be linked to an address any more.
 */
export const ipHashKeys = pgTable('ip_hash_keys', {
  /** UTC day, `YYYY-MM-DD`. */
  day: text('day').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
