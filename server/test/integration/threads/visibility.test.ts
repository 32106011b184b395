/**
 * The visibility matrix: every role against every kind of space, for reading (HTTP and socket joins)
 * and replying. A space or thread the actor may not see is a 404 — exactly like a missing one — and a
 * refused join over the socket.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaces } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor } from '../../helpers/socket';
import { createMember, type TestMember } from '../../factories/members';
import { addMembership, createTestSpace, key, startThread } from '../../factories/threads';

type Role = 'guest' | 'member' | 'pending' | 'approved' | 'moderator' | 'otherModerator' | 'admin';
type SpaceKind = 'public' | 'registered' | 'closed' | 'archived';

const roles: Role[] = ['guest', 'member', 'pending', 'approved', 'moderator', 'otherModerator', 'admin'];
const spaceKinds: SpaceKind[] = ['public', 'registered', 'closed', 'archived'];

/** Who may read each kind of space. */
const canRead: Record<SpaceKind, Role[]> = {
  public: roles,
  registered: ['member', 'pending', 'approved', 'moderator', 'otherModerator', 'admin'],
  closed: ['approved', 'moderator', 'admin'],
  archived: roles,
};

let t: TestApp;
let baseUrl: string;
const members = {} as Record<Exclude<Role, 'guest'>, TestMember>;
const spaceSlugs = {} as Record<SpaceKind, string>;
const threadIds = {} as Record<SpaceKind, string>;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  baseUrl = await listen(t.app);
  const made = {
    public: await createTestSpace(t.app, { visibility: 'public' }),
    registered: await createTestSpace(t.app, { visibility: 'registered' }),
    closed: await createTestSpace(t.app, { visibility: 'closed' }),
    archived: await createTestSpace(t.app, { visibility: 'public' }),
  };
  const other = await createTestSpace(t.app);
  const admin = await createMember(t.app, { role: 'admin' });
  for (const kind of spaceKinds) {
    spaceSlugs[kind] = made[kind].slug;
    threadIds[kind] = (await startThread(t.app, admin, made[kind].slug)).thread.id;
  }
  // Archive after the thread exists: archived spaces stay readable, nobody posts in them.
  await t.app.kring.database.db.update(spaces).set({ archivedAt: new Date() }).where(eq(spaces.id, made.archived.id));

  members.admin = admin;
  members.member = await createMember(t.app);
  members.pending = await createMember(t.app);
  members.approved = await createMember(t.app);
  members.moderator = await createMember(t.app, { moderatorOf: Object.values(made).map((s) => s.id) });
  members.otherModerator = await createMember(t.app, { moderatorOf: [other.id] });
  await addMembership(t.app, made.closed.id, members.pending.id, 'pending');
  await addMembership(t.app, made.closed.id, members.approved.id, 'approved');
});

afterAll(async () => {
  await t.close();
});

const cookieOf = (role: Role) => (role === 'guest' ? {} : { cookie: members[role].cookie });

const cells = spaceKinds.flatMap((kind) => roles.map((role) => [role, kind] as [Role, SpaceKind]));

describe('reading over HTTP', () => {
  it.each(cells)('%s × %s space', async (role, kind) => {
    const visible = canRead[kind].includes(role);
    const urls = [
      `/api/threads/${threadIds[kind]}`,
      `/api/threads/${threadIds[kind]}/posts`,
      `/api/spaces/${spaceSlugs[kind]}/threads`,
    ];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url, headers: cookieOf(role) });
      expect(res.statusCode, `${role} GET ${url}`).toBe(visible ? 200 : 404);
      if (!visible) expect(res.json().error.code).toBe('not_found');
    }
  });

  it('answers a hidden thread exactly like a missing one', async () => {
    const hidden = await t.app.inject({ method: 'GET', url: `/api/threads/${threadIds.closed}` });
    const missing = await t.app.inject({ method: 'GET', url: '/api/threads/00000000-0000-4000-8000-000000000000' });
    expect(hidden.statusCode).toBe(missing.statusCode);
    expect(hidden.json().error.code).toBe(missing.json().error.code);
  });
});

describe('replying and starting threads', () => {
  function expectedStatus(role: Role, kind: SpaceKind): number {
    if (role === 'guest') return 401;
    if (!canRead[kind].includes(role)) return 404;
    if (kind === 'archived') return 403;
    return 201;
  }

  it.each(cells)('%s × %s space', async (role, kind) => {
    const expected = expectedStatus(role, kind);
    const replyRes = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${threadIds[kind]}/posts`,
      headers: cookieOf(role),
      payload: { body: 'Sterkte!', idempotencyKey: key() },
    });
    expect(replyRes.statusCode, replyRes.body).toBe(expected);
    const threadRes = await t.app.inject({
      method: 'POST',
      url: `/api/spaces/${spaceSlugs[kind]}/threads`,
      headers: cookieOf(role),
      payload: { title: 'Een nieuwe vraag', body: 'Wie herkent dit?', idempotencyKey: key() },
    });
    expect(threadRes.statusCode, threadRes.body).toBe(expected);
    if (expected === 403) expect(replyRes.json().error.code).toBe('space_archived');
  });
});

describe('joining over the socket', () => {
  it.each(cells)('%s × %s space', async (role, kind) => {
    const socket = openSocket(baseUrl, role === 'guest' ? {} : { cookie: members[role].cookie });
    try {
      await waitFor(socket, 'hello');
      const thread = await socket.timeout(3_000).emitWithAck('thread:join', { threadId: threadIds[kind] });
      const space = await socket.timeout(3_000).emitWithAck('space:join', { slug: spaceSlugs[kind] });
      if (canRead[kind].includes(role)) {
        expect(thread).toMatchObject({ ok: true });
        expect(space).toEqual({ ok: true });
      } else {
        expect(thread).toEqual({ ok: false, error: 'not_found' });
        expect(space).toEqual({ ok: false, error: 'not_found' });
      }
    } finally {
      socket.close();
    }
  });
});
