/**
 * Search never returns what the actor may not see: every role against every kind of space and every
 * post state. Only published posts in readable spaces come back — never pending, hidden or removed
 * ones (not even to moderators or their authors), and never a title whose opening post is not published.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '@kring/shared';
import { posts, spaces } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { addMembership, createTestSpace, replyTo, startThread } from '../../factories/threads';

type Role = 'guest' | 'member' | 'pending' | 'approved' | 'moderator' | 'otherModerator' | 'admin' | 'author';
type SpaceKind = 'public' | 'registered' | 'closed' | 'archived';
type State = 'published' | 'pending' | 'hidden' | 'removed';

const roles: Role[] = ['guest', 'member', 'pending', 'approved', 'moderator', 'otherModerator', 'admin', 'author'];
const spaceKinds: SpaceKind[] = ['public', 'registered', 'closed', 'archived'];
const states: State[] = ['published', 'pending', 'hidden', 'removed'];

const canRead: Record<SpaceKind, Role[]> = {
  public: roles,
  registered: ['member', 'pending', 'approved', 'moderator', 'otherModerator', 'admin', 'author'],
  closed: ['approved', 'moderator', 'admin', 'author'],
  archived: roles,
};

let t: TestApp;
const members = {} as Record<Exclude<Role, 'guest'>, TestMember>;
const spaceSlugs = {} as Record<SpaceKind, string>;
/** Post ids per space and state ("opening" = the published opening post). */
const postIds = {} as Record<SpaceKind, Record<State | 'opening', string>>;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  const db = t.app.kring.database.db;
  const made = {
    public: await createTestSpace(t.app, { visibility: 'public' }),
    registered: await createTestSpace(t.app, { visibility: 'registered' }),
    closed: await createTestSpace(t.app, { visibility: 'closed' }),
    archived: await createTestSpace(t.app, { visibility: 'public' }),
  };
  const other = await createTestSpace(t.app);
  members.admin = await createMember(t.app, { role: 'admin' });
  members.member = await createMember(t.app);
  members.pending = await createMember(t.app);
  members.approved = await createMember(t.app);
  members.author = await createMember(t.app);
  members.moderator = await createMember(t.app, { moderatorOf: Object.values(made).map((s) => s.id) });
  members.otherModerator = await createMember(t.app, { moderatorOf: [other.id] });
  await addMembership(t.app, made.closed.id, members.pending.id, 'pending');
  await addMembership(t.app, made.closed.id, members.approved.id, 'approved');
  await addMembership(t.app, made.closed.id, members.author.id, 'approved');

  for (const kind of spaceKinds) {
    spaceSlugs[kind] = made[kind].slug;
    const opened = await startThread(t.app, members.author, made[kind].slug, {
      title: `Vlinderstruik in de ${kind} tuin`,
      body: 'Over de vlinderstruik.',
    });
    const entry = { opening: opened.post.id } as Record<State | 'opening', string>;
    for (const state of states) {
      const reply = await replyTo(t.app, members.author, opened.thread.id, { body: `Vlinderstruik antwoord ${state}` });
      entry[state] = reply.id;
      if (state !== 'published') await db.update(posts).set({ status: state }).where(eq(posts.id, reply.id));
    }
    postIds[kind] = entry;
    // A thread whose opening post is hidden: its title must not be found either.
    const hidden = await startThread(t.app, members.author, made[kind].slug, {
      title: 'Vlinderstruik verborgen onderwerp',
      body: 'Iets anders.',
    });
    await db.update(posts).set({ status: 'hidden' }).where(eq(posts.id, hidden.post.id));
  }
  await db
    .update(spaces)
    .set({ archivedAt: new Date() })
    .where(inArray(spaces.id, [made.archived.id]));
});

afterAll(async () => {
  await t.close();
});

async function found(role: Role, query: Record<string, string>) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/search?${new URLSearchParams({ limit: '100', ...query }).toString()}`,
    ...(role === 'guest' ? {} : { headers: { cookie: members[role].cookie } }),
  });
  return res;
}

describe('search visibility matrix', () => {
  for (const role of roles) {
    it(`${role}: only published posts in spaces they may read`, async () => {
      for (const q of ['vlinderstruik', 'struik', 'verborgen']) {
        const res = await found(role, { q });
        expect(res.statusCode).toBe(200);
        const ids = new Set(res.json<SearchResults>().items.map((hit) => hit.post.id));
        const expected = new Set<string>();
        if (q !== 'verborgen') {
          for (const kind of spaceKinds) {
            if (!canRead[kind].includes(role)) continue;
            expected.add(postIds[kind].opening);
            expected.add(postIds[kind].published);
          }
        }
        expect(ids, `${role} / ${q}`).toEqual(expected);
      }
    });

    for (const kind of spaceKinds) {
      it(`${role}: the ${kind} space filter answers ${canRead[kind].includes(role) ? '200' : '404'}`, async () => {
        const res = await found(role, { q: 'vlinderstruik', space: spaceSlugs[kind] });
        if (!canRead[kind].includes(role)) {
          expect(res.statusCode).toBe(404);
          return;
        }
        expect(res.statusCode).toBe(200);
        const ids = res
          .json<SearchResults>()
          .items.map((hit) => hit.post.id)
          .sort();
        expect(ids).toEqual([postIds[kind].opening, postIds[kind].published].sort());
      });
    }
  }
});
