/**
 * Test factories for threads: spaces in any state (inserted directly, so these tests don't depend on the
 * spaces admin API), closed-space memberships, and threads/replies written through the real HTTP API.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ZodApp } from '../../src/context';
import { spacesRepository } from '../../src/modules/spaces/spaces.repository';
import type { TestMember } from './members';
import { addMembership, createSpace, type TestSpace } from './spaces';

export type SpaceRow = TestSpace;
export { addMembership };

/** A space for thread tests: public, anonymous posts allowed and open posting unless said otherwise. */
export function createTestSpace(
  app: ZodApp,
  options: Partial<
    Pick<SpaceRow, 'slug' | 'name' | 'visibility' | 'allowAnonymous' | 'archivedAt' | 'postingPolicy'>
  > = {},
): Promise<SpaceRow> {
  return createSpace(app, {
    description: 'Een ruimte voor tests.',
    rules: 'Wees aardig.',
    visibility: 'public',
    allowAnonymous: true,
    postingPolicy: 'open',
    ...options,
  });
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
