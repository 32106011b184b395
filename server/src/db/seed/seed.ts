/**
 * Seeds demo content into an empty database (first start), so a new instance has something to show.
 * Does nothing when any space or user already exists.
 */
import { count } from 'drizzle-orm';
import type { Db } from '../client';
import { hashPassword } from '../../lib/password';
import { usernameKey } from '../../lib/username';
import { spaceModerators, spaces, users } from '../schema';
import { demoModeratedSlugs, demoSpaces, demoUsers } from './demo-content';

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: string }[];
}

export async function seedIfEmpty(db: Db): Promise<SeedResult> {
  const [spaceCount] = await db.select({ n: count() }).from(spaces);
  const [userCount] = await db.select({ n: count() }).from(users);
  if ((spaceCount?.n ?? 0) > 0 || (userCount?.n ?? 0) > 0) return { seeded: false, logins: [] };

  const hashed = await Promise.all(
    demoUsers.map(async (u) => ({ ...u, passwordHash: await hashPassword(u.password) })),
  );
  await db.transaction(async (tx) => {
    const createdUsers = await tx
      .insert(users)
      .values(
        hashed.map((u) => ({
          username: u.username,
          usernameKey: usernameKey(u.username),
          passwordHash: u.passwordHash,
          role: u.role,
        })),
      )
      .returning();
    const createdSpaces = await tx.insert(spaces).values(demoSpaces).returning();
    const moderator = createdUsers.find((u) => u.username === 'demo-moderator');
    if (moderator) {
      await tx
        .insert(spaceModerators)
        .values(
          createdSpaces
            .filter((s) => demoModeratedSlugs.includes(s.slug))
            .map((s) => ({ spaceId: s.id, userId: moderator.id })),
        );
    }
  });
  return { seeded: true, logins: demoUsers.map(({ username, password, role }) => ({ username, password, role })) };
}
