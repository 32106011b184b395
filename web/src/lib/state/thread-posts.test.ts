import type { Post, Thread } from '@kring/shared';
import { describe, expect, it } from 'vitest';
import { combinePost, compareThreads, mergePosts } from './thread-posts';

const post = (number: number, overrides: Partial<Post> = {}): Post => ({
  id: `post-${number}`,
  threadId: 't',
  number,
  author: { kind: 'anonymous', alias: 'A' },
  html: `<p>${number}</p>`,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  status: 'published',
  reactions: { steun: 0, herkenning: 0, dank: 0 },
  myReactions: [],
  mine: false,
  ...overrides,
});

describe('mergePosts', () => {
  it('keeps each number once, in order, whatever order pages and events arrive in', () => {
    const page = [post(1), post(2), post(3)];
    const merged = mergePosts(mergePosts(page, [post(5), post(4)], false), [post(3), post(6), post(5)], false);
    expect(merged.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps what is personal when a public live event updates a post', () => {
    const own = post(2, { mine: true, source: 'twee', myReactions: [] });
    const liked = post(3, { myReactions: ['steun'] });
    const merged = mergePosts(
      [own, liked],
      [post(2), post(3, { reactions: { steun: 2, herkenning: 0, dank: 0 } })],
      false,
    );
    expect(merged[0]).toMatchObject({ mine: true, source: 'twee' });
    expect(merged[1]).toMatchObject({ myReactions: ['steun'], reactions: { steun: 2 } });
  });

  it('drops a stale source when the text changed elsewhere, and takes personal answers as they are', () => {
    const own = post(2, { mine: true, source: 'oud', html: '<p>oud</p>' });
    expect(combinePost(own, post(2, { html: '<p>nieuw</p>' }), false).source).toBeUndefined();
    expect(combinePost(own, post(2, { mine: true, myReactions: [] }), true)).toMatchObject({
      mine: true,
      myReactions: [],
    });
  });
});

describe('compareThreads', () => {
  const thread = (id: string, pinned: boolean, lastActivityAt: string) => ({ id, pinned, lastActivityAt }) as Thread;
  it('sorts pinned first, then by newest activity, then by id', () => {
    const list = [
      thread('a', false, '2026-01-01T10:00:00.000Z'),
      thread('b', true, '2026-01-01T08:00:00.000Z'),
      thread('c', false, '2026-01-01T12:00:00.000Z'),
      thread('d', false, '2026-01-01T10:00:00.000Z'),
    ].sort(compareThreads);
    expect(list.map((t) => t.id)).toEqual(['b', 'c', 'd', 'a']);
  });
});
