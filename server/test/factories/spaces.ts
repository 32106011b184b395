/**
 * Test factories: spaces and memberships inserted directly, so tests of any domain can set up a space
 * in any state (visibility, archived) without going through the admin API.
 */
import { randomBytes } from 'node:crypto';
import { spaceMembers, spaces } from '../../src/db/schema';
import type { ZodApp } from '../../src/context';

export type TestSpace = typeof spaces.$inferSelect;

export async function createSpace(
  app: ZodApp,
  overrides: Partial<typeof spaces.$inferInsert> = {},
): Promise<TestSpace> {
  const slug = overrides.slug ?? `ruimte-${randomBytes(4).toString('hex')}`;
  const [space] = await app.kring.database.db
    .insert(spaces)
    .values({ slug, name: `Ruimte ${slug}`, description: 'Een ruimte om te testen.', ...overrides })
    .returning();
  if (!space) throw new Error('could not create space');
  return space;
}

export async function addMembership(
  app: ZodApp,
  spaceId: string,
  userId: string,
  status: 'pending' | 'approved' | 'rejected' = 'approved',
  message = '',
): Promise<void> {
  await app.kring.database.db.insert(spaceMembers).values({ spaceId, userId, status, message });
}
