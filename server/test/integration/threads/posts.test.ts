/** Replies, reading a thread by number (after / before / around), editing with history, deleting own posts. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRevisions, posts, spaces, threads } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, key, replyTo, spaceCounters, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let space: SpaceRow;
let opener: TestMember;
let replier: TestMember;
let moderator: TestMember;

beforeAll(async () => {
  // Throttling is covered in its own test below; here members post a lot.
  t = await buildTestApp({ rateLimits: false });
  space = await createTestSpace(t.app, { slug: 'tinnitus' });
  opener = await createMember(t.app);
  replier = await createMember(t.app);
  moderator = await createMember(t.app, { moderatorOf: [space.id] });
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, member?: TestMember) =>
  t.app.inject({ method: 'GET', url, headers: member ? { cookie: member.cookie } : {} });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, member: TestMember | null, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: member ? { cookie: member.cookie } : {} });

async function threadWithReplies(count: number): Promise<string> {
  const { thread } = await startThread(t.app, opener, 'tinnitus');
  for (let i = 0; i < count; i++) await replyTo(t.app, replier, thread.id, { body: `Reactie ${i + 2}` });
  return thread.id;
}

const numbers = (res: { json(): { items: { number: number }[] } }) => res.json().items.map((p) => p.number);

describe('POST /api/threads/:id/posts', () => {
  it('numbers replies 2, 3, … and keeps the counters on thread and space', async () => {
    const spaceBefore = await spaceCounters(t.app, space.id);
    const { thread } = await startThread(t.app, opener, 'tinnitus');
    const first = await replyTo(t.app, replier, thread.id, { body: 'Ik _herken_ dit.' });
    const second = await replyTo(t.app, opener, thread.id);
    expect(first).toMatchObject({ number: 2, html: '<p>Ik <em>herken</em> dit.</p>', mine: true, status: 'published' });
    expect(second.number).toBe(3);
    const detail = (await get(`/api/threads/${thread.id}`)).json();
    expect(detail.thread).toMatchObject({ replyCount: 2, lastPostNumber: 3 });
    const spaceAfter = await spaceCounters(t.app, space.id);
    expect(spaceAfter?.postCount).toBe((spaceBefore?.postCount ?? 0) + 3);
    expect(spaceAfter?.threadCount).toBe((spaceBefore?.threadCount ?? 0) + 1);
  });

  it('returns the original (200) for a repeated idempotency key and stores the reply once', async () => {
    const { thread } = await startThread(t.app, opener, 'tinnitus');
    const payload = { body: 'Nog een keer?', idempotencyKey: key() };
    const first = await send('POST', `/api/threads/${thread.id}/posts`, replier, payload);
    const again = await send('POST', `/api/threads/${thread.id}/posts`, replier, { ...payload, body: 'Anders' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().post).toEqual(first.json().post);
    const rows = await t.app.kring.database.db.select().from(posts).where(eq(posts.threadId, thread.id));
    expect(rows).toHaveLength(2);
    expect((await get(`/api/threads/${thread.id}`)).json().thread.replyCount).toBe(1);
  });

  it('refuses the key of a post in another thread (409)', async () => {
    const a = await startThread(t.app, opener, 'tinnitus');
    const b = await startThread(t.app, opener, 'tinnitus');
    const idempotencyKey = key();
    await replyTo(t.app, replier, a.thread.id, { idempotencyKey });
    const res = await send('POST', `/api/threads/${b.thread.id}/posts`, replier, { body: 'x', idempotencyKey });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('idempotency_key_reused');
  });

  it('needs a session (401)', async () => {
    const { thread } = await startThread(t.app, opener, 'tinnitus');
    const res = await send('POST', `/api/threads/${thread.id}/posts`, null, { body: 'x', idempotencyKey: key() });
    expect(res.statusCode).toBe(401);
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'niet-een-id'])('is a 404 for thread %s', async (id) => {
    const res = await send('POST', `/api/threads/${id}/posts`, replier, { body: 'x', idempotencyKey: key() });
    expect(res.statusCode).toBe(404);
  });

  it('refuses replies in a locked thread (403 thread_locked), but not from its moderators', async () => {
    const { thread } = await startThread(t.app, opener, 'tinnitus');
    await t.app.kring.database.db.update(threads).set({ locked: true }).where(eq(threads.id, thread.id));
    const res = await send('POST', `/api/threads/${thread.id}/posts`, replier, { body: 'x', idempotencyKey: key() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('thread_locked');
    expect((await get(`/api/threads/${thread.id}`, replier)).json().can.reply).toBe(false);
    const byModerator = await send('POST', `/api/threads/${thread.id}/posts`, moderator, {
      body: 'Ik sluit dit af.',
      idempotencyKey: key(),
    });
    expect(byModerator.statusCode).toBe(201);
  });

  it('refuses replies in an archived space (403 space_archived)', async () => {
    const archivedSpace = await createTestSpace(t.app);
    const { thread } = await startThread(t.app, opener, archivedSpace.slug);
    await t.app.kring.database.db.update(spaces).set({ archivedAt: new Date() }).where(eq(spaces.id, archivedSpace.id));
    const res = await send('POST', `/api/threads/${thread.id}/posts`, replier, { body: 'x', idempotencyKey: key() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('space_archived');
  });

  describe('bad input is a 400', () => {
    let threadId: string;
    beforeAll(async () => {
      threadId = (await startThread(t.app, opener, 'tinnitus')).thread.id;
    });
    it.each([
      ['an empty body', { body: '' }],
      ['a body over 20,000 characters', { body: 'x'.repeat(20_001) }],
      ['a control character', { body: 'a\u001bb' }],
      ['an unknown field', { title: 'extra' }],
      ['no idempotency key', { idempotencyKey: undefined }],
      ['an idempotency key with spaces', { idempotencyKey: 'met spaties erin' }],
      ['an idempotency key over 100 characters', { idempotencyKey: 'k'.repeat(101) }],
    ])('%s', async (_name, change) => {
      const res = await send('POST', `/api/threads/${threadId}/posts`, replier, {
        body: 'Prima',
        idempotencyKey: key(),
        ...change,
      });
      expect(res.statusCode).toBe(400);
    });

    it('a body over 64 KiB is a 413', async () => {
      const res = await send('POST', `/api/threads/${threadId}/posts`, replier, {
        body: '😀'.repeat(17_000),
        idempotencyKey: key(),
      });
      expect(res.statusCode).toBe(413);
    });

    it('a body of exactly 20,000 characters is fine', async () => {
      const res = await send('POST', `/api/threads/${threadId}/posts`, replier, {
        body: 'x'.repeat(20_000),
        idempotencyKey: key(),
      });
      expect(res.statusCode).toBe(201);
    });
  });
});

describe('GET /api/threads/:id/posts', () => {
  let threadId: string;
  beforeAll(async () => {
    threadId = await threadWithReplies(11); // posts 1–12
  });

  it('reads from the first post in ascending order, with a cursor to the next page', async () => {
    const res = await get(`/api/threads/${threadId}/posts?limit=5`);
    expect(res.statusCode).toBe(200);
    expect(numbers(res)).toEqual([1, 2, 3, 4, 5]);
    expect(res.json().nextCursor).toBe('5');
    expect(res.json().prevCursor).toBeNull();
  });

  it('continues with after=N (and cursor=N), to the end', async () => {
    const page = await get(`/api/threads/${threadId}/posts?after=10&limit=5`);
    expect(numbers(page)).toEqual([11, 12]);
    expect(page.json().nextCursor).toBeNull();
    expect(page.json().prevCursor).toBe('11');
    const viaCursor = await get(`/api/threads/${threadId}/posts?cursor=5&limit=2`);
    expect(numbers(viaCursor)).toEqual([6, 7]);
  });

  it('reads older posts with before=N', async () => {
    const res = await get(`/api/threads/${threadId}/posts?before=8&limit=3`);
    expect(numbers(res)).toEqual([5, 6, 7]);
    expect(res.json().prevCursor).toBe('5');
    expect(res.json().nextCursor).toBe('7');
    const first = await get(`/api/threads/${threadId}/posts?before=3&limit=5`);
    expect(numbers(first)).toEqual([1, 2]);
    expect(first.json().prevCursor).toBeNull();
  });

  it('centres a page on a permalink with around=N', async () => {
    const res = await get(`/api/threads/${threadId}/posts?around=7&limit=4`);
    expect(numbers(res)).toEqual([5, 6, 7, 8]);
    expect(res.json().prevCursor).toBe('5');
    expect(res.json().nextCursor).toBe('8');
    // Near either end the page is filled from the other side.
    const atStart = await get(`/api/threads/${threadId}/posts?around=1&limit=4`);
    expect(numbers(atStart)).toEqual([1, 2, 3, 4]);
    expect(atStart.json().prevCursor).toBeNull();
    const atEnd = await get(`/api/threads/${threadId}/posts?around=12&limit=4`);
    expect(numbers(atEnd)).toEqual([9, 10, 11, 12]);
    expect(atEnd.json().nextCursor).toBeNull();
  });

  it('shows a held post on a permalink page to its author and moderators only', async () => {
    const careful = await createTestSpace(t.app, { slug: 'voorzichtig', postingPolicy: 'premoderated' });
    const keeper = await createMember(t.app, { moderatorOf: [careful.id] });
    const { thread } = await startThread(t.app, keeper, 'voorzichtig');
    await replyTo(t.app, keeper, thread.id);
    const held = await send('POST', `/api/threads/${thread.id}/posts`, replier, {
      body: 'Even wachten',
      idempotencyKey: key(),
    });
    expect(held.statusCode).toBe(202);
    expect(held.json().post.number).toBe(3);
    await replyTo(t.app, keeper, thread.id);
    await replyTo(t.app, keeper, thread.id);

    // Both sides of post 4 come from one query per kind of viewer: the held post 3 only for its author and
    // the space's moderator, and the page is filled from the other side for everyone else.
    const url = `/api/threads/${thread.id}/posts?around=4&limit=4`;
    expect(numbers(await get(url))).toEqual([1, 2, 4, 5]);
    expect(numbers(await get(url, opener))).toEqual([1, 2, 4, 5]);
    expect(numbers(await get(url, replier))).toEqual([2, 3, 4, 5]);
    expect(numbers(await get(url, keeper))).toEqual([2, 3, 4, 5]);
  });

  it('reads an empty page past the end without error', async () => {
    const res = await get(`/api/threads/${threadId}/posts?after=500`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null, prevCursor: null });
  });

  it.each([
    ['after=abc', 'after=abc'],
    ['after=-1', 'after=-1'],
    ['after=1.5', 'after=1.5'],
    ['before=', 'before='],
    ['around=1e3', 'around=1e3'],
    ['two positions', 'after=1&before=5'],
    ['limit=0', 'limit=0'],
    ['limit=101', 'limit=101'],
    ['a repeated parameter', 'after=1&after=2'],
  ])('refuses %s with 400', async (_name, query) => {
    const res = await get(`/api/threads/${threadId}/posts?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'x'])('is a 404 for thread %s', async (id) => {
    const res = await get(`/api/threads/${id}/posts`);
    expect(res.statusCode).toBe(404);
  });

  it('shows the source only to its author and the space moderators', async () => {
    const { thread } = await startThread(t.app, opener, 'tinnitus', { body: 'Mijn *bron*' });
    const asAuthor = (await get(`/api/threads/${thread.id}/posts`, opener)).json().items[0];
    const asModerator = (await get(`/api/threads/${thread.id}/posts`, moderator)).json().items[0];
    const asOther = (await get(`/api/threads/${thread.id}/posts`, replier)).json().items[0];
    const asGuest = (await get(`/api/threads/${thread.id}/posts`)).json().items[0];
    expect(asAuthor).toMatchObject({ source: 'Mijn *bron*', mine: true });
    expect(asModerator).toMatchObject({ source: 'Mijn *bron*', mine: false });
    expect(asOther).not.toHaveProperty('source');
    expect(asOther.mine).toBe(false);
    expect(asGuest).not.toHaveProperty('source');
  });
});

describe('PATCH /api/posts/:id', () => {
  it('lets the author edit, keeps the earlier version, and marks the post edited', async () => {
    const { post } = await startThread(t.app, opener, 'tinnitus', { body: 'Eerste versie' });
    const res = await send('PATCH', `/api/posts/${post.id}`, opener, { body: 'Tweede **versie**' });
    expect(res.statusCode).toBe(200);
    expect(res.json().post).toMatchObject({
      html: '<p>Tweede <strong>versie</strong></p>',
      source: 'Tweede **versie**',
    });
    expect(res.json().post.editedAt).not.toBeNull();
    const history = await t.app.kring.database.db.select().from(postRevisions).where(eq(postRevisions.postId, post.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ source: 'Eerste versie', html: '<p>Eerste versie</p>', editorId: opener.id });
  });

  it('refuses someone else (403 not_author), a guest (401) and unknown posts (404)', async () => {
    const { post } = await startThread(t.app, opener, 'tinnitus');
    const other = await send('PATCH', `/api/posts/${post.id}`, replier, { body: 'Overgenomen' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('not_author');
    expect((await send('PATCH', `/api/posts/${post.id}`, null, { body: 'x' })).statusCode).toBe(401);
    expect(
      (await send('PATCH', '/api/posts/00000000-0000-4000-8000-000000000000', opener, { body: 'x' })).statusCode,
    ).toBe(404);
    expect((await send('PATCH', '/api/posts/kapot', opener, { body: 'x' })).statusCode).toBe(404);
  });

  it('refuses an empty body or unknown fields (400)', async () => {
    const { post } = await startThread(t.app, opener, 'tinnitus');
    expect((await send('PATCH', `/api/posts/${post.id}`, opener, { body: '' })).statusCode).toBe(400);
    expect((await send('PATCH', `/api/posts/${post.id}`, opener, { body: 'x', anonymous: true })).statusCode).toBe(400);
  });

  it('refuses edits in a locked thread (403 thread_locked)', async () => {
    const { thread, post } = await startThread(t.app, opener, 'tinnitus');
    await t.app.kring.database.db.update(threads).set({ locked: true }).where(eq(threads.id, thread.id));
    const res = await send('PATCH', `/api/posts/${post.id}`, opener, { body: 'Later' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('thread_locked');
  });

  it('is a 404 for a post its author has deleted', async () => {
    const { post } = await startThread(t.app, opener, 'tinnitus');
    await send('DELETE', `/api/posts/${post.id}`, opener);
    expect((await send('PATCH', `/api/posts/${post.id}`, opener, { body: 'Terug' })).statusCode).toBe(404);
  });
});

describe('DELETE /api/posts/:id', () => {
  it('leaves a stub without html for everyone and corrects the counters', async () => {
    const { thread } = await startThread(t.app, opener, 'tinnitus');
    const reply = await replyTo(t.app, replier, thread.id, { body: 'Spijt van' });
    const spaceBefore = await spaceCounters(t.app, space.id);
    const res = await send('DELETE', `/api/posts/${reply.id}`, replier);
    expect(res.statusCode).toBe(200);
    expect(res.json().post).toMatchObject({ id: reply.id, number: 2, status: 'removed' });
    expect(res.json().post).not.toHaveProperty('html');
    expect(res.json().post).not.toHaveProperty('source');

    const asGuest = (await get(`/api/threads/${thread.id}/posts`)).json().items;
    expect(asGuest.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    expect(asGuest[1].status).toBe('removed');
    expect(asGuest[1]).not.toHaveProperty('html');
    // Moderators can still read what was there.
    const asModerator = (await get(`/api/threads/${thread.id}/posts`, moderator)).json().items;
    expect(asModerator[1]).toMatchObject({ status: 'removed', source: 'Spijt van' });

    expect((await get(`/api/threads/${thread.id}`)).json().thread.replyCount).toBe(0);
    const spaceAfter = await spaceCounters(t.app, space.id);
    expect(spaceAfter?.postCount).toBe((spaceBefore?.postCount ?? 0) - 1);
  });

  it('refuses someone else (403), a guest (401), a second delete and unknown posts (404)', async () => {
    const { post } = await startThread(t.app, opener, 'tinnitus');
    expect((await send('DELETE', `/api/posts/${post.id}`, replier)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/posts/${post.id}`, null)).statusCode).toBe(401);
    expect((await send('DELETE', `/api/posts/${post.id}`, opener)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/posts/${post.id}`, opener)).statusCode).toBe(404);
    expect((await send('DELETE', '/api/posts/00000000-0000-4000-8000-000000000000', opener)).statusCode).toBe(404);
  });

  it('lets authors delete even in a locked thread', async () => {
    const { thread, post } = await startThread(t.app, opener, 'tinnitus');
    await t.app.kring.database.db.update(threads).set({ locked: true }).where(eq(threads.id, thread.id));
    expect((await send('DELETE', `/api/posts/${post.id}`, opener)).statusCode).toBe(200);
  });
});

describe('POST /api/posts/preview', () => {
  it('renders exactly what would be stored', async () => {
    const res = await send('POST', '/api/posts/preview', opener, { body: '# Kop\n<script>x</script>' });
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toBe('<h3>Kop</h3>\n<p>&lt;script&gt;x&lt;/script&gt;</p>');
  });

  it('needs a session (401) and a valid body (400)', async () => {
    expect((await send('POST', '/api/posts/preview', null, { body: 'x' })).statusCode).toBe(401);
    expect((await send('POST', '/api/posts/preview', opener, { body: 'x', extra: 1 })).statusCode).toBe(400);
  });
});

describe('reply rate limit', () => {
  it('answers 429 after 10 replies a minute from one member', async () => {
    const limited = await buildTestApp();
    try {
      const s = await createTestSpace(limited.app, { slug: 'snel' });
      const member = await createMember(limited.app);
      const { thread } = await startThread(limited.app, member, s.slug);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: `/api/threads/${thread.id}/posts`,
          headers: { cookie: member.cookie },
          payload: { body: `Reactie ${i}`, idempotencyKey: key() },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
