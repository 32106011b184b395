/**
 * Recall on the query set in bench/search-recall.json: the share of expected threads each query finds,
 * averaged. Dutch compound words ("opvang" → "kinderopvang") are why the substring fallback exists.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SearchResults } from '@kring/shared';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember } from '../../factories/members';
import { createTestSpace, startThread } from '../../factories/threads';

interface RecallSet {
  corpus: { title: string; body: string }[];
  queries: { q: string; expected: string[] }[];
}

const set = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../../bench/search-recall.json'), 'utf8'),
) as RecallSet;

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  const member = await createMember(t.app);
  const space = await createTestSpace(t.app);
  for (const doc of set.corpus) await startThread(t.app, member, space.slug, doc);
});

afterAll(async () => {
  await t.close();
});

it('finds at least 95% of the expected threads over the recall query set', async () => {
  let total = 0;
  const misses: string[] = [];
  for (const { q, expected } of set.queries) {
    const res = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}&limit=100` });
    expect(res.statusCode).toBe(200);
    const found = new Set(res.json<SearchResults>().items.map((hit) => hit.thread.title));
    const hits = expected.filter((title) => found.has(title));
    total += hits.length / expected.length;
    for (const title of expected) if (!found.has(title)) misses.push(`${q} → ${title}`);
  }
  const recall = total / set.queries.length;
  console.warn(`search recall: ${(recall * 100).toFixed(1)}% over ${set.queries.length} queries`, misses);
  expect(recall, misses.join('; ')).toBeGreaterThanOrEqual(0.95);
});
