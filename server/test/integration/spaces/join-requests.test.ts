/**
 * Closed spaces: members ask to join, the space's moderators approve or reject; decisions are audited,
 * idempotent when repeated, and a 409 when someone already decided the other way.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEntries } from '../../../src/db/schema';
import { createMember, type TestMember } from '../../factories/members';
import { addMembership, createSpace, type TestSpace } from '../../factories/spaces';
import { buildTestApp, type TestApp } from '../../helpers/build-app';

let t: TestApp;
let moderator: TestMember;
let closed: TestSpace;
let asker: TestMember;

beforeAll(async () => {
  t = await buildTestApp();
  closed = await createSpace(t.app, { slug: 'rouw', name: 'Rouw na verlies', visibility: 'closed' });
  moderator = await createMember(t.app, { moderatorOf: [closed.id] });
});

beforeEach(async () => {
  asker = await createMember(t.app);
});

afterAll(async () => {
  await t.close();
});

const as = (member: TestMember) => ({ cookie: member.cookie });

function join(member: TestMember, payload?: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/api/spaces/rouw/join',
    headers: as(member),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

function decide(who: TestMember, userId: string, action: 'approve' | 'reject') {
  return t.app.inject({ method: 'POST', url: `/api/spaces/rouw/join-requests/${userId}/${action}`, headers: as(who) });
}

async function page(member: TestMember) {
  const res = await t.app.inject({ method: 'GET', url: '/api/spaces/rouw', headers: as(member) });
  return res.json().space as { membership: string; can: { read: boolean; join: boolean; post: boolean } };
}

describe('asking to join', () => {
  it('creates a pending request that the moderators see; asking again changes nothing', async () => {
    expect(await page(asker)).toMatchObject({ membership: 'none', can: { read: false, join: true } });

    const res = await join(asker, { message: '  Mijn moeder is vorige maand overleden.  ' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ membership: 'pending' });
    expect(await page(asker)).toMatchObject({ membership: 'pending', can: { read: false, join: false } });

    const again = await join(asker, { message: 'Nog een keer' });
    expect(again.statusCode).toBe(202);

    const list = await t.app.inject({ method: 'GET', url: '/api/spaces/rouw/join-requests', headers: as(moderator) });
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((r: { userId: string }) => r.userId === asker.id);
    expect(mine).toEqual({
      userId: asker.id,
      username: asker.username,
      message: 'Mijn moeder is vorige maand overleden.',
      status: 'pending',
      requestedAt: expect.any(String),
      decidedAt: null,
    });
  });

  it('works without a body or message', async () => {
    expect((await join(asker)).statusCode).toBe(202);
    const other = await createMember(t.app);
    expect((await join(other, {})).statusCode).toBe(202);
  });

  it.each([
    ['an oversize message', { message: 'x'.repeat(501) }],
    ['an unknown field', { message: 'hoi', urgent: true }],
    ['a message that is not text', { message: 42 }],
    ['a control character', { message: 'a\u0000b' }],
  ])('400 for %s', async (_name, payload) => {
    const res = await join(asker, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('deciding', () => {
  it('approve: the member reads and posts from the next request on; audited once; repeat is harmless', async () => {
    await join(asker, { message: 'Hallo' });
    const res = await decide(moderator, asker.id, 'approve');
    expect(res.statusCode).toBe(200);
    expect(res.json().request).toMatchObject({ userId: asker.id, status: 'approved', decidedAt: expect.any(String) });
    expect(await page(asker)).toMatchObject({ membership: 'approved', can: { read: true, post: true, join: false } });

    const joinAgain = await join(asker);
    expect(joinAgain.statusCode).toBe(200);
    expect(joinAgain.json()).toEqual({ membership: 'approved' });

    expect((await decide(moderator, asker.id, 'approve')).statusCode).toBe(200);
    const conflicting = await decide(moderator, asker.id, 'reject');
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.json().error.code).toBe('join_request_decided');

    const entries = await t.app.kring.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.spaceId, closed.id), eq(auditEntries.targetId, asker.id)));
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([['join_request_approved', moderator.id]]);
  });

  it('reject: the member may ask again, which makes a new pending request', async () => {
    await join(asker, { message: 'Eerste keer' });
    const res = await decide(moderator, asker.id, 'reject');
    expect(res.statusCode).toBe(200);
    expect(res.json().request.status).toBe('rejected');
    expect(await page(asker)).toMatchObject({ membership: 'rejected', can: { read: false, join: true } });

    const again = await join(asker, { message: 'Tweede keer' });
    expect(again.statusCode).toBe(202);
    const list = await t.app.inject({ method: 'GET', url: '/api/spaces/rouw/join-requests', headers: as(moderator) });
    const mine = list.json().items.find((r: { userId: string }) => r.userId === asker.id);
    expect(mine).toMatchObject({ status: 'pending', message: 'Tweede keer', decidedAt: null });
  });

  it('two moderators deciding at once: one decision wins, the other is told', async () => {
    const second = await createMember(t.app, { moderatorOf: [closed.id] });
    await join(asker);
    const [a, b] = await Promise.all([decide(moderator, asker.id, 'approve'), decide(second, asker.id, 'reject')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('admins decide too', async () => {
    const admin = await createMember(t.app, { role: 'admin' });
    await join(asker);
    expect((await decide(admin, asker.id, 'approve')).statusCode).toBe(200);
  });

  it('404 join_request_not_found for a member who never asked', async () => {
    const res = await decide(moderator, asker.id, 'approve');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('join_request_not_found');
  });

  it('400 for an id that is not one', async () => {
    const res = await decide(moderator, 'niet-een-id', 'approve');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('userId');
  });

  it('403 for the asker themselves and for other members', async () => {
    await join(asker);
    expect((await decide(asker, asker.id, 'approve')).statusCode).toBe(403);
  });

  it('archived closed spaces take no new requests', async () => {
    await createSpace(t.app, { slug: 'gesloten-archief', visibility: 'closed', archivedAt: new Date() });
    const res = await t.app.inject({ method: 'POST', url: '/api/spaces/gesloten-archief/join', headers: as(asker) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('space_archived');
  });
});

describe('GET /api/spaces/:slug/join-requests', () => {
  let space: TestSpace;
  const askers: TestMember[] = [];

  beforeAll(async () => {
    space = await createSpace(t.app, { slug: 'lijst', visibility: 'closed' });
    for (let i = 0; i < 5; i++) {
      const member = await createMember(t.app);
      askers.push(member);
      await addMembership(t.app, space.id, member.id, i === 4 ? 'rejected' : 'pending', `Verzoek ${i}`);
    }
  });

  it('pages oldest first with a cursor, and filters by status', async () => {
    const admin = await createMember(t.app, { role: 'admin' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/spaces/lijst/join-requests?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url, headers: as(admin) });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((r: { message: string }) => r.message));
      cursor = res.json().nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['Verzoek 0', 'Verzoek 1', 'Verzoek 2', 'Verzoek 3']);

    const rejected = await t.app.inject({
      method: 'GET',
      url: '/api/spaces/lijst/join-requests?status=rejected',
      headers: as(admin),
    });
    expect(rejected.json().items.map((r: { message: string }) => r.message)).toEqual(['Verzoek 4']);
  });

  it.each([
    ['status=maybe', 'validation_failed'],
    ['limit=500', 'validation_failed'],
    ['cursor=abc', 'invalid_cursor'],
    [`cursor=${Buffer.from(JSON.stringify(['gisteren', 'x'])).toString('base64url')}`, 'invalid_cursor'],
  ])('400 for ?%s', async (query, code) => {
    const admin = await createMember(t.app, { role: 'admin' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/spaces/lijst/join-requests?${query}`,
      headers: as(admin),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
  });
});
