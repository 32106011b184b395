/**
 * Accounts without e-mail: sign-up with a pseudonym and a password, login, recovery with one-time
 * codes, the member's own settings and sessions (export and deletion: accounts.data.ts).
 *
 * Privacy and abuse rules that shape this file:
 * - login and recovery answer the same (401 `invalid_credentials`) with the same work for an unknown
 *   pseudonym as for a wrong secret: an unknown user is checked against a dummy hash;
 * - throttles (accounts.throttle.ts) are consulted before any secret is checked (the one exception: a
 *   recovery code is still checked while only the per-account ceiling is reached, so the owner gets in);
 * - every new session is a new token (rotation): login, password change and recovery never reuse one.
 */
import {
  CONSENT_VERSION,
  normaliseUsername,
  rooms,
  usernameKey,
  usernameProblem,
  type LoginBody,
  type Me,
  type PasswordProblem,
  type RecoverBody,
  type SessionInfo,
  type SignupBody,
  type UpdateMeBody,
} from '@kring/shared';
import type { AppContext, NoDeps } from '../../context';
import type { MemberActor } from '../../lib/actor';
import { deviceLabel } from '../../lib/device-label';
import { hashPassword, verifyPassword } from '../../lib/password';
import { passwordProblem } from '../../lib/password-strength';
import { fail, ok, type Result } from '../../lib/result';
import { canRevokeSession } from './accounts.policy';
import { accountsRepository, recoveryCodesRepository, type UserRow } from './accounts.repository';
import { pseudonymCandidates } from './accounts.pseudonyms';
import { generateRecoveryCodes, hashRecoveryCode } from './accounts.recovery-codes';
import { accountSubject, createThrottle, pairSubject, type ThrottleScope } from './accounts.throttle';

export interface ClientInfo {
  ip: string;
  userAgent?: string | undefined;
}

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/**
 * An argon2id hash (same parameters as real ones) of a random, forgotten password: verifying against
 * it costs what verifying a real password costs, so an unknown pseudonym is not answered faster.
 */
const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$WOB3xBEyVd+c/1f/88X1Ww$HSeRLbCeGNKVHITkCk4A3AALN2UKbBfnA0BPcMQqzdU';
/** A user id that never exists, for the equal-work path of recovery with an unknown pseudonym. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

const passwordMessages: Record<PasswordProblem, string> = {
  too_short: 'Use a password of at least 10 characters.',
  too_long: 'Use a password of at most 256 characters.',
  too_common: 'This password is too easy to guess. A few unrelated words together work well.',
};

const weakPassword = (problem: PasswordProblem, field = 'password') =>
  fail('invalid', 'weak_password', passwordMessages[problem], { fields: { [field]: problem } });

const rateLimited = (seconds: number) =>
  fail('rate_limited', 'rate_limited', `Too many attempts. Try again in ${seconds} seconds.`, {
    retryAfter: seconds,
  });

const usernameTaken = () =>
  fail('conflict', 'username_taken', 'This pseudonym is already in use. Choose another one.', {
    fields: { username: 'taken' },
  });

const signedOut = () => fail('unauthenticated', 'unauthenticated', 'Sign in to do this.');

const wrongPassword = () =>
  fail('forbidden', 'wrong_password', 'That is not your current password.', { fields: { password: 'wrong' } });

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createAccountsService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;
  const { clock, sessions, publisher, ipHasher } = ctx;
  const throttle = createThrottle(db, clock, ctx.config.rateLimits);

  async function firstWait(checks: [ThrottleScope, string][]): Promise<number | null> {
    for (const [scope, subject] of checks) {
      const wait = await throttle.retryAfter(scope, subject);
      if (wait !== null) return wait;
    }
    return null;
  }

  async function toMe(user: Pick<UserRow, 'id' | 'username' | 'role' | 'locale' | 'createdAt'>): Promise<Me> {
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      moderatorOf: await accountsRepository.moderatedSlugs(db, user.id),
      locale: user.locale,
      createdAt: user.createdAt.toISOString(),
    };
  }

  async function issueSession(userId: string, client: ClientInfo): Promise<IssuedSession> {
    const { token, session } = await sessions.create(userId, deviceLabel(client.userAgent));
    return { token, expiresAt: session.expiresAt };
  }

  /** The signed-in member proves they know the password before a sensitive change. */
  async function confirmPassword(actor: MemberActor, password: string): Promise<Result<UserRow>> {
    const wait = await throttle.retryAfter('reauth_account', actor.userId);
    if (wait !== null) return rateLimited(wait);
    const user = await accountsRepository.findById(db, actor.userId);
    if (!user) return signedOut();
    if (!(await verifyPassword(user.passwordHash, password))) {
      await throttle.hit('reauth_account', actor.userId);
      return wrongPassword();
    }
    await throttle.clear(['reauth_account'], actor.userId);
    return ok(user);
  }

  async function listSessions(actor: MemberActor): Promise<SessionInfo[]> {
    const now = clock.now();
    const rows = await accountsRepository.sessionsOf(db, actor.userId);
    return rows
      .filter((s) => s.expiresAt > now && s.absoluteExpiresAt > now)
      .sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime())
      .map((s) => ({
        id: s.id,
        label: s.label,
        createdAt: s.createdAt.toISOString(),
        lastUsedAt: s.lastUsedAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        current: s.id === actor.sessionId,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current));
  }

  async function recoveryCodesStatus(actor: MemberActor) {
    const status = await recoveryCodesRepository.status(db, actor.userId);
    return { remaining: status.remaining, createdAt: status.createdAt?.toISOString() ?? null };
  }

  return {
    async signup(
      body: SignupBody,
      client: ClientInfo,
      actor: MemberActor | null,
    ): Promise<Result<{ user: Me; recoveryCodes: string[]; session: IssuedSession }>> {
      const ipHash = await ipHasher.hash(client.ip);
      const wait = await throttle.retryAfter('signup_ip', ipHash);
      if (wait !== null) return rateLimited(wait);
      await throttle.hit('signup_ip', ipHash);

      const username = normaliseUsername(body.username);
      const key = usernameKey(username);
      const weak = passwordProblem(body.password, [username, key]);
      if (weak) return weakPassword(weak);
      if (await accountsRepository.findByKey(db, key)) return usernameTaken();

      const passwordHash = await hashPassword(body.password);
      const { codes, hashes } = generateRecoveryCodes();
      const now = clock.now();
      const user = await db.transaction(async (tx) => {
        const created = await accountsRepository.insertIfFree(tx, {
          username,
          usernameKey: key,
          passwordHash,
          role: 'member',
          locale: body.locale ?? 'nl',
          createdAt: now,
          updatedAt: now,
          passwordChangedAt: now,
          consentVersion: CONSENT_VERSION,
          ageConfirmedAt: now,
          rulesAcceptedAt: now,
          healthDataConsentAt: now,
        });
        if (created) await recoveryCodesRepository.replace(tx, created.id, hashes, now);
        return created;
      });
      // Someone else took the name between the check and the insert.
      if (!user) return usernameTaken();
      // This browser now belongs to the new account: whatever session it had ends.
      if (actor) {
        await sessions.invalidate(actor.sessionId);
        publisher.disconnect(rooms.session(actor.sessionId));
      }
      return ok({ user: await toMe(user), recoveryCodes: codes, session: await issueSession(user.id, client) });
    },

    async login(
      body: LoginBody,
      client: ClientInfo,
      actor: MemberActor | null,
    ): Promise<Result<{ user: Me; session: IssuedSession }>> {
      const ipHash = await ipHasher.hash(client.ip);
      const key = usernameKey(body.username);
      const account = accountSubject(key);
      const pair = pairSubject(account, ipHash);
      // Per source, per (account, source), and the per-account ceiling against distributed guessing:
      // wrong guesses from one address never block the owner on another (accounts.throttle.ts).
      const wait = await firstWait([
        ['login_ip', ipHash],
        ['login_pair', pair],
        ['login_account', account],
      ]);
      if (wait !== null) return rateLimited(wait);

      const user = await accountsRepository.findByKey(db, key);
      const valid = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, body.password);
      if (!user || !valid) {
        await throttle.hit('login_ip', ipHash);
        await throttle.hit('login_pair', pair);
        await throttle.hit('login_account', account);
        return fail('unauthenticated', 'invalid_credentials', 'The pseudonym or password is not right.');
      }
      await throttle.clear(['login_pair'], pair);
      const suspended = await ctx.postingGate.activeSanction(user.id, null);
      if (suspended) return suspended;
      // Rotation: whatever session this browser had ends; the login gets a fresh token.
      if (actor) {
        await sessions.invalidate(actor.sessionId);
        publisher.disconnect(rooms.session(actor.sessionId));
      }
      return ok({ user: await toMe(user), session: await issueSession(user.id, client) });
    },

    async logout(actor: MemberActor): Promise<void> {
      await sessions.invalidate(actor.sessionId);
      publisher.disconnect(rooms.session(actor.sessionId));
    },

    async recover(
      body: RecoverBody,
      client: ClientInfo,
    ): Promise<Result<{ user: Me; remainingRecoveryCodes: number; session: IssuedSession }>> {
      const ipHash = await ipHasher.hash(client.ip);
      const key = usernameKey(body.username);
      const account = accountSubject(key);
      const pair = pairSubject(account, ipHash);
      const wait = await firstWait([
        ['recover_ip', ipHash],
        ['recover_pair', pair],
      ]);
      if (wait !== null) return rateLimited(wait);
      // The per-account ceiling does not stop the owner: while it is reached a code is still checked (a
      // 50-bit code, and this source is still limited above), and only a wrong one is answered with 429.
      const ceiling = await throttle.retryAfter('recover_account', account);
      // Judged on the password alone, so the answer says nothing about the account.
      const weak = passwordProblem(body.newPassword, [normaliseUsername(body.username), key]);
      if (weak) return weakPassword(weak, 'newPassword');

      const user = await accountsRepository.findByKey(db, key);
      const codeHash = hashRecoveryCode(body.recoveryCode);
      const passwordHash = await hashPassword(body.newPassword);
      const now = clock.now();
      const recovered = await db.transaction(async (tx) => {
        const consumed = await recoveryCodesRepository.consume(tx, user?.id ?? NO_USER, codeHash);
        if (!user || !consumed) return null;
        await accountsRepository.update(tx, user.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
        // A reset ends every session, wherever it is.
        await accountsRepository.deleteSessions(tx, user.id);
        return user;
      });
      if (!recovered) {
        await throttle.hit('recover_ip', ipHash);
        await throttle.hit('recover_pair', pair);
        await throttle.hit('recover_account', account);
        if (ceiling !== null) return rateLimited(ceiling);
        return fail('unauthenticated', 'invalid_credentials', 'The pseudonym or recovery code is not right.');
      }
      // The owner proved who they are (and has a new password): every count against the account starts again.
      await throttle.clear(['recover_account', 'login_account'], account);
      await throttle.clear(['recover_pair', 'login_pair'], pair);
      await throttle.clear(['reauth_account'], recovered.id);
      publisher.disconnect(rooms.member(recovered.id));
      const { remaining } = await recoveryCodesRepository.status(db, recovered.id);
      return ok({
        user: await toMe(recovered),
        remainingRecoveryCodes: remaining,
        session: await issueSession(recovered.id, client),
      });
    },

    async me(actor: MemberActor): Promise<Me> {
      return toMe({ id: actor.userId, ...actor });
    },

    async updateMe(actor: MemberActor, body: UpdateMeBody): Promise<Result<Me>> {
      const now = clock.now();
      const patch: Parameters<typeof accountsRepository.update>[2] = { updatedAt: now };
      if (body.username !== undefined) {
        const username = normaliseUsername(body.username);
        const key = usernameKey(username);
        if (key !== usernameKey(actor.username) && (await accountsRepository.findByKey(db, key))) {
          return usernameTaken();
        }
        patch.username = username;
        patch.usernameKey = key;
      }
      if (body.locale !== undefined) patch.locale = body.locale;
      let user: UserRow | null;
      try {
        user = await accountsRepository.update(db, actor.userId, patch);
      } catch (error) {
        if (isUniqueViolation(error)) return usernameTaken();
        throw error;
      }
      if (!user) return signedOut();
      return ok(await toMe(user));
    },

    async changePassword(
      actor: MemberActor,
      body: { currentPassword: string; newPassword: string },
      client: ClientInfo,
    ): Promise<Result<IssuedSession>> {
      const weak = passwordProblem(body.newPassword, [actor.username, usernameKey(actor.username)]);
      if (weak) return weakPassword(weak, 'newPassword');
      const confirmed = await confirmPassword(actor, body.currentPassword);
      if (!confirmed.ok) return confirmed;
      const passwordHash = await hashPassword(body.newPassword);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await accountsRepository.update(tx, actor.userId, { passwordHash, passwordChangedAt: now, updatedAt: now });
        // Rotation, and every other device has to sign in with the new password.
        await accountsRepository.deleteSessions(tx, actor.userId);
      });
      publisher.disconnect(rooms.member(actor.userId));
      return ok(await issueSession(actor.userId, client));
    },

    recoveryCodesStatus,

    async regenerateRecoveryCodes(actor: MemberActor, password: string): Promise<Result<string[]>> {
      const confirmed = await confirmPassword(actor, password);
      if (!confirmed.ok) return confirmed;
      const { codes, hashes } = generateRecoveryCodes();
      await db.transaction((tx) => recoveryCodesRepository.replace(tx, actor.userId, hashes, clock.now()));
      return ok(codes);
    },

    listSessions,

    /** Ends one of the member's sessions; `current` says whether it was the one making the request. */
    async revokeSession(actor: MemberActor, sessionId: string): Promise<Result<{ current: boolean }>> {
      const session = await accountsRepository.findSession(db, actor.userId, sessionId);
      if (!session || !canRevokeSession(actor, session)) {
        return fail('not_found', 'not_found', 'There is no such session.');
      }
      await sessions.invalidate(session.id);
      publisher.disconnect(rooms.session(session.id));
      return ok({ current: session.id === actor.sessionId });
    },

    async revokeOtherSessions(actor: MemberActor): Promise<void> {
      await sessions.invalidateAllForUser(actor.userId, actor.sessionId);
      publisher.disconnect(rooms.member(actor.userId), { except: rooms.session(actor.sessionId) });
    },

    confirmPassword,

    /** A few free, friendly pseudonyms to choose from. */
    async suggestUsernames(count = 4): Promise<string[]> {
      const free: string[] = [];
      for (const withNumber of [false, true, true]) {
        const candidates = pseudonymCandidates(count * 2, withNumber).filter((name) => usernameProblem(name) === null);
        const taken = await accountsRepository.takenKeys(db, candidates.map(usernameKey));
        for (const name of candidates) {
          if (free.length < count && !taken.has(usernameKey(name)) && !free.includes(name)) free.push(name);
        }
        if (free.length >= count) break;
      }
      return free;
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

/** A unique index refused the write (PostgreSQL error 23505), however deep the driver wrapped it. */
function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
