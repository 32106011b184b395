/**
 * Search: Dutch full text with the compound-word fallback, snippets with highlight ranges, the space
 * filter, keyset paging, and hostile queries (results or a clear 400, never a 500).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '@kring/shared';
import { posts } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, replyTo, startThread } from '../../factories/threads';

let t: TestApp;
let author: TestMember;
let reader: TestMember;
let slug: string;
let otherSlug: string;
const ids = {} as Record<'opvang' | 'kanker' | 'english', string>;

async function search(query: Record<string, string>, cookie?: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/search?${new URLSearchParams(query).toString()}`,
    ...(cookie ? { headers: { cookie } } : {}),
  });
  return res;
}

async function titles(q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const res = await search({ q, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchResults>().items.map((hit) => hit.thread.title);
}

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  author = await createMember(t.app);
  reader = await createMember(t.app);
  const space = await createTestSpace(t.app);
  const other = await createTestSpace(t.app);
  slug = space.slug;
  otherSlug = other.slug;
  const opvang = await startThread(t.app, author, slug, {
    title: 'Kinderopvang tijdens de chemo',
    body: 'Wie regelde de kinderopvang toen de behandelingen begonnen?',
  });
  ids.opvang = opvang.thread.id;
  const kanker = await startThread(t.app, author, slug, {
    title: 'Net de diagnose gekregen',
    body: 'Vorige week hoorde ik dat het borstkanker is. Ik weet niet waar ik moet beginnen.',
  });
  ids.kanker = kanker.thread.id;
  const english = await startThread(t.app, author, otherSlug, {
    title: 'Side effects of chemotherapy',
    body: 'Does anyone else struggle with fatigue after chemotherapy sessions?',
    anonymous: true,
  });
  ids.english = english.thread.id;
  await replyTo(t.app, reader, ids.kanker, { body: 'Sterkte. Bij mij hielp de **vermoeidheid** serieus nemen.' });
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/search', () => {
  it('finds posts by Dutch full text, including other word forms', async () => {
    expect(await titles('behandeling')).toEqual(['Kinderopvang tijdens de chemo']);
  });

  it('finds compound words by their parts ("opvang" → "kinderopvang", "kanker" → "borstkanker")', async () => {
    expect(await titles('opvang')).toContain('Kinderopvang tijdens de chemo');
    expect(await titles('kanker')).toEqual(['Net de diagnose gekregen']);
  });

  it('matches thread titles through the opening post', async () => {
    expect(await titles('diagnose')).toEqual(['Net de diagnose gekregen']);
  });

  it('finds English content too', async () => {
    expect(await titles('chemotherapy fatigue')).toEqual(['Side effects of chemotherapy']);
  });

  it('returns plain-text snippets with highlight ranges on the matching words', async () => {
    const res = await search({ q: 'vermoeidheid' });
    const [hit] = res.json<SearchResults>().items;
    expect(hit?.post.number).toBe(2);
    expect(hit?.snippet.text).not.toContain('**');
    const marked = hit?.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end));
    expect(marked).toEqual(['vermoeidheid']);
    const title = await search({ q: 'kinderopvang' });
    const first = title.json<SearchResults>().items[0];
    expect(first?.titleHighlights.map((h) => first.thread.title.slice(h.start, h.end))).toEqual(['Kinderopvang']);
  });

  it('never reveals the account behind an anonymous thread', async () => {
    const res = await search({ q: 'chemotherapy' });
    expect(res.statusCode).toBe(200);
    expect(res.json<SearchResults>().items[0]?.thread.author).toEqual({ kind: 'anonymous', alias: 'A' });
    expect(res.body).not.toContain(author.username);
    expect(res.body).not.toContain(author.id);
  });

  it('filters by space, and a missing space is a 404', async () => {
    expect(await titles('chemo', { space: otherSlug })).toEqual(['Side effects of chemotherapy']);
    expect(await titles('kanker', { space: otherSlug })).toEqual([]);
    const missing = await search({ q: 'kanker', space: 'bestaat-niet' });
    expect(missing.statusCode).toBe(404);
  });

  it('leaves out removed posts', async () => {
    await t.app.kring.database.db.update(posts).set({ status: 'removed' }).where(eq(posts.threadId, ids.opvang));
    expect(await titles('kinderopvang')).toEqual([]);
    await t.app.kring.database.db.update(posts).set({ status: 'published' }).where(eq(posts.threadId, ids.opvang));
    expect(await titles('kinderopvang')).toEqual(['Kinderopvang tijdens de chemo']);
  });

  it('pages with a keyset cursor, newest first, without duplicates', async () => {
    const space = await createTestSpace(t.app);
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(
        (await startThread(t.app, author, space.slug, { title: `Paginatest ${i}`, body: `zonnebloem ${i}` })).post.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await search({ q: 'zonnebloem', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(res.statusCode).toBe(200);
      const body = res.json<SearchResults>();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((hit) => hit.post.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('answers 400 for a malformed cursor', async () => {
    const res = await search({ q: 'kanker', cursor: 'bm9wZQ' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_cursor');
  });

  it('answers 400 for an empty, a whitespace-only and a too long query, and for control characters', async () => {
    for (const q of ['', '   ', 'a'.repeat(201), 'kanker\u0000', 'kan\u0007ker']) {
      const res = await search({ q });
      expect(res.statusCode, JSON.stringify(q)).toBe(400);
    }
    const missing = await t.app.inject({ method: 'GET', url: '/api/search' });
    expect(missing.statusCode).toBe(400);
  });

  it('gives results or nothing for hostile and odd queries, never a 500', async () => {
    const hostile = [
      '"',
      '""',
      '"kanker',
      'kanker"',
      '-',
      '- - -',
      '-kanker',
      'or',
      'kanker or',
      'or or or',
      '!',
      '&',
      '|',
      '!!kanker',
      'kanker & opvang',
      'kanker | opvang',
      'kanker:*',
      '(kanker',
      "'; drop table posts; --",
      "' or 1=1 --",
      'kanker\\',
      '%',
      '_',
      '%%kanker%%',
      '<script>alert(1)</script>',
      '\u00ad',
      '🙂',
      'de het een',
      'the and of',
      'niet maar wel',
      'a'.repeat(200),
      'kanker '.repeat(28).trim(),
      '"kinderopvang tijdens"',
      'kinderopvang -chemo',
    ];
    for (const q of hostile) {
      const res = await search({ q });
      expect([200, 400], `${JSON.stringify(q)} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    }
  });

  it('treats a query of only stop words as matching nothing', async () => {
    expect(await titles('de het een')).toEqual([]);
    expect(await titles('niet')).toEqual([]);
  });

  it('honours exclusions and phrases', async () => {
    expect(await titles('"kinderopvang tijdens"')).toEqual(['Kinderopvang tijdens de chemo']);
    expect(await titles('kinderopvang -chemo')).toEqual([]);
  });
});

describe('GET /api/search rate limit', () => {
  it('answers 429 after 60 searches a minute', async () => {
    const limited = await buildTestApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i += 1) {
        statuses.push((await limited.app.inject({ method: 'GET', url: '/api/search?q=kanker' })).statusCode);
      }
      expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
      expect(statuses[60]).toBe(429);
    } finally {
      await limited.close();
    }
  }, 90_000);
});
