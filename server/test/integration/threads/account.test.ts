/**
 * Deleting an account (erase / anonymise) and exporting one's data, through the hooks the accounts feature
 * calls (posts.account.ts). The deletion is driven here the way the accounts service does it: the hook
 * inside the transaction, then the account row, then the returned after-commit function.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRevisions, posts, reactions, users } from '../../../src/db/schema';
import { threadsAccountHooks, type AccountDeletionMode } from '../../../src/modules/posts/posts.account';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor } from '../../helpers/socket';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, replyTo, spaceCounters, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let baseUrl: string;
let space: SpaceRow;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  baseUrl = await listen(t.app);
  space = await createTestSpace(t.app, { slug: 'afscheid' });
});
afterAll(async () => {
  await t.close();
});

async function deleteAccount(member: TestMember, mode: AccountDeletionMode): Promise<void> {
  const hooks = threadsAccountHooks(t.app.kring);
  const afterCommit = await t.app.kring.database.db.transaction(async (tx) => {
    const publish = await hooks.onDelete(tx, member.id, mode);
    await tx.delete(users).where(eq(users.id, member.id));
    return publish;
  });
  afterCommit();
}

const get = (url: string) => t.app.inject({ method: 'GET', url });
const spaceRow = () => spaceCounters(t.app, space.id);

describe('erasing an account', () => {
  it('removes the text of every own post, keeps their places, and corrects every counter', async () => {
    const leaving = await createMember(t.app);
    const staying = await createMember(t.app);
    const { thread, post: opening } = await startThread(t.app, leaving, 'afscheid', { body: 'Mijn verhaal' });
    const reply = await replyTo(t.app, leaving, thread.id, { body: 'Nog iets persoonlijks', anonymous: true });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${reply.id}`,
      headers: { cookie: leaving.cookie },
      payload: { body: 'Aangepast persoonlijk' },
    });
    const kept = await replyTo(t.app, staying, thread.id, { body: 'Sterkte' });
    await t.app.inject({
      method: 'PUT',
      url: `/api/posts/${kept.id}/reactions/steun`,
      headers: { cookie: leaving.cookie },
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/posts/${kept.id}/reactions/dank`,
      headers: { cookie: leaving.cookie },
    });
    const before = await spaceRow();

    const watcher = openSocket(baseUrl);
    try {
      await waitFor(watcher, 'hello');
      await watcher.timeout(3_000).emitWithAck('thread:join', { threadId: thread.id });
      const removedEvents: number[] = [];
      watcher.on('post:removed', ({ number }) => removedEvents.push(number));
      const reacted = waitFor(watcher, 'reactions:updated');
      await deleteAccount(leaving, 'erase');
      expect(await reacted).toMatchObject({ postId: kept.id, reactions: { steun: 0, dank: 0 } });
      await expect.poll(() => removedEvents.sort()).toEqual([1, 2]);
    } finally {
      watcher.close();
    }

    const page = (await get(`/api/threads/${thread.id}/posts`)).json();
    expect(page.items.map((p: { number: number; status: string }) => [p.number, p.status])).toEqual([
      [1, 'removed'],
      [2, 'removed'],
      [3, 'published'],
    ]);
    expect(page.items[0]).not.toHaveProperty('html');
    expect(page.items[2].reactions).toEqual({ steun: 0, herkenning: 0, dank: 0 });

    const stored = await t.app.kring.database.db.select().from(posts).where(eq(posts.threadId, thread.id));
    for (const id of [opening.id, reply.id]) {
      const row = stored.find((p) => p.id === id);
      expect(row).toMatchObject({ source: '', html: '', status: 'removed', authorId: null });
    }
    expect(
      await t.app.kring.database.db.select().from(postRevisions).where(eq(postRevisions.postId, reply.id)),
    ).toEqual([]);
    expect(await t.app.kring.database.db.select().from(reactions).where(eq(reactions.postId, kept.id))).toEqual([]);

    const detail = (await get(`/api/threads/${thread.id}`)).json();
    expect(detail.thread).toMatchObject({ replyCount: 1, author: { kind: 'former' } });
    const after = await spaceRow();
    expect(after?.postCount).toBe((before?.postCount ?? 0) - 2);
    expect(JSON.stringify(page)).not.toMatch(/Mijn verhaal|persoonlijk/);
  });
});

describe('anonymising an account', () => {
  it('keeps the posts, shown as a former member (or still by their alias)', async () => {
    const leaving = await createMember(t.app, { username: 'Vertrekkende_Zwaan' });
    const staying = await createMember(t.app);
    const { thread } = await startThread(t.app, leaving, 'afscheid', { body: 'Blijft staan' });
    await replyTo(t.app, leaving, thread.id, { body: 'Anoniem blijft', anonymous: true });
    const kept = await replyTo(t.app, staying, thread.id);
    await t.app.inject({
      method: 'PUT',
      url: `/api/posts/${kept.id}/reactions/herkenning`,
      headers: { cookie: leaving.cookie },
    });
    const before = await spaceRow();

    await deleteAccount(leaving, 'anonymise');

    const page = (await get(`/api/threads/${thread.id}/posts`)).json();
    expect(page.items[0]).toMatchObject({
      author: { kind: 'former' },
      html: '<p>Blijft staan</p>',
      status: 'published',
    });
    expect(page.items[1]).toMatchObject({ author: { kind: 'anonymous', alias: 'A' }, html: '<p>Anoniem blijft</p>' });
    expect(page.items[2].reactions.herkenning).toBe(0);
    expect(JSON.stringify(page)).not.toContain('Vertrekkende_Zwaan');
    expect((await spaceRow())?.postCount).toBe(before?.postCount);
  });
});

describe('exporting one’s data', () => {
  it('includes own threads, posts (anonymous ones too, with their source) and reactions', async () => {
    const member = await createMember(t.app);
    const other = await createMember(t.app);
    const { thread } = await startThread(t.app, member, 'afscheid', { title: 'Mijn eigen draad', body: '**Eerste**' });
    await replyTo(t.app, member, thread.id, { body: 'Anoniem van mij', anonymous: true });
    const theirs = await replyTo(t.app, other, thread.id);
    await t.app.inject({
      method: 'PUT',
      url: `/api/posts/${theirs.id}/reactions/dank`,
      headers: { cookie: member.cookie },
    });

    const section = await threadsAccountHooks(t.app.kring).exportSection(t.app.kring.database.db, member.id);
    expect(section.threads).toEqual([
      expect.objectContaining({ id: thread.id, title: 'Mijn eigen draad', space: 'afscheid' }),
    ]);
    expect(section.posts.map((p) => [p.number, p.source, p.anonymous, p.alias])).toEqual([
      [1, '**Eerste**', false, null],
      [2, 'Anoniem van mij', true, 'A'],
    ]);
    expect(section.reactions).toEqual([expect.objectContaining({ postId: theirs.id, kind: 'dank' })]);
    expect(JSON.parse(JSON.stringify(section))).toEqual(section);
  });
});
