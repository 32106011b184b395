/**
 * Test factories for threads: spaces in any state (inserted directly, so these tests don't depend on the
 * spaces admin API), closed-space memberships, and threads/replies written through the real HTTP API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { spaceMembers, spaces } from '../../src/db/schema';
import type { ZodApp } from '../../src/context';
import { spacesRepository } from '../../src/modules/spaces/spaces.repository';
import type { TestMember } from './members';

export type SpaceRow = typeof spaces.$inferSelect;

export async function createTestSpace(
  app: ZodApp,
  options: Partial<
    Pick<SpaceRow, 'slug' | 'name' | 'visibility' | 'allowAnonymous' | 'archivedAt' | 'postingPolicy'>
  > = {},
): Promise<SpaceRow> {
  const slug = options.slug ?? `ruimte-${randomBytes(4).toString('hex')}`;
  const [space] = await app.kring.database.db
    .insert(spaces)
    .values({
      slug,
      name: options.name ?? `Ruimte ${slug}`,
      description: 'Een ruimte voor tests.',
      rules: 'Wees aardig.',
      visibility: options.visibility ?? 'public',
      allowAnonymous: options.allowAnonymous ?? true,
      postingPolicy: options.postingPolicy ?? 'open',
      archivedAt: options.archivedAt ?? null,
    })
    .returning();
  if (!space) throw new Error('could not create space');
  return space;
}

export async function addMembership(
  app: ZodApp,
  spaceId: string,
  userId: string,
  status: 'pending' | 'approved' | 'rejected' = 'approved',
): Promise<void> {
  await app.kring.database.db.insert(spaceMembers).values({ spaceId, userId, status });
}

export const key = () => `k-${randomUUID()}`;

/** Starts a thread through the API and returns the parsed `{ thread, post }`. */
export async function startThread(
  app: ZodApp,
  member: TestMember,
  slug: string,
  body: Partial<{
    title: string;
    body: string;
    anonymous: boolean;
    intent: string | null;
    idempotencyKey: string;
  }> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/spaces/${slug}/threads`,
    headers: { cookie: member.cookie },
    payload: { title: 'Een vraag over nazorg', body: 'Hoe gaan jullie hiermee om?', idempotencyKey: key(), ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{
    thread: { id: string; [k: string]: unknown };
    post: { id: string; number: number; [k: string]: unknown };
  }>();
}

/** Replies through the API and returns the parsed post. */
export async function replyTo(
  app: ZodApp,
  member: TestMember,
  threadId: string,
  body: Partial<{ body: string; anonymous: boolean; idempotencyKey: string }> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/posts`,
    headers: { cookie: member.cookie },
    payload: { body: 'Herkenbaar, sterkte!', idempotencyKey: key(), ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ post: { id: string; number: number; [k: string]: unknown } }>().post;
}

/**
 * A space row with its exact counters as the API reads them (the folded columns plus the changes not yet
 * folded from `space_counter_deltas`).
 */
export async function spaceCounters(app: ZodApp, spaceId: string): Promise<SpaceRow | undefined> {
  return (await spacesRepository.findById(app.kring.database.db, spaceId)) ?? undefined;
}
