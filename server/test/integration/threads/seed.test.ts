/** The demo seed writes its conversations through the real write path: counters and aliases add up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, spaces, threads } from '../../../src/db/schema';
import { seedIfEmpty } from '../../../src/db/seed/seed';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { spaceCounters } from '../../factories/threads';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  expect((await seedIfEmpty(t.app.kring.database.db)).seeded).toBe(true);
});
afterAll(async () => {
  await t.close();
});

describe('demo seed', () => {
  it('keeps thread and space counters equal to what is stored', async () => {
    const db = t.app.kring.database.db;
    // As the API reads them: the folded columns plus the changes not yet folded.
    const allSpaces = await Promise.all((await db.select().from(spaces)).map((row) => spaceCounters(t.app, row.id)));
    const allThreads = await db.select().from(threads);
    const allPosts = await db.select().from(posts);
    expect(allThreads.length).toBeGreaterThanOrEqual(5);
    for (const space of allSpaces) {
      if (!space) throw new Error('space vanished');
      const own = allThreads.filter((th) => th.spaceId === space.id);
      expect(space.threadCount, space.slug).toBe(own.length);
      expect(space.postCount, space.slug).toBe(allPosts.filter((p) => own.some((th) => th.id === p.threadId)).length);
    }
    for (const thread of allThreads) {
      const own = allPosts
        .filter((p) => p.threadId === thread.id)
        .map((p) => p.number)
        .sort((a, b) => a - b);
      expect(own).toEqual(Array.from({ length: own.length }, (_, i) => i + 1));
      expect(thread.replyCount).toBe(own.length - 1);
      expect(thread.lastPostNumber).toBe(own.length);
    }
  });

  it('shows Dutch threads in the public spaces, some anonymous, with reactions, without revealing anyone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces/borstkanker/threads' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; title: string; replyCount: number; author: { kind: string } }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.some((item) => item.author.kind === 'anonymous')).toBe(true);
    expect(items.some((item) => item.replyCount === 0)).toBe(true);
    const first = items.find((item) => item.replyCount > 0);
    const page = await t.app.inject({ method: 'GET', url: `/api/threads/${first?.id}/posts` });
    const postsOnPage = page.json().items as {
      html: string;
      reactions: { steun: number; herkenning: number; dank: number };
    }[];
    expect(postsOnPage.every((p) => p.html.startsWith('<'))).toBe(true);
    expect(postsOnPage.some((p) => p.reactions.steun + p.reactions.herkenning + p.reactions.dank > 0)).toBe(true);
    expect(page.body).not.toContain('Theeleut');
  });

  it('does nothing the second time', async () => {
    expect((await seedIfEmpty(t.app.kring.database.db)).seeded).toBe(false);
  });
});
