/**
 * Staff accounts made outside the web app: the first admin comes from the CLI (`npm run kring --
 * admin create <name>`). Same rules as sign-up, except that staff may use reserved names ("beheerder").
 */
import { normaliseUsername, usernameKey, usernameProblem, usernameProblemMessages, type Me } from '@kring/shared';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { randomBytes } from 'node:crypto';
import { demoUsers } from '../../db/seed/demo-content';
import { hashPassword, verifyPassword } from '../../lib/password';
import { passwordProblem } from '../../lib/password-strength';
import { fail, ok, type Result } from '../../lib/result';
import { accountsRepository, recoveryCodesRepository } from './accounts.repository';
import { generateRecoveryCodes } from './accounts.recovery-codes';

/** Checks name and password before anything touches the database. */
export function checkAdminInput(username: string, password: string): Result<{ username: string }> {
  const name = normaliseUsername(username);
  const nameProblem = usernameProblem(name, { allowReserved: true });
  if (nameProblem)
    return fail('invalid', 'validation_failed', `The pseudonym ${usernameProblemMessages[nameProblem]}.`);
  const weak = passwordProblem(password, [name, usernameKey(name)]);
  if (weak === 'too_short') return fail('invalid', 'weak_password', 'The password needs at least 10 characters.');
  if (weak === 'too_long') return fail('invalid', 'weak_password', 'The password may have at most 256 characters.');
  if (weak)
    return fail('invalid', 'weak_password', 'The password is too easy to guess; a few unrelated words work well.');
  return ok({ username: name });
}

export async function createAdmin(
  db: Db,
  clock: Clock,
  input: { username: string; password: string },
): Promise<Result<{ user: Pick<Me, 'id' | 'username' | 'role'>; recoveryCodes: string[] }>> {
  const checked = checkAdminInput(input.username, input.password);
  if (!checked.ok) return checked;
  const { username } = checked.value;
  const passwordHash = await hashPassword(input.password);
  const { codes, hashes } = generateRecoveryCodes();
  const now = clock.now();
  const user = await db.transaction(async (tx) => {
    const created = await accountsRepository.insertIfFree(tx, {
      username,
      usernameKey: usernameKey(username),
      passwordHash,
      role: 'admin',
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    });
    if (created) await recoveryCodesRepository.replace(tx, created.id, hashes, now);
    return created;
  });
  if (!user) return fail('conflict', 'username_taken', `The pseudonym "${username}" is already in use.`);
  return ok({ user: { id: user.id, username: user.username, role: user.role }, recoveryCodes: codes });
}

/** Makes an existing account an admin. */
export async function promoteToAdmin(db: Db, clock: Clock, username: string): Promise<Result<{ username: string }>> {
  const user = await accountsRepository.findByKey(db, usernameKey(username));
  if (!user) return fail('not_found', 'not_found', `There is no account "${normaliseUsername(username)}".`);
  await accountsRepository.update(db, user.id, { role: 'admin', updatedAt: clock.now() });
  return ok({ username: user.username });
}

/**
 * The demo accounts that still have the password printed in the source (and in the start banner): in
 * production nobody may be able to sign in with them (the server refuses to start, see main.ts).
 */
export async function demoAccountsWithPublishedPassword(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const demo of demoUsers) {
    const user = await accountsRepository.findByKey(db, usernameKey(demo.username));
    if (user?.passwordHash && (await verifyPassword(user.passwordHash, demo.password))) found.push(user.username);
  }
  return found;
}

/** Gives every demo account that still has its published password a random one nobody knows, and signs it out. */
export async function lockDemoAccounts(db: Db, clock: Clock): Promise<string[]> {
  const locked = await demoAccountsWithPublishedPassword(db);
  for (const username of locked) {
    const user = await accountsRepository.findByKey(db, usernameKey(username));
    if (!user) continue;
    const now = clock.now();
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    await db.transaction(async (tx) => {
      await accountsRepository.update(tx, user.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
      await accountsRepository.deleteSessions(tx, user.id);
    });
  }
  return locked;
}
