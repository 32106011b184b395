/**
 * Test factory: a member (optionally admin or moderator of some spaces) with a live session.
 * Inserts directly, so tests of other domains don't depend on the sign-up flow.
 *
 * By default the account is an established one (30 days old), so its posts are not held as a new
 * member's (config `newMembers`) and its reports count for auto-hide; pass `createdAt: new Date()` (or
 * use `newcomer()`) for a brand-new account.
 */
import { randomBytes } from 'node:crypto';
import { spaceModerators, users } from '../../src/db/schema';
import type { ZodApp } from '../../src/context';
import { usernameKey } from '../../src/lib/username';
import { PLAIN_COOKIE } from '../../src/plugins/session';

export interface TestMember {
  id: string;
  username: string;
  /** `Cookie` header value for inject/fetch/socket. */
  cookie: string;
  token: string;
}

// A real argon2id hash of FIXTURE_PASSWORD, computed once, keeps factories fast.
export const FIXTURE_PASSWORD = 'correct horse battery staple 1';
const FIXTURE_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Jz4m/yGxLUg7t/YtZSh76g$/QDTxxhz1gzeC98WmL01bFB1ErdEyAID4CugXhQeSvs';

/** Age of a factory member by default: past every new-member and auto-hide threshold. */
export const ESTABLISHED_DAYS = 30;
/** Options for a brand-new account (a "new member" for holds; its reports do not count for auto-hide). */
export const newcomer = () => ({ createdAt: new Date() });

export async function createMember(
  app: ZodApp,
  options: { username?: string; role?: 'member' | 'admin'; moderatorOf?: string[]; createdAt?: Date } = {},
): Promise<TestMember> {
  const username = options.username ?? `lid_${randomBytes(4).toString('hex')}`;
  const db = app.kring.database.db;
  const [user] = await db
    .insert(users)
    .values({
      username,
      usernameKey: usernameKey(username),
      passwordHash: FIXTURE_PASSWORD_HASH,
      role: options.role ?? 'member',
      // By the app's clock: tests that freeze time in the past still get an established account.
      createdAt: options.createdAt ?? new Date(app.kring.clock.now().getTime() - ESTABLISHED_DAYS * 86_400_000),
    })
    .returning();
  if (!user) throw new Error('could not create member');
  if (options.moderatorOf?.length) {
    await db.insert(spaceModerators).values(options.moderatorOf.map((spaceId) => ({ spaceId, userId: user.id })));
  }
  const { token } = await app.kring.sessions.create(user.id, 'test');
  return { id: user.id, username, token, cookie: `${PLAIN_COOKIE}=${token}` };
}
