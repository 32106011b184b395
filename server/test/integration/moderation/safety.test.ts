/** Automatic protection: pre-moderation, watched words, crisis care and the composer's content check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, newcomer, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { createTestSpace, key, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let open: SpaceRow;
let newcomers: SpaceRow;
let premod: SpaceRow;
let mod: TestMember;
let admin: TestMember;
let reader: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  open = await createTestSpace(t.app, { slug: 'safe-open' });
  newcomers = await createTestSpace(t.app, { slug: 'safe-new', postingPolicy: 'new_members_premoderated' });
  premod = await createTestSpace(t.app, { slug: 'safe-premod', postingPolicy: 'premoderated' });
  mod = await createMember(t.app, { moderatorOf: [open.id, newcomers.id, premod.id] });
  admin = await createMember(t.app, { role: 'admin' });
  reader = await createMember(t.app);
});
afterAll(async () => {
  await t.close();
});

const newThread = (member: TestMember, slug: string, body: string, title = 'Een vraag over nazorg') =>
  t.app.inject({
    method: 'POST',
    url: `/api/spaces/${slug}/threads`,
    headers: { cookie: member.cookie },
    payload: { title, body, idempotencyKey: key() },
  });

type Item = { target: { id: string }; flags: string[]; priority: string };
const queueItem = async (postId: string) =>
  (await a.queue(mod)).json<{ items: Item[] }>().items.find((i) => i.target.id === postId);

describe('pre-moderation', () => {
  it('holds everything in a premoderated space (202, "pending"), visible to the writer and moderators only', async () => {
    const writer = await createMember(t.app);
    const res = await newThread(writer, premod.slug, 'Mijn eerste bericht');
    expect(res.statusCode).toBe(202);
    const { thread, post } = res.json();
    expect(post.status).toBe('pending');
    expect((await queueItem(post.id))?.flags).toContain('held');
    const asReader = await a.posts(reader, thread.id);
    expect(asReader.statusCode === 404 || asReader.json().items.length === 0).toBe(true);
    expect(
      (await a.act(mod, { action: 'restore_post', targetType: 'post', targetId: post.id, reason: 'Goedgekeurd' }))
        .statusCode,
    ).toBe(200);
    expect((await a.posts(reader, thread.id)).json().items[0].status).toBe('published');
  });

  it("holds new members' first 2 posts and their posts with links in every space; staff are exempt", async () => {
    // Open policy: a new member's first 2 posts and posts with links wait; then they publish directly.
    const writer = await createMember(t.app, newcomer());
    expect((await newThread(writer, open.slug, 'een')).statusCode).toBe(202);
    expect((await newThread(writer, open.slug, 'twee')).statusCode).toBe(202);
    expect((await newThread(writer, open.slug, 'drie')).statusCode).toBe(201);
    expect((await newThread(writer, open.slug, 'kijk op https://example.org')).statusCode).toBe(202);
    // The count is per account, site-wide: two posts in another space count here too.
    const other = await createMember(t.app, newcomer());
    expect((await newThread(other, premod.slug, 'een')).statusCode).toBe(202);
    expect((await newThread(other, premod.slug, 'twee')).statusCode).toBe(202);
    expect((await newThread(other, open.slug, 'drie')).statusCode).toBe(201);
    // new_members_premoderated: every post of a new member waits, also after their first two.
    expect((await newThread(writer, newcomers.slug, 'vier')).statusCode).toBe(202);
    // Moderators (of any space) and admins are never held as new members, nor in the spaces they moderate.
    const newMod = await createMember(t.app, { ...newcomer(), moderatorOf: [newcomers.id] });
    expect((await newThread(newMod, newcomers.slug, 'een https://example.org')).statusCode).toBe(201);
    expect((await newThread(newMod, open.slug, 'een https://example.org')).statusCode).toBe(201);
    const newAdmin = await createMember(t.app, { ...newcomer(), role: 'admin' });
    expect((await newThread(newAdmin, open.slug, 'een https://example.org')).statusCode).toBe(201);
    // Established accounts (older than the threshold) publish at once, links included, even as a first post.
    const veteran = await createMember(t.app, { createdAt: new Date(Date.now() - 8 * 86_400_000) });
    expect((await newThread(veteran, open.slug, 'een')).statusCode).toBe(201);
    expect((await newThread(veteran, newcomers.slug, 'kijk op https://example.org')).statusCode).toBe(201);
    // Just under the threshold is still new.
    const almost = await createMember(t.app, { createdAt: new Date(Date.now() - 6 * 86_400_000) });
    expect((await newThread(almost, open.slug, 'een')).statusCode).toBe(202);
  });

  it('new-member holds follow the configuration (0 days: nobody is new)', async () => {
    const relaxed = await buildTestApp({
      rateLimits: false,
      newMembers: { days: 0, heldPosts: 2, firstDayIntervalSeconds: 120 },
    });
    try {
      const space = await createTestSpace(relaxed.app, { slug: 'safe-relaxed' });
      const writer = await createMember(relaxed.app, newcomer());
      const res = await relaxed.app.inject({
        method: 'POST',
        url: `/api/spaces/${space.slug}/threads`,
        headers: { cookie: writer.cookie },
        payload: { title: 'Een vraag over nazorg', body: 'kijk op https://example.org', idempotencyKey: key() },
      });
      expect(res.statusCode, res.body).toBe(201);
    } finally {
      await relaxed.close();
    }
  });

  it('publishes directly in an open space', async () => {
    const writer = await createMember(t.app);
    expect((await newThread(writer, open.slug, 'een')).statusCode).toBe(201);
  });
});

describe('watched words', () => {
  it('are admin-managed (403 for moderators, 401 without session, 400 for bad input, 404 unknown id)', async () => {
    expect((await a.call('POST', '/api/admin/watched-words', mod, { pattern: 'x', action: 'block' })).statusCode).toBe(
      403,
    );
    expect((await a.call('GET', '/api/admin/watched-words', null)).statusCode).toBe(401);
    expect((await a.call('POST', '/api/admin/watched-words', admin, { pattern: 'x', action: 'nuke' })).statusCode).toBe(
      400,
    );
    expect(
      (await a.call('DELETE', '/api/admin/watched-words/00000000-0000-4000-8000-000000000000', admin)).statusCode,
    ).toBe(404);
  });

  it('block, hold and flag — word boundaries, case- and accent-insensitive, site-wide and per space', async () => {
    const block = await a.call('POST', '/api/admin/watched-words', admin, { pattern: 'wondermiddel', action: 'block' });
    expect(block.statusCode).toBe(201);
    await a.call('POST', '/api/admin/watched-words', admin, { pattern: 'crème', action: 'hold', space: open.id });
    await a.call('POST', '/api/admin/watched-words', admin, { pattern: 'kuur', action: 'flag' });
    const writer = await createMember(t.app);

    const blocked = await newThread(writer, open.slug, 'Dit WONDERMIDDEL helpt');
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.code).toBe('watched_word');
    expect((await newThread(writer, open.slug, 'wondermiddelen zijn onzin')).statusCode).toBe(201);

    expect((await newThread(writer, open.slug, 'Deze Creme hielp')).statusCode).toBe(202);

    const flagged = await newThread(writer, open.slug, 'Ik volg een kuur');
    expect(flagged.statusCode).toBe(201);
    expect((await queueItem(flagged.json().post.id))?.flags).toContain('watched_word');

    const list = await a.call('GET', '/api/admin/watched-words', admin);
    expect(list.json().items.length).toBe(3);
    expect((await a.call('DELETE', `/api/admin/watched-words/${block.json().word.id}`, admin)).statusCode).toBe(200);
    expect((await newThread(writer, open.slug, 'Dit wondermiddel helpt')).statusCode).toBe(201);
  });
});

describe('crisis care', () => {
  it('gives the writer helplines, creates a silent top-priority item, and keeps the post visible', async () => {
    const writer = await createMember(t.app);
    const res = await newThread(writer, open.slug, 'Ik zie het niet meer zitten.');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.care.helplines[0]).toMatchObject({ name: '113 Zelfmoordpreventie', phone: '0800-0113' });
    const item = await queueItem(body.post.id);
    expect(item).toMatchObject({ priority: 'at_risk' });
    expect(item?.flags).toContain('crisis');
    const asReader = await a.posts(reader, body.thread.id);
    expect(asReader.json().items[0].status).toBe('published');
    expect(asReader.body).not.toContain('helplines');

    const replied = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${body.thread.id}/posts`,
      headers: { cookie: reader.cookie },
      payload: { body: 'Sterkte, je bent niet alleen', idempotencyKey: key() },
    });
    expect(replied.json().care).toBeUndefined();
  });

  it('POST /api/content/check: crisis helplines and personal data before publishing', async () => {
    const check = await a.call('POST', '/api/content/check', reader, {
      body: 'Ik wil dood. Bel me op 06-12345678, bsn 111222333',
      space: open.slug,
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().crisis.helplines.length).toBeGreaterThan(0);
    expect(check.json().personalData).toEqual(['phone', 'bsn']);
    const calm = await a.call('POST', '/api/content/check', null, { body: 'Gewoon een fijne dag' });
    expect(calm.json()).toEqual({ crisis: null, personalData: [] });
    expect((await a.call('POST', '/api/content/check', reader, { body: 'x', extra: true })).statusCode).toBe(400);
  });
});

describe('reporting is rate-limited', () => {
  it('answers 429 after 10 reports in 10 minutes', async () => {
    const limited = await buildTestApp({ rateLimits: true });
    try {
      const la = api(limited.app);
      const reporter = await createMember(limited.app);
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) {
        const target = await createMember(limited.app);
        codes.push((await la.report(reporter, 'user', target.id, 'spam')).statusCode);
      }
      expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
      expect(codes[10]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
