/** Reactions: steun, herkenning and dank — one of each per member per post, idempotent, counted. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaces } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, startThread } from '../../factories/threads';

let t: TestApp;
let author: TestMember;
let reader: TestMember;
let second: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  await createTestSpace(t.app, { slug: 'steun' });
  author = await createMember(t.app);
  reader = await createMember(t.app);
  second = await createMember(t.app);
});
afterAll(async () => {
  await t.close();
});

const react = (method: 'PUT' | 'DELETE', postId: string, kind: string, member: TestMember | null) =>
  t.app.inject({
    method,
    url: `/api/posts/${postId}/reactions/${kind}`,
    headers: member ? { cookie: member.cookie } : {},
  });

describe('PUT / DELETE /api/posts/:id/reactions/:kind', () => {
  it('adds and removes reactions idempotently, one of each kind per member', async () => {
    const { post } = await startThread(t.app, author, 'steun');
    const first = await react('PUT', post.id, 'steun', reader);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ reactions: { steun: 1, herkenning: 0, dank: 0 }, myReactions: ['steun'] });
    const repeat = await react('PUT', post.id, 'steun', reader);
    expect(repeat.json().reactions.steun).toBe(1);
    await react('PUT', post.id, 'dank', reader);
    const other = await react('PUT', post.id, 'steun', second);
    expect(other.json()).toEqual({ reactions: { steun: 2, herkenning: 0, dank: 1 }, myReactions: ['steun'] });

    const removed = await react('DELETE', post.id, 'steun', reader);
    expect(removed.json()).toEqual({ reactions: { steun: 1, herkenning: 0, dank: 1 }, myReactions: ['dank'] });
    const removedAgain = await react('DELETE', post.id, 'steun', reader);
    expect(removedAgain.statusCode).toBe(200);
    expect(removedAgain.json().reactions.steun).toBe(1);
  });

  it("shows counts to everyone and each member's own reactions to them only", async () => {
    const { thread, post } = await startThread(t.app, author, 'steun');
    await react('PUT', post.id, 'herkenning', reader);
    const asReader = await t.app.inject({
      method: 'GET',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: reader.cookie },
    });
    expect(asReader.json().items[0]).toMatchObject({
      reactions: { steun: 0, herkenning: 1, dank: 0 },
      myReactions: ['herkenning'],
    });
    const asGuest = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}/posts` });
    expect(asGuest.json().items[0]).toMatchObject({ reactions: { herkenning: 1 }, myReactions: [] });
  });

  it('needs a session (401)', async () => {
    const { post } = await startThread(t.app, author, 'steun');
    expect((await react('PUT', post.id, 'steun', null)).statusCode).toBe(401);
    expect((await react('DELETE', post.id, 'steun', null)).statusCode).toBe(401);
  });

  it('refuses reactions to your own post (403 own_post)', async () => {
    const { post } = await startThread(t.app, author, 'steun');
    const res = await react('PUT', post.id, 'dank', author);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('own_post');
  });

  it('refuses reactions to a removed post (403 post_not_published) for the moderator who can still see it', async () => {
    const moderatorSpace = await createTestSpace(t.app);
    const moderator = await createMember(t.app, { moderatorOf: [moderatorSpace.id] });
    const { post } = await startThread(t.app, author, moderatorSpace.slug);
    await t.app.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: { cookie: author.cookie } });
    const res = await react('PUT', post.id, 'steun', moderator);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('post_not_published');
    // For everyone else a removed post still exists as a stub, but there is nothing to react to.
    expect((await react('PUT', post.id, 'steun', reader)).statusCode).toBe(403);
  });

  it('refuses reactions in an archived space (403 space_archived)', async () => {
    const archived = await createTestSpace(t.app);
    const { post } = await startThread(t.app, author, archived.slug);
    await t.app.kring.database.db.update(spaces).set({ archivedAt: new Date() }).where(eq(spaces.id, archived.id));
    const res = await react('PUT', post.id, 'steun', reader);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('space_archived');
  });

  it('is a 404 for unknown posts and posts in spaces the member cannot see', async () => {
    expect((await react('PUT', '00000000-0000-4000-8000-000000000000', 'steun', reader)).statusCode).toBe(404);
    expect((await react('PUT', 'kapot', 'steun', reader)).statusCode).toBe(404);
    const closed = await createTestSpace(t.app, { visibility: 'closed' });
    const admin = await createMember(t.app, { role: 'admin' });
    const { post } = await startThread(t.app, admin, closed.slug);
    expect((await react('PUT', post.id, 'steun', reader)).statusCode).toBe(404);
  });

  it('refuses unknown kinds (400): no likes, no downvotes', async () => {
    const { post } = await startThread(t.app, author, 'steun');
    expect((await react('PUT', post.id, 'like', reader)).statusCode).toBe(400);
    expect((await react('PUT', post.id, 'downvote', reader)).statusCode).toBe(400);
  });
});
