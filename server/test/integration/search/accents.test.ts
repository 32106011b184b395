/** Search without accents: "patienten" finds "borstkankerpatiënten" (inside a compound), and the other way round. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '@kring/shared';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember } from '../../factories/members';
import { createTestSpace, startThread } from '../../factories/threads';

let t: TestApp;
let spaceName: string;

const search = async (q: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return res.json<SearchResults>().items;
};

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  const member = await createMember(t.app);
  const space = await createTestSpace(t.app);
  spaceName = space.name;
  await startThread(t.app, member, space.slug, {
    title: 'Ervaringen van borstkankerpatiënten',
    body: 'Wie heeft tips over crème bij bestraling?',
  });
  await startThread(t.app, member, space.slug, {
    title: 'Naïef gevraagd',
    body: 'Een vraag over de patientenvereniging',
  });
});

afterAll(async () => {
  await t.close();
});

describe('search without accents', () => {
  it('finds an accented word inside a compound from a query typed without accents', async () => {
    const hits = await search('patienten');
    expect(hits.map((hit) => hit.thread.title).sort()).toEqual([
      'Ervaringen van borstkankerpatiënten',
      'Naïef gevraagd',
    ]);
    const accented = hits.find((hit) => hit.thread.title === 'Ervaringen van borstkankerpatiënten');
    // The highlight lies on the original (accented) letters.
    const [range] = accented?.titleHighlights ?? [];
    expect(range && accented?.thread.title.slice(range.start, range.end)).toBe('borstkankerpatiënten');
  });

  it('finds unaccented text from an accented query, in bodies too', async () => {
    expect((await search('patiëntenvereniging')).map((hit) => hit.thread.title)).toEqual(['Naïef gevraagd']);
    expect((await search('creme')).map((hit) => hit.thread.title)).toEqual(['Ervaringen van borstkankerpatiënten']);
    expect((await search('naief')).map((hit) => hit.thread.title)).toEqual(['Naïef gevraagd']);
  });

  it('excludes accent-insensitively', async () => {
    expect((await search('patienten -crème')).map((hit) => hit.thread.title)).toEqual(['Naïef gevraagd']);
  });

  it('says where and when each result was written', async () => {
    const [hit] = await search('bestraling');
    expect(hit?.space).toEqual({ slug: expect.any(String), name: spaceName });
    expect(Date.parse(hit?.post.createdAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
