/**
 * Every appeal reachable (issue 21): with 420 stored (about three in four open), both appeal lists page with
 * cursors and filter by status, and the open count covers all of them, not one page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealList, MyDecisionList } from '@kring/shared';
import { appeals, auditEntries } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call } from '../../helpers/accounts';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, type SpaceRow } from '../../factories/threads';

const TOTAL = 420;
const isOpen = (i: number) => i % 4 !== 0;
const OPEN = Array.from({ length: TOTAL }, (_, i) => i).filter(isOpen).length;

let t: TestApp;
let space: SpaceRow;
let otherSpace: SpaceRow;
let author: TestMember;
let mod: TestMember;
let otherMod: TestMember;
let admin: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  space = await createTestSpace(t.app, { slug: 'bezwaren-veel' });
  otherSpace = await createTestSpace(t.app, { slug: 'bezwaren-anders' });
  author = await createMember(t.app);
  const actor = await createMember(t.app, { moderatorOf: [space.id] });
  mod = await createMember(t.app, { moderatorOf: [space.id] });
  otherMod = await createMember(t.app, { moderatorOf: [otherSpace.id] });
  admin = await createMember(t.app, { role: 'admin' });
  // Set-up straight into the tables: 420 hidden posts appealed one by one would take minutes.
  const db = t.app.kring.database.db;
  const start = Date.UTC(2026, 0, 1);
  const entries = await db
    .insert(auditEntries)
    .values(
      Array.from({ length: TOTAL }, (_, i) => ({
        actorId: actor.id,
        action: 'hide_post',
        spaceId: space.id,
        targetType: 'post',
        targetId: `post-${i}`,
        reason: `reden ${i}`,
        subjectId: author.id,
        // Pairs share a moment, so the keyset's tie-break on id is exercised too.
        createdAt: new Date(start + Math.floor(i / 2) * 60_000),
      })),
    )
    .returning({ id: auditEntries.id, createdAt: auditEntries.createdAt });
  await db.insert(appeals).values(
    entries.map((entry, i) => ({
      auditId: entry.id,
      userId: author.id,
      spaceId: space.id,
      message: `bezwaar ${i}`,
      status: isOpen(i) ? 'open' : 'decided',
      ...(isOpen(i) ? {} : { decision: 'uphold', decisionReason: 'blijft', decidedAt: entry.createdAt }),
      createdAt: entry.createdAt,
    })),
  );
}, 120_000);

afterAll(async () => {
  await t.close();
});

async function collect<T extends { items: { id: string }[]; nextCursor: string | null }>(
  who: TestMember,
  path: string,
  query: string,
): Promise<{ ids: string[]; pages: T[] }> {
  const ids: string[] = [];
  const pages: T[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const url = `${path}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call(t.app, 'GET', url, undefined, { cookie: who.cookie });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<T>();
    pages.push(page);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, pages };
}

describe('GET /api/moderation/appeals', () => {
  it('pages through all 420 appeals, newest first, each exactly once', async () => {
    const { ids, pages } = await collect<AppealList>(mod, '/api/moderation/appeals', 'limit=100');
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(pages).toHaveLength(5);
    for (const page of pages) expect(page.openCount).toBe(OPEN);
    const times = pages.flatMap((page) => page.items.map((item) => Date.parse(item.createdAt)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by status, and the default page is 50', async () => {
    const open = await collect<AppealList>(mod, '/api/moderation/appeals', 'status=open');
    expect(open.ids).toHaveLength(OPEN);
    expect(open.pages[0]?.items).toHaveLength(50);
    expect(open.pages.flatMap((p) => p.items).every((item) => item.status === 'open')).toBe(true);
    const decided = await collect<AppealList>(admin, '/api/moderation/appeals', 'status=decided&limit=100');
    expect(decided.ids).toHaveLength(TOTAL - OPEN);
    expect(decided.pages.flatMap((p) => p.items).every((item) => item.status === 'decided')).toBe(true);
  });

  it("shows another space's moderator nothing of it", async () => {
    const res = await call(t.app, 'GET', '/api/moderation/appeals', undefined, { cookie: otherMod.cookie });
    expect(res.json()).toEqual({ items: [], nextCursor: null, openCount: 0 });
  });

  it('refuses a cursor it did not hand out, and a bad status', async () => {
    for (const query of ['cursor=bm9wZQ', 'cursor=' + encodeURIComponent('["x","y"]'), 'status=all', 'limit=0']) {
      const res = await call(t.app, 'GET', `/api/moderation/appeals?${query}`, undefined, { cookie: mod.cookie });
      expect(res.statusCode, query).toBe(400);
    }
  });
});

describe('GET /api/appeals (the member’s own decisions)', () => {
  it('pages through all 420 decisions, and filters by the appeal’s status', async () => {
    const all = await collect<MyDecisionList>(author, '/api/appeals', 'limit=100');
    expect(all.ids).toHaveLength(TOTAL);
    expect(new Set(all.ids).size).toBe(TOTAL);
    const open = await collect<MyDecisionList>(author, '/api/appeals', 'status=open&limit=100');
    expect(open.ids).toHaveLength(OPEN);
    expect(open.pages.flatMap((p) => p.items).every((item) => item.appeal?.status === 'open')).toBe(true);
    const firstPage = await call(t.app, 'GET', '/api/appeals', undefined, { cookie: author.cookie });
    expect(firstPage.json<MyDecisionList>().items).toHaveLength(50);
  });
});
