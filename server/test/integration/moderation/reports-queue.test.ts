/** Reports and the review queue: aggregation, priority, scoping, claiming and versioned resolving. */
import type { Author } from '@kring/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, newcomer, type TestMember } from '../../factories/members';
import { api, established } from '../../factories/moderation';
import { createTestSpace, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let space: SpaceRow;
let other: SpaceRow;
let author: TestMember;
let reporters: TestMember[];
let mod: TestMember;
let mod2: TestMember;
let otherMod: TestMember;
let admin: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  space = await createTestSpace(t.app, { slug: 'rq-space' });
  other = await createTestSpace(t.app, { slug: 'rq-other' });
  author = await createMember(t.app);
  reporters = await Promise.all([1, 2, 3, 4].map(() => createMember(t.app, established())));
  mod = await createMember(t.app, { moderatorOf: [space.id] });
  mod2 = await createMember(t.app, { moderatorOf: [space.id] });
  otherMod = await createMember(t.app, { moderatorOf: [other.id] });
  admin = await createMember(t.app, { role: 'admin' });
});
afterAll(async () => {
  await t.close();
});

type Item = {
  id: string;
  target: { id: string; author: Author | null };
  reasons: Record<string, number>;
  priority: string;
  version: number;
  status: string;
  weight: number;
};
const itemFor = async (member: TestMember, targetId: string): Promise<Item | undefined> =>
  (await a.queue(member)).json<{ items: Item[] }>().items.find((i) => i.target.id === targetId);

describe('POST /api/reports', () => {
  it('creates one item per target aggregating reasons; a repeat by the same reporter is 200', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    const first = await a.report(reporters[0]!, 'post', post.id, 'spam', 'reclame');
    expect(first.statusCode).toBe(201);
    expect((await a.report(reporters[0]!, 'post', post.id, 'spam')).statusCode).toBe(200);
    expect((await a.report(reporters[1]!, 'post', post.id, 'unkind')).statusCode).toBe(201);
    const item = await itemFor(mod, post.id);
    expect(item).toMatchObject({ reasons: { spam: 1, unkind: 1 }, weight: 2, status: 'open', priority: 'normal' });
    expect(JSON.stringify(item)).not.toContain(reporters[0]!.id);
    expect(JSON.stringify(item)).not.toContain(reporters[0]!.username);
  });

  it('puts at-risk items first, then weight', async () => {
    const heavy = (await startThread(t.app, author, space.slug)).post;
    const risky = (await startThread(t.app, author, space.slug)).post;
    await a.report(reporters[0]!, 'post', heavy.id, 'spam');
    await a.report(reporters[1]!, 'post', heavy.id, 'spam');
    await a.report(reporters[2]!, 'post', risky.id, 'at_risk');
    const items = (await a.queue(mod, '?space=rq-space')).json<{ items: Item[] }>().items;
    expect(items[0]!.target.id).toBe(risky.id);
    expect(items[0]!.priority).toBe('at_risk');
  });

  it('reports threads and members; member reports are for admins only', async () => {
    const { thread } = await startThread(t.app, author, space.slug);
    expect((await a.report(reporters[0]!, 'thread', thread.id, 'misinformation')).statusCode).toBe(201);
    expect((await a.report(reporters[0]!, 'user', author.id, 'unkind')).statusCode).toBe(201);
    expect(await itemFor(mod, author.id)).toBeUndefined();
    expect(await itemFor(admin, author.id)).toBeDefined();
    expect(await itemFor(mod, thread.id)).toBeDefined();
  });

  it('needs a session (401)', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    expect((await a.report(null, 'post', post.id)).statusCode).toBe(401);
  });

  it('refuses unknown reasons and fields (400)', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    expect((await a.report(reporters[0]!, 'post', post.id, 'boring')).statusCode).toBe(400);
    const extra = await a.call('POST', '/api/reports', reporters[0]!, {
      targetType: 'post',
      targetId: post.id,
      reason: 'spam',
      extra: 1,
    });
    expect(extra.statusCode).toBe(400);
  });

  it('answers 404 for a missing target and 403 for reporting yourself', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    expect((await a.report(reporters[0]!, 'post', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const own = await a.report(author, 'post', post.id);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('own_content');
  });

  it('auto-hides at 3 distinct established reporters; new accounts do not count; at-risk never hides', async () => {
    const { thread, post } = await startThread(t.app, author, space.slug);
    const fresh = await Promise.all([1, 2, 3].map(() => createMember(t.app, newcomer())));
    for (const f of fresh) await a.report(f, 'post', post.id, 'spam');
    await a.report(reporters[0]!, 'post', post.id, 'spam');
    await a.report(reporters[1]!, 'post', post.id, 'spam');
    let page = (await a.posts(null, thread.id)).json<{ items: { status: string }[] }>();
    expect(page.items[0]!.status).toBe('published');
    await a.report(reporters[2]!, 'post', post.id, 'spam');
    page = (await a.posts(null, thread.id)).json<{ items: { status: string }[] }>();
    expect(page.items[0]!.status).toBe('hidden');

    const { thread: t2, post: p2 } = await startThread(t.app, author, space.slug);
    await a.report(reporters[0]!, 'post', p2.id, 'at_risk');
    await a.report(reporters[1]!, 'post', p2.id, 'spam');
    await a.report(reporters[2]!, 'post', p2.id, 'spam');
    await a.report(reporters[3]!, 'post', p2.id, 'spam');
    const page2 = (await a.posts(null, t2.id)).json<{ items: { status: string }[] }>();
    expect(page2.items[0]!.status).toBe('published');
  });
});

describe('GET /api/moderation/queue', () => {
  it('scopes items to the moderator’s spaces; admins see all', async () => {
    const { post } = await startThread(t.app, author, other.slug);
    await a.report(reporters[0]!, 'post', post.id, 'spam');
    expect(await itemFor(mod, post.id)).toBeUndefined();
    expect(await itemFor(otherMod, post.id)).toBeDefined();
    expect(await itemFor(admin, post.id)).toBeDefined();
    expect((await a.queue(mod, '?space=rq-other')).statusCode).toBe(404);
  });

  it('is for staff only (401 / 403)', async () => {
    expect((await a.queue(null)).statusCode).toBe(401);
    expect((await a.queue(author)).statusCode).toBe(403);
  });

  it('never shows the account behind an anonymous post', async () => {
    const hidden = await createMember(t.app);
    const { post } = await startThread(t.app, hidden, space.slug, { anonymous: true });
    await a.report(reporters[0]!, 'post', post.id, 'spam');
    const res = await a.queue(mod);
    const item = res.json<{ items: Item[] }>().items.find((i) => i.target.id === post.id);
    expect(item?.target.author).toEqual({ kind: 'anonymous', alias: 'A' });
    expect(res.body).not.toContain(hidden.id);
    expect(res.body).not.toContain(hidden.username);
  });
});

describe('claim / resolve', () => {
  it('lets one moderator claim; another gets 409; a stale version is 409', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    await a.report(reporters[0]!, 'post', post.id, 'unkind');
    const item = (await itemFor(mod, post.id))!;
    const claimed = await a.claim(mod, item.id);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().item.status).toBe('claimed');
    const taken = await a.claim(mod2, item.id);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('claimed_by_other');
    const stale = await a.resolve(mod, item.id, { decision: 'ignore', version: item.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const fresh = claimed.json().item.version as number;
    const done = await a.resolve(mod, item.id, {
      decision: 'agree',
      action: 'hide_post',
      reason: 'Onvriendelijk',
      version: fresh,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().item).toMatchObject({ status: 'resolved', decision: 'agree' });
    const again = await a.resolve(mod2, item.id, { decision: 'ignore', version: done.json().item.version });
    expect(again.statusCode).toBe(409);
    const logged = (await a.log(mod, `?action=hide_post`)).json<{ items: { target: { id: string } }[] }>();
    expect(logged.items.some((e) => e.target.id === post.id)).toBe(true);
  });

  it('two concurrent resolves: exactly one wins', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    await a.report(reporters[0]!, 'post', post.id, 'unkind');
    const item = (await itemFor(mod, post.id))!;
    const results = await Promise.all([
      a.resolve(mod, item.id, { decision: 'ignore', version: item.version }),
      a.resolve(mod2, item.id, { decision: 'disagree', version: item.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('is 404 for a moderator of another space and for members; 401 without a session', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    await a.report(reporters[0]!, 'post', post.id, 'unkind');
    const item = (await itemFor(mod, post.id))!;
    expect((await a.claim(otherMod, item.id)).statusCode).toBe(404);
    expect((await a.claim(author, item.id)).statusCode).toBe(404);
    expect((await a.claim(null, item.id)).statusCode).toBe(401);
    expect((await a.resolve(otherMod, item.id, { decision: 'ignore', version: item.version })).statusCode).toBe(404);
  });

  it('validates the resolve body (400)', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    await a.report(reporters[0]!, 'post', post.id, 'unkind');
    const item = (await itemFor(mod, post.id))!;
    expect((await a.resolve(mod, item.id, { decision: 'maybe', version: 1 })).statusCode).toBe(400);
    expect(
      (await a.resolve(mod, item.id, { decision: 'agree', action: 'hide_post', version: item.version })).statusCode,
    ).toBe(400);
  });
});
