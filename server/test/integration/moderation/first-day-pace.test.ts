/**
 * PRODUCT's default: on their first day new members wait 120 s between posts. A second post too soon is a
 * 429 with Retry-After (replies and new threads alike); a retry of the same submit still answers with the
 * original; established members, moderators and admins are never paced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, key, type SpaceRow } from '../../factories/threads';

let now = new Date('2026-11-02T09:00:00Z');
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

let t: TestApp;
let space: SpaceRow;
let opener: TestMember;
let threadId: string;

beforeAll(async () => {
  t = await buildTestApp({}, { clock: { now: () => now } });
  space = await createTestSpace(t.app, { slug: 'tempo' });
  opener = await createMember(t.app, { createdAt: new Date(now.getTime() - 30 * 86_400_000) });
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/spaces/${space.slug}/threads`,
    headers: { cookie: opener.cookie },
    payload: { title: 'Een rustig gesprek', body: 'Welkom allemaal.', idempotencyKey: key() },
  });
  expect(started.statusCode).toBe(201);
  threadId = started.json<{ thread: { id: string } }>().thread.id;
});

afterAll(async () => {
  await t.close();
});

function reply(member: TestMember, body: string, idempotencyKey = key()) {
  return t.app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/posts`,
    headers: { cookie: member.cookie },
    payload: { body, idempotencyKey },
  });
}

describe("a new member's first day", () => {
  it('allows one post per 120 s, with Retry-After and a clear message in between', async () => {
    const fresh = await createMember(t.app, { createdAt: new Date(now.getTime() - 60 * 60 * 1000) });
    const firstKey = key();
    const first = await reply(fresh, 'Hallo, ik ben nieuw hier.', firstKey);
    expect([201, 202]).toContain(first.statusCode);

    advance(30_000);
    const tooSoon = await reply(fresh, 'En nog iets.');
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error.code).toBe('new_member_slow_down');
    expect(tooSoon.json().error.message).toMatch(/120 seconds/);
    expect(tooSoon.headers['retry-after']).toBe('90');

    // The same submit again (a retry after a lost answer) is not a new post: it gets the original.
    const retry = await reply(fresh, 'Hallo, ik ben nieuw hier.', firstKey);
    expect(retry.statusCode).toBe(200);

    // A new thread counts as a post too.
    const thread = await t.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/threads`,
      headers: { cookie: fresh.cookie },
      payload: { title: 'Mijn eigen vraag', body: 'Wie herkent dit?', idempotencyKey: key() },
    });
    expect(thread.statusCode).toBe(429);

    advance(91_000);
    expect([201, 202]).toContain((await reply(fresh, 'En nog iets.')).statusCode);
  });

  it('ends after the first day; established members, moderators and admins are never paced', async () => {
    const dayOld = await createMember(t.app, { createdAt: new Date(now.getTime() - 25 * 60 * 60 * 1000) });
    const veteran = await createMember(t.app, { createdAt: new Date(now.getTime() - 30 * 86_400_000) });
    const freshModerator = await createMember(t.app, { createdAt: now, moderatorOf: [space.id] });
    const freshAdmin = await createMember(t.app, { createdAt: now, role: 'admin' });
    for (const member of [dayOld, veteran, freshModerator, freshAdmin]) {
      expect([201, 202]).toContain((await reply(member, 'Eerste bericht.')).statusCode);
      expect([201, 202]).toContain((await reply(member, 'Meteen een tweede.')).statusCode);
    }
  });
});
