/**
 * Writers racing each other: 50 concurrent replies to one thread leave numbers 2–51 with no gaps and no
 * duplicates and exact counters; concurrent repeats of one submit store it once; concurrent reactions
 * keep their counts exact.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, spaceCounterDeltas, spaces } from '../../../src/db/schema';
import { foldAllSpaceCounters } from '../../../src/modules/threads/threads.counters';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, key, spaceCounters, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let space: SpaceRow;
let writers: TestMember[];

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  space = await createTestSpace(t.app, { slug: 'druk' });
  writers = await Promise.all(Array.from({ length: 10 }, () => createMember(t.app)));
});
afterAll(async () => {
  await t.close();
});

function reply(member: TestMember, threadId: string, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/posts`,
    headers: { cookie: member.cookie },
    payload: body,
  });
}

describe('concurrent writers', () => {
  it('50 concurrent replies get numbers 2–51 and exact counters', async () => {
    const opener = writers[0] as TestMember;
    const { thread } = await startThread(t.app, opener, 'druk');
    const spaceBefore = await spaceCounters(t.app, space.id);

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reply(writers[i % writers.length] as TestMember, thread.id, {
          body: `Reactie ${i}`,
          anonymous: i % 3 === 0,
          idempotencyKey: key(),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const returned = results.map((r) => r.json().post.number as number).sort((a, b) => a - b);
    expect(returned).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));

    const rows = await t.app.kring.database.db.select().from(posts).where(eq(posts.threadId, thread.id));
    expect(rows.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));

    const detail = (await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` })).json();
    expect(detail.thread).toMatchObject({ replyCount: 50, lastPostNumber: 51 });
    const spaceAfter = await spaceCounters(t.app, space.id);
    expect(spaceAfter?.postCount).toBe((spaceBefore?.postCount ?? 0) + 50);
    // Folding the pending changes moves them into the space row itself: same count, nothing left pending.
    await foldAllSpaceCounters(t.app.kring);
    const [folded] = await t.app.kring.database.db.select().from(spaces).where(eq(spaces.id, space.id));
    expect(folded?.postCount).toBe(spaceAfter?.postCount);
    expect(
      await t.app.kring.database.db.select().from(spaceCounterDeltas).where(eq(spaceCounterDeltas.spaceId, space.id)),
    ).toEqual([]);

    // Reading it back page by page gives every number exactly once.
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = (
        await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}/posts?after=${after}&limit=7` })
      ).json();
      seen.push(...page.items.map((p: { number: number }) => p.number));
      if (!page.nextCursor) break;
      after = Number(page.nextCursor);
    }
    expect(seen).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));

    // Anonymous writers kept one letter each.
    const anonymous = rows.filter((r) => r.anonymous);
    const letterByAuthor = new Map<string, Set<string>>();
    for (const row of anonymous) {
      const letters = letterByAuthor.get(row.authorId ?? '') ?? new Set<string>();
      letters.add(row.aliasLetter ?? '');
      letterByAuthor.set(row.authorId ?? '', letters);
    }
    for (const letters of letterByAuthor.values()) expect(letters.size).toBe(1);
    const allLetters = [...letterByAuthor.values()].map((letters) => [...letters][0]);
    expect(new Set(allLetters).size).toBe(allLetters.length);
  });

  it('keeps space counters exact while folds run concurrently with writers', async () => {
    const { thread } = await startThread(t.app, writers[1] as TestMember, 'druk');
    const before = await spaceCounters(t.app, space.id);
    let writing = true;
    const folds = (async () => {
      let runs = 0;
      while (writing || runs === 0) {
        await foldAllSpaceCounters(t.app.kring);
        runs++;
        // Let the writers in: PGlite runs one statement at a time, and a fold loop that never yields to
        // the timers would keep the writers waiting behind it for ever.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return runs;
    })();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        reply(writers[i % writers.length] as TestMember, thread.id, { body: `Tel mee ${i}`, idempotencyKey: key() }),
      ),
    );
    writing = false;
    expect(await folds).toBeGreaterThan(0);
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const after = await spaceCounters(t.app, space.id);
    expect(after?.postCount).toBe((before?.postCount ?? 0) + 30);
    expect(after?.threadCount).toBe(before?.threadCount);
    await foldAllSpaceCounters(t.app.kring);
    const [row] = await t.app.kring.database.db.select().from(spaces).where(eq(spaces.id, space.id));
    expect(row?.postCount).toBe(after?.postCount);
    expect(row?.lastActivityAt?.getTime()).toBe(after?.lastActivityAt?.getTime());
  });
  it('stores a submit once when it is repeated concurrently, and answers every repeat with it', async () => {
    const member = writers[1] as TestMember;
    const { thread } = await startThread(t.app, writers[0] as TestMember, 'druk');
    const idempotencyKey = key();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => reply(member, thread.id, { body: 'Dubbel?', idempotencyKey })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    expect(new Set(results.map((r) => r.json<{ post: { id: string } }>().post.id)).size).toBe(1);
    const rows = await t.app.kring.database.db.select().from(posts).where(eq(posts.threadId, thread.id));
    expect(rows).toHaveLength(2);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` })).json();
    expect(detail.thread).toMatchObject({ replyCount: 1, lastPostNumber: 2 });
  });

  it('stores a new thread once when it is submitted concurrently', async () => {
    const member = writers[2] as TestMember;
    const idempotencyKey = key();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/spaces/druk/threads',
          headers: { cookie: member.cookie },
          payload: { title: 'Gelijktijdig gestart', body: 'x', idempotencyKey },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json<{ thread: { id: string } }>().thread.id)).size).toBe(1);
  });

  it('keeps reaction counts exact under concurrent reactions', async () => {
    const { post } = await startThread(t.app, writers[0] as TestMember, 'druk');
    const others = writers.slice(1);
    const results = await Promise.all(
      others.flatMap((member) =>
        ['steun', 'steun', 'dank'].map((kind) =>
          t.app.inject({
            method: 'PUT',
            url: `/api/posts/${post.id}/reactions/${kind}`,
            headers: { cookie: member.cookie },
          }),
        ),
      ),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const [row] = await t.app.kring.database.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row).toMatchObject({ reactionSteun: others.length, reactionDank: others.length, reactionHerkenning: 0 });
  });
});
