/**
 * The visibility matrix: every spaces endpoint × every kind of actor × every kind of space.
 * A space the actor may not see answers 404 exactly like a missing one; one the actor sees but may not
 * change answers 403; signed-out callers of member-only endpoints get 401.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestMember } from '../../factories/members';
import { addMembership, createSpace, type TestSpace } from '../../factories/spaces';
import { buildTestApp, type TestApp } from '../../helpers/build-app';

type ActorName = 'guest' | 'member' | 'pending' | 'approved' | 'moderator' | 'otherModerator' | 'admin';
type SpaceName = 'public' | 'registered' | 'closed' | 'archivedPublic' | 'archivedClosed';

const actorNames: ActorName[] = ['guest', 'member', 'pending', 'approved', 'moderator', 'otherModerator', 'admin'];
const spaceNames: SpaceName[] = ['public', 'registered', 'closed', 'archivedPublic', 'archivedClosed'];
const archived = (space: SpaceName) => space.startsWith('archived');
const closed = (space: SpaceName) => space === 'closed' || space === 'archivedClosed';

/** Who may see a space's front door (directory entry, page). */
function sees(actor: ActorName, space: SpaceName): boolean {
  if (actor === 'guest') return space === 'public' || space === 'archivedPublic';
  return true;
}

/** Who may read a space's threads. */
function reads(actor: ActorName, space: SpaceName): boolean {
  if (!sees(actor, space)) return false;
  if (actor === 'admin' || actor === 'moderator' || actor === 'approved') return true;
  return !closed(space);
}

const moderates = (actor: ActorName) => actor === 'admin' || actor === 'moderator';

let t: TestApp;
const members = {} as Record<Exclude<ActorName, 'guest'>, TestMember>;
const spaces = {} as Record<SpaceName, TestSpace>;
let bystander: TestMember;

const headers = (actor: ActorName) => (actor === 'guest' ? {} : { cookie: members[actor].cookie });

/** For each actor × space: the status a guarded (admin or moderator) endpoint must answer. */
function guardedStatus(actor: ActorName, space: SpaceName, allowed: boolean, success: number): number {
  if (actor === 'guest') return 401;
  if (!sees(actor, space)) return 404;
  return allowed ? success : 403;
}

const grid = actorNames.flatMap((actor) => spaceNames.map((space) => [actor, space] as const));

beforeAll(async () => {
  t = await buildTestApp();
  spaces.public = await createSpace(t.app, { slug: 'openbaar', visibility: 'public' });
  spaces.registered = await createSpace(t.app, { slug: 'voor-leden', visibility: 'registered' });
  spaces.closed = await createSpace(t.app, { slug: 'besloten', visibility: 'closed' });
  spaces.archivedPublic = await createSpace(t.app, {
    slug: 'oud-openbaar',
    visibility: 'public',
    archivedAt: new Date(),
  });
  spaces.archivedClosed = await createSpace(t.app, {
    slug: 'oud-besloten',
    visibility: 'closed',
    archivedAt: new Date(),
  });
  const elsewhere = await createSpace(t.app, { slug: 'elders', visibility: 'public' });
  const all = Object.values(spaces).map((s) => s.id);

  members.member = await createMember(t.app);
  members.pending = await createMember(t.app);
  members.approved = await createMember(t.app);
  members.moderator = await createMember(t.app, { moderatorOf: all });
  members.otherModerator = await createMember(t.app, { moderatorOf: [elsewhere.id] });
  members.admin = await createMember(t.app, { role: 'admin' });
  bystander = await createMember(t.app);
  for (const space of [spaces.closed, spaces.archivedClosed]) {
    await addMembership(t.app, space.id, members.pending.id, 'pending');
    await addMembership(t.app, space.id, members.approved.id, 'approved');
  }
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/spaces (directory)', () => {
  it.each(actorNames)('%s sees exactly the active spaces open to them', async (actor) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces?limit=100', headers: headers(actor) });
    expect(res.statusCode).toBe(200);
    const listed = res.json().items.map((s: { slug: string }) => s.slug);
    const expected = spaceNames.filter((s) => sees(actor, s) && !archived(s)).map((s) => spaces[s].slug);
    expect(listed.filter((slug: string) => slug !== 'elders').sort()).toEqual(expected.sort());
  });

  it.each(actorNames)('%s with archived=true: archived spaces only for admins', async (actor) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/spaces?archived=true&limit=100',
      headers: headers(actor),
    });
    expect(res.statusCode).toBe(200);
    const listed: string[] = res.json().items.map((s: { slug: string }) => s.slug);
    const expected = spaceNames
      .filter((s) => sees(actor, s) && (actor === 'admin' || !archived(s)))
      .map((s) => spaces[s].slug);
    expect(listed.filter((slug) => slug !== 'elders').sort()).toEqual(expected.sort());
  });

  it.each(actorNames)('%s gets can.read and membership per space', async (actor) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/spaces?archived=true&limit=100',
      headers: headers(actor),
    });
    for (const item of res.json().items as { slug: string; can: { read: boolean }; membership?: string }[]) {
      const name = spaceNames.find((s) => spaces[s].slug === item.slug);
      if (!name) continue;
      expect(item.can.read, `${actor} × ${name}`).toBe(reads(actor, name));
      if (actor === 'guest') expect(item).not.toHaveProperty('membership');
      else expect(item.membership).toBeDefined();
    }
  });
});

describe('GET /api/spaces/:slug', () => {
  it.each(grid)('%s × %s', async (actor, space) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/spaces/${spaces[space].slug}`,
      headers: headers(actor),
    });
    if (!sees(actor, space)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      return;
    }
    expect(res.statusCode).toBe(200);
    const { can, archived: isArchived } = res.json().space;
    expect(isArchived).toBe(archived(space));
    expect(can).toEqual({
      read: reads(actor, space),
      post: reads(actor, space) && actor !== 'guest' && !archived(space),
      moderate: moderates(actor),
      manage: actor === 'admin',
      join: (actor === 'member' || actor === 'otherModerator') && space === 'closed',
    });
  });
});

describe('PATCH /api/spaces/:slug (admins)', () => {
  it.each(grid)('%s × %s', async (actor, space) => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/spaces/${spaces[space].slug}`,
      headers: headers(actor),
      payload: { description: `Bijgewerkt door ${actor}` },
    });
    expect(res.statusCode).toBe(guardedStatus(actor, space, actor === 'admin', 200));
  });
});

describe('PUT and DELETE /api/spaces/:slug/moderators/:username (admins)', () => {
  it.each(grid)('%s × %s', async (actor, space) => {
    const url = `/api/spaces/${spaces[space].slug}/moderators/${bystander.username}`;
    const put = await t.app.inject({ method: 'PUT', url, headers: headers(actor) });
    expect(put.statusCode).toBe(guardedStatus(actor, space, actor === 'admin', 200));
    const del = await t.app.inject({ method: 'DELETE', url, headers: headers(actor) });
    expect(del.statusCode).toBe(guardedStatus(actor, space, actor === 'admin', 204));
  });
});

describe('GET /api/spaces/:slug/join-requests (moderators)', () => {
  it.each(grid)('%s × %s', async (actor, space) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/spaces/${spaces[space].slug}/join-requests`,
      headers: headers(actor),
    });
    expect(res.statusCode).toBe(guardedStatus(actor, space, moderates(actor), 200));
  });
});

describe('POST /api/spaces/:slug/join-requests/:userId/approve|reject (moderators)', () => {
  it.each(grid)('%s × %s', async (actor, space) => {
    for (const action of ['approve', 'reject']) {
      // A member who never asked: moderators learn there is no such request; others learn nothing.
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/spaces/${spaces[space].slug}/join-requests/${bystander.id}/${action}`,
        headers: headers(actor),
      });
      const expected = guardedStatus(actor, space, moderates(actor), 404);
      expect(res.statusCode, action).toBe(expected);
      if (expected === 404) {
        expect(res.json().error.code).toBe(sees(actor, space) ? 'join_request_not_found' : 'not_found');
      }
    }
  });
});

describe('POST /api/spaces (admins)', () => {
  it.each(actorNames)('%s', async (actor) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/spaces',
      headers: headers(actor),
      payload: { slug: `nieuw-${actor.toLowerCase()}`, name: 'Nieuwe ruimte', visibility: 'public' },
    });
    expect(res.statusCode).toBe(actor === 'guest' ? 401 : actor === 'admin' ? 201 : 403);
  });
});

// Last: joining changes memberships, which the tests above rely on.
describe('POST /api/spaces/:slug/join', () => {
  function expectedJoin(actor: ActorName, space: SpaceName): [number, string | undefined] {
    if (actor === 'guest') return [401, undefined];
    if (!sees(actor, space)) return [404, undefined];
    if (!closed(space) || reads(actor, space)) {
      const stored = actor === 'approved' && closed(space) ? 'approved' : 'none';
      return [200, stored];
    }
    if (actor === 'pending') return [202, 'pending'];
    if (archived(space)) return [403, undefined];
    return [202, 'pending'];
  }

  it.each(grid)('%s × %s', async (actor, space) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/spaces/${spaces[space].slug}/join`,
      headers: headers(actor),
      payload: { message: 'Mag ik erbij?' },
    });
    const [status, membership] = expectedJoin(actor, space);
    expect(res.statusCode).toBe(status);
    if (membership) expect(res.json()).toEqual({ membership });
    if (status === 403) expect(res.json().error.code).toBe('space_archived');
  });
});

describe('unknown spaces', () => {
  const unknown = 'bestaat-niet';
  it.each(actorNames)('%s gets 404 (or 401 first for member-only endpoints)', async (actor) => {
    const signedIn = actor !== 'guest';
    const requests: [string, string, number][] = [
      ['GET', `/api/spaces/${unknown}`, 404],
      ['PATCH', `/api/spaces/${unknown}`, signedIn ? 404 : 401],
      ['PUT', `/api/spaces/${unknown}/moderators/${bystander.username}`, signedIn ? 404 : 401],
      ['DELETE', `/api/spaces/${unknown}/moderators/${bystander.username}`, signedIn ? 404 : 401],
      ['POST', `/api/spaces/${unknown}/join`, signedIn ? 404 : 401],
      ['GET', `/api/spaces/${unknown}/join-requests`, signedIn ? 404 : 401],
      ['POST', `/api/spaces/${unknown}/join-requests/${randomUUID()}/approve`, signedIn ? 404 : 401],
    ];
    for (const [method, url, status] of requests) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: headers(actor),
        ...(method === 'PATCH' ? { payload: { name: 'Iets' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(status);
    }
  });
});
