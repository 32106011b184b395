/**
 * Live threads over real Socket.IO clients: new posts, edits, removals and reactions reach everyone in
 * the thread; the reader count and the anonymous typing indicator; catch-up after a reconnect without
 * gaps or duplicates; space rooms hear about new threads.
 */
import type { Post } from '@kring/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, threads } from '../../../src/db/schema';
import { CATCH_UP_MAX } from '../../../src/modules/threads/threads.socket';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../../helpers/socket';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, replyTo, startThread } from '../../factories/threads';

let t: TestApp;
let baseUrl: string;
let alice: TestMember;
let bob: TestMember;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  baseUrl = await listen(t.app);
  await createTestSpace(t.app, { slug: 'live' });
  alice = await createMember(t.app, { username: 'Alice_Live' });
  bob = await createMember(t.app, { username: 'Bob_Live' });
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t.close();
});

async function connect(member?: TestMember): Promise<TestSocket> {
  const socket = openSocket(baseUrl, member ? { cookie: member.cookie } : {});
  open.push(socket);
  await waitFor(socket, 'hello');
  return socket;
}

function join(socket: TestSocket, threadId: string, lastSeenNumber?: number) {
  return socket
    .timeout(3_000)
    .emitWithAck('thread:join', lastSeenNumber === undefined ? { threadId } : { threadId, lastSeenNumber });
}

/** Numbers of the post:created events a socket receives, in arrival order. */
function createdNumbers(socket: TestSocket): number[] {
  const seen: number[] = [];
  socket.on('post:created', ({ post }) => seen.push(post.number));
  return seen;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live posts', () => {
  it('delivers a reply (rendered, public view) to everyone in the thread, after it is committed', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    const reader = await connect();
    expect(await join(reader, thread.id)).toEqual({ ok: true, latestNumber: 1, complete: true });

    const arrived = new Promise<{ post: Post; visibleOverHttp: boolean }>((resolve) => {
      reader.once('post:created', ({ post }) => {
        // Published after commit: the post is already readable when the event arrives.
        void t.app
          .inject({ method: 'GET', url: `/api/threads/${thread.id}/posts?after=${post.number - 1}` })
          .then((res) =>
            resolve({ post, visibleOverHttp: res.json().items.some((p: Post) => p.number === post.number) }),
          );
      });
    });
    const started = Date.now();
    await replyTo(t.app, bob, thread.id, { body: 'Heel **herkenbaar**' });
    const { post, visibleOverHttp } = await arrived;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(visibleOverHttp).toBe(true);
    expect(post).toMatchObject({
      threadId: thread.id,
      number: 2,
      html: '<p>Heel <strong>herkenbaar</strong></p>',
      author: { kind: 'member', username: 'Bob_Live' },
      mine: false,
      myReactions: [],
    });
    expect(post).not.toHaveProperty('source');
  });

  it('delivers edits, reactions and removals', async () => {
    const { thread, post } = await startThread(t.app, alice, 'live');
    const reader = await connect(bob);
    await join(reader, thread.id);

    const updated = waitFor<{ post: Post }>(reader, 'post:updated');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      headers: { cookie: alice.cookie },
      payload: { body: 'Bijgewerkt' },
    });
    expect((await updated).post).toMatchObject({ id: post.id, html: '<p>Bijgewerkt</p>' });

    const reacted = waitFor(reader, 'reactions:updated');
    await t.app.inject({ method: 'PUT', url: `/api/posts/${post.id}/reactions/dank`, headers: { cookie: bob.cookie } });
    expect(await reacted).toEqual({
      threadId: thread.id,
      postId: post.id,
      reactions: { steun: 0, herkenning: 0, dank: 1 },
    });

    const removed = waitFor(reader, 'post:removed');
    await t.app.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: { cookie: alice.cookie } });
    expect(await removed).toEqual({ threadId: thread.id, postId: post.id, number: 1, status: 'removed' });
  });

  it('stops delivering after thread:leave', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    const reader = await connect();
    await join(reader, thread.id);
    expect(await reader.timeout(3_000).emitWithAck('thread:leave', { threadId: thread.id })).toEqual({ ok: true });
    const seen = createdNumbers(reader);
    await replyTo(t.app, bob, thread.id);
    await sleep(200);
    expect(seen).toEqual([]);
  });

  it('refuses malformed and unknown joins', async () => {
    const socket = await connect();
    expect(await socket.timeout(3_000).emitWithAck('thread:join', { threadId: 42 } as never)).toEqual({
      ok: false,
      error: 'invalid',
    });
    expect(await join(socket, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, error: 'not_found' });
    expect(await join(socket, 'geen-id')).toEqual({ ok: false, error: 'not_found' });
    expect(await socket.timeout(3_000).emitWithAck('space:join', { slug: 'bestaat-niet' })).toEqual({
      ok: false,
      error: 'not_found',
    });
  });
});

describe('catch-up after a reconnect', () => {
  it('sends exactly the missed posts, in order, before the acknowledgement; then live posts once', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    await replyTo(t.app, bob, thread.id);
    await replyTo(t.app, bob, thread.id); // posts 1–3 seen before the connection dropped

    await replyTo(t.app, alice, thread.id);
    await replyTo(t.app, bob, thread.id);
    await replyTo(t.app, alice, thread.id); // 4–6 missed while away

    const socket = await connect(bob);
    const seen = createdNumbers(socket);
    const ack = await join(socket, thread.id, 3);
    expect(ack).toEqual({ ok: true, latestNumber: 6, complete: true });
    expect(seen).toEqual([4, 5, 6]);

    await replyTo(t.app, alice, thread.id);
    await expect.poll(() => seen).toEqual([4, 5, 6, 7]);
    await sleep(100);
    expect(seen).toEqual([4, 5, 6, 7]);
  });

  it('shows the rejoining reader their own posts as theirs', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    await replyTo(t.app, bob, thread.id);
    const socket = await connect(bob);
    const missed: Post[] = [];
    socket.on('post:created', ({ post }) => missed.push(post));
    await join(socket, thread.id, 0);
    expect(missed.map((p) => [p.number, p.mine])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('does not send held posts of others', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    // A held post (issue 5 will create these through the posting gate), written directly.
    await t.app.kring.database.db.transaction(async (tx) => {
      const [row] = await tx
        .update(threads)
        .set({ postCount: sql`${threads.postCount} + 1` })
        .where(eq(threads.id, thread.id))
        .returning();
      await tx.insert(posts).values({
        threadId: thread.id,
        number: row?.postCount ?? 0,
        authorId: alice.id,
        source: 'wacht',
        html: '<p>wacht</p>',
        status: 'pending',
      });
    });
    const other = await connect(bob);
    const otherSeen = createdNumbers(other);
    expect(await join(other, thread.id, 0)).toEqual({ ok: true, latestNumber: 1, complete: true });
    expect(otherSeen).toEqual([1]);
    const author = await connect(alice);
    const authorSeen = createdNumbers(author);
    expect(await join(author, thread.id, 0)).toEqual({ ok: true, latestNumber: 2, complete: true });
    expect(authorSeen).toEqual([1, 2]);
  });

  it(`sends at most ${CATCH_UP_MAX} posts and says when there is more`, async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    const total = CATCH_UP_MAX + 10;
    await t.app.kring.database.db.transaction(async (tx) => {
      await tx.insert(posts).values(
        Array.from({ length: total - 1 }, (_, i) => ({
          threadId: thread.id,
          number: i + 2,
          authorId: bob.id,
          source: `r${i}`,
          html: `<p>r${i}</p>`,
        })),
      );
      await tx.update(threads).set({ postCount: total, lastPostNumber: total }).where(eq(threads.id, thread.id));
    });
    const socket = await connect();
    const seen = createdNumbers(socket);
    expect(await join(socket, thread.id, 0)).toEqual({ ok: true, latestNumber: total, complete: false });
    expect(seen).toHaveLength(CATCH_UP_MAX);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(CATCH_UP_MAX);
  });
});

describe('presence and typing', () => {
  it('counts readers, members once however many tabs, and updates when someone leaves', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    const first = await connect(alice);
    const counts: number[] = [];
    first.on('thread:presence', ({ readers }) => counts.push(readers));
    await join(first, thread.id);
    await expect.poll(() => counts.at(-1)).toBe(1);

    const guest = await connect();
    await join(guest, thread.id);
    await expect.poll(() => counts.at(-1)).toBe(2);

    const secondTab = await connect(alice);
    await join(secondTab, thread.id);
    await sleep(100);
    expect(counts.at(-1)).toBe(2);

    guest.close();
    await expect.poll(() => counts.at(-1)).toBe(1);
  });

  it('tells the others that someone is typing, without saying who, at most every 2 seconds', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    const writer = await connect(alice);
    const reader = await connect(bob);
    const guest = await connect();
    await join(writer, thread.id);
    await join(reader, thread.id);
    await join(guest, thread.id);
    const heardByReader: unknown[] = [];
    const heardByWriter: unknown[] = [];
    reader.on('thread:typing', (payload) => heardByReader.push(payload));
    writer.on('thread:typing', (payload) => heardByWriter.push(payload));

    expect(await writer.timeout(3_000).emitWithAck('thread:typing', { threadId: thread.id })).toEqual({ ok: true });
    expect(await writer.timeout(3_000).emitWithAck('thread:typing', { threadId: thread.id })).toEqual({ ok: true });
    await expect.poll(() => heardByReader.length).toBe(1);
    await sleep(150);
    expect(heardByReader).toEqual([{ threadId: thread.id }]);
    expect(heardByWriter).toEqual([]);

    // Guests cannot type, and nobody types into a thread they have not joined.
    expect(await guest.timeout(3_000).emitWithAck('thread:typing', { threadId: thread.id })).toEqual({
      ok: false,
      error: 'not_joined',
    });
    const outsider = await connect(bob);
    expect(await outsider.timeout(3_000).emitWithAck('thread:typing', { threadId: thread.id })).toEqual({
      ok: false,
      error: 'not_joined',
    });
  });
});

describe('space rooms', () => {
  it('hear about new threads and activity in threads', async () => {
    const { thread } = await startThread(t.app, alice, 'live');
    const socket = await connect();
    expect(await socket.timeout(3_000).emitWithAck('space:join', { slug: 'live' })).toEqual({ ok: true });

    const created = waitFor<{ slug: string; thread: { title: string } }>(socket, 'space:thread_created');
    await startThread(t.app, bob, 'live', { title: 'Live aangemaakt' });
    expect(await created).toMatchObject({ slug: 'live', thread: { title: 'Live aangemaakt', replyCount: 0 } });

    const updated = waitFor<{ thread: { id: string; replyCount: number } }>(socket, 'thread:updated');
    await replyTo(t.app, bob, thread.id);
    expect((await updated).thread).toMatchObject({ id: thread.id, replyCount: 1, lastPostNumber: 2 });

    expect(await socket.timeout(3_000).emitWithAck('space:leave', { slug: 'live' })).toEqual({ ok: true });
  });
});
