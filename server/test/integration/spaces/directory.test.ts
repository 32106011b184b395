/**
 * The directory: search on name and description (case- and accent-insensitive), keyset pages, counts,
 * and nothing in a list item that the summary schema does not list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestMember } from '../../factories/members';
import { createSpace } from '../../factories/spaces';
import { buildTestApp, type TestApp } from '../../helpers/build-app';

let t: TestApp;
let member: TestMember;

beforeAll(async () => {
  t = await buildTestApp();
  member = await createMember(t.app);
  await createSpace(t.app, {
    slug: 'borstkanker',
    name: 'Borstkanker',
    description: 'Voor iedereen met borstkanker en hun naasten.',
    threadCount: 12,
    postCount: 340,
    lastActivityAt: new Date('2026-03-01T10:00:00Z'),
    rules: 'Geheime regel die niet in de lijst hoort',
  });
  await createSpace(t.app, { slug: 'tinnitus', name: 'Tinnitus', description: 'Oorsuizen en piepen.' });
  await createSpace(t.app, { slug: 'cafe', name: 'Het Café', description: 'Praten over van alles.' });
  await createSpace(t.app, { slug: 'reuma', name: 'Reuma', description: 'Ook voor ZIEKTE van Bechterew.' });
  await createSpace(t.app, { slug: 'honderd', name: '100% eerlijk', description: 'Over_alles' });
  await createSpace(t.app, {
    slug: 'mantelzorg',
    name: 'Mantelzorg',
    description: 'Zorgen voor een naaste.',
    visibility: 'registered',
  });
});

afterAll(async () => {
  await t.close();
});

async function search(q: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/spaces?q=${encodeURIComponent(q)}`, headers });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { slug: string }[] }>().items.map((s) => s.slug);
}

describe('GET /api/spaces', () => {
  it('lists alphabetically with counts and only summary fields', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces' });
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items.map((s: { name: string }) => s.name)).toEqual([
      '100% eerlijk',
      'Borstkanker',
      'Het Café',
      'Reuma',
      'Tinnitus',
    ]);
    const borstkanker = items[1];
    expect(Object.keys(borstkanker).sort()).toEqual(
      [
        'archived',
        'can',
        'description',
        'id',
        'lastActivityAt',
        'name',
        'postCount',
        'slug',
        'threadCount',
        'visibility',
      ].sort(),
    );
    expect(borstkanker).toMatchObject({
      threadCount: 12,
      postCount: 340,
      lastActivityAt: '2026-03-01T10:00:00.000Z',
      archived: false,
      can: { read: true, join: false },
    });
  });

  it('searches name and description, ignoring case and accents', async () => {
    expect(await search('KANKER')).toEqual(['borstkanker']);
    expect(await search('cafe')).toEqual(['cafe']);
    expect(await search('CAFÉ')).toEqual(['cafe']);
    expect(await search('café')).toEqual(['cafe']);
    expect(await search('piepen')).toEqual(['tinnitus']);
    expect(await search('ziekte')).toEqual(['reuma']);
    expect(await search('  tinnitus  ')).toEqual(['tinnitus']);
    expect(await search('bestaat niet')).toEqual([]);
    expect((await search('')).length).toBe(5);
  });

  it('treats % and _ as ordinary characters', async () => {
    expect(await search('%')).toEqual(['honderd']);
    expect(await search('r_a')).toEqual(['honderd']);
    expect(await search('\\')).toEqual([]);
  });

  it('searches only what the searcher may see', async () => {
    expect(await search('naaste')).toEqual(['borstkanker']);
    expect((await search('naaste', { cookie: member.cookie })).sort()).toEqual(['borstkanker', 'mantelzorg']);
  });

  it('pages with a cursor: no gaps, no duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/spaces?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: member.cookie } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((s: { slug: string }) => s.slug));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['honderd', 'borstkanker', 'cafe', 'mantelzorg', 'reuma', 'tinnitus']);
  });

  it('pages through search results too', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/spaces?q=e&limit=1' });
    const { items, nextCursor } = first.json();
    expect(items).toHaveLength(1);
    const second = await t.app.inject({ method: 'GET', url: `/api/spaces?q=e&limit=1&cursor=${nextCursor}` });
    expect(second.json().items[0].slug).not.toBe(items[0].slug);
  });

  it.each([
    ['a cursor that is not one', 'cursor=niet-geldig!'],
    ['a cursor with a bad id', `cursor=${Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url')}`],
    ['a cursor of the wrong shape', `cursor=${Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')}`],
  ])('400 invalid_cursor for %s', async (_name, query) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/spaces?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_cursor');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=tien', 'limit'],
    ['archived=misschien', 'archived'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['q=%00', 'q'],
    ['q=twee%0Aregels', 'q'],
  ])('400 for ?%s', async (query, field) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/spaces?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields)).toContain(field);
  });

  it('shows a member their membership; guests get none', async () => {
    const asMember = await t.app.inject({ method: 'GET', url: '/api/spaces', headers: { cookie: member.cookie } });
    for (const item of asMember.json().items) expect(item.membership).toBe('none');
    const asGuest = await t.app.inject({ method: 'GET', url: '/api/spaces' });
    for (const item of asGuest.json().items) expect(item).not.toHaveProperty('membership');
  });
});

describe('GET /api/spaces/:slug', () => {
  it('returns the whole space page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces/borstkanker' });
    expect(res.statusCode).toBe(200);
    expect(res.json().space).toMatchObject({
      slug: 'borstkanker',
      rules: 'Geheime regel die niet in de lijst hoort',
      helplines: [],
      moderators: [],
      can: { read: true, post: false, moderate: false, manage: false, join: false },
    });
  });

  it('404 for slugs that cannot exist', async () => {
    for (const slug of ['BORSTKANKER', 'borst%20kanker', 'x'.repeat(100), '%E2%80%AE']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/spaces/${slug}` });
      expect(res.statusCode, slug).toBe(404);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the spaces endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/spaces',
        '/api/spaces/{slug}',
        '/api/spaces/{slug}/moderators/{username}',
        '/api/spaces/{slug}/join',
        '/api/spaces/{slug}/join-requests',
        '/api/spaces/{slug}/join-requests/{userId}/approve',
        '/api/spaces/{slug}/join-requests/{userId}/reject',
      ]),
    );
  });
});
