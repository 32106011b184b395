/**
 * Held means invisible (issue 15) and inert (issue 21): a thread whose opening post waits for a moderator
 * exists only for its author and the space's moderators (and admins) — on every read route, every write
 * route, the socket and in counters, search and notifications — until `approve_post` publishes it;
 * `reject_post` keeps it invisible, tells the author why, and can be appealed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../../helpers/socket';
import { createMember, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { createTestSpace, key, spaceCounters, type SpaceRow } from '../../factories/threads';

type Role = 'guest' | 'member' | 'author' | 'moderator' | 'otherModerator' | 'admin';
const roles: Role[] = ['guest', 'member', 'author', 'moderator', 'otherModerator', 'admin'];
/** Who may see a held thread. */
const sees: Role[] = ['author', 'moderator', 'admin'];

let t: TestApp;
let a: ReturnType<typeof api>;
let baseUrl: string;
let space: SpaceRow;
let follower: TestMember;
const members = {} as Record<Exclude<Role, 'guest'>, TestMember>;
const sockets: TestSocket[] = [];

const memberOf = (role: Role) => (role === 'guest' ? null : members[role]);
/** Each held thread gets its own word, so search can look for exactly that one. */
let words = 0;
const nextWord = () => `vlinderstruik${'abcdefghijklmnopqrstuvwxyz'[words++ % 26]}`;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  baseUrl = await listen(t.app);
  // Premoderated: everything a member writes waits for a moderator (staff are exempt).
  space = await createTestSpace(t.app, { postingPolicy: 'premoderated' });
  const other = await createTestSpace(t.app);
  members.author = await createMember(t.app);
  members.member = await createMember(t.app);
  members.moderator = await createMember(t.app, { moderatorOf: [space.id] });
  members.otherModerator = await createMember(t.app, { moderatorOf: [other.id] });
  members.admin = await createMember(t.app, { role: 'admin' });
  follower = await createMember(t.app);
  expect((await a.call('POST', `/api/spaces/${space.slug}/follow`, follower)).statusCode).toBe(200);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t.close();
});

/** The author opens a thread; the premoderated space holds it (202, pending). */
async function holdThread(word = nextWord()) {
  const res = await a.call('POST', `/api/spaces/${space.slug}/threads`, members.author, {
    title: `Over ${word} en nazorg`,
    body: `Mijn verhaal over ${word}.`,
    idempotencyKey: key(),
  });
  expect(res.statusCode, res.body).toBe(202);
  const body = res.json<{ thread: { id: string }; post: { id: string; status: string } }>();
  expect(body.post.status).toBe('pending');
  return { threadId: body.thread.id, postId: body.post.id, word };
}

async function listed(role: Role, threadId: string, query = ''): Promise<boolean> {
  const res = await a.call('GET', `/api/spaces/${space.slug}/threads${query}`, memberOf(role));
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.some((item) => item.id === threadId);
}

async function found(role: Role, word: string): Promise<boolean> {
  const res = await a.call('GET', `/api/search?q=${word}`, memberOf(role));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: unknown[] }>().items.length > 0;
}

async function notifications(member: TestMember) {
  const res = await a.call('GET', '/api/notifications', member);
  expect(res.statusCode).toBe(200);
  return res.json<{
    items: { type: string; threadId: string | null; outcome: string | null; reason: string | null }[];
  }>().items;
}

async function connect(role: Role): Promise<TestSocket> {
  const member = memberOf(role);
  const socket = openSocket(baseUrl, member ? { cookie: member.cookie } : {});
  sockets.push(socket);
  await waitFor(socket, 'connect');
  return socket;
}

/** `approve_post` / `reject_post` through the actions route. */
function decide(
  action: 'approve_post' | 'reject_post',
  postId: string,
  reason = 'Goedgekeurd',
  by = members.moderator,
) {
  return a.act(by, { action, targetType: 'post', targetId: postId, reason });
}

/** The queue's way: resolve the held post's item with `decision: 'agree'` and the action. */
function resolveWith(
  item: { id: string; version: number } | undefined,
  action: 'approve_post' | 'reject_post',
  reason: string,
) {
  return a.resolve(members.moderator, item?.id ?? '', { decision: 'agree', action, reason, version: item?.version });
}

/** 409 `not_pending`: the post was settled already. */
function expectNotPending(res: { statusCode: number; json(): { error: { code: string } } }) {
  expect(res.statusCode).toBe(409);
  expect(res.json().error.code).toBe('not_pending');
}

async function queueItemFor(postId: string) {
  const res = await a.queue(members.moderator);
  expect(res.statusCode).toBe(200);
  const body = res.json<{
    openCount: number;
    items: { id: string; version: number; flags: string[]; status: string; target: { id: string; status: string } }[];
  }>();
  return { item: body.items.find((i) => i.target.id === postId), openCount: body.openCount };
}

describe('a held thread, read by each role', () => {
  let held: Awaited<ReturnType<typeof holdThread>>;
  beforeAll(async () => {
    held = await holdThread();
  });

  it.each(roles)('%s', async (role) => {
    const visible = sees.includes(role);
    const member = memberOf(role);
    const status = visible ? 200 : 404;
    for (const url of [
      `/api/threads/${held.threadId}`,
      `/api/threads/${held.threadId}/posts`,
      `/api/threads/${held.threadId}/posts?around=1`,
      `/api/threads/${held.threadId}/posts?after=0&limit=5`,
    ]) {
      const res = await a.call('GET', url, member);
      expect(res.statusCode, `${role} GET ${url}`).toBe(status);
      if (!visible) expect(res.body).not.toContain(held.word);
    }
    expect(await listed(role, held.threadId)).toBe(visible);
    expect(await listed(role, held.threadId, '?filter=unanswered')).toBe(visible);
    // Search finds a held thread for nobody (not its title, not its posts) until it is approved.
    expect(await found(role, held.word)).toBe(false);
    if (member) {
      const items = await notifications(member);
      expect(items.filter((n) => n.threadId === held.threadId && n.type !== 'moderation_decision')).toEqual([]);
    }
  });

  it('the space follower hears nothing and the directory counts nothing', async () => {
    expect((await notifications(follower)).filter((n) => n.threadId === held.threadId)).toEqual([]);
    const before = await spaceCounters(t.app, space.id);
    const another = await holdThread();
    const after = await spaceCounters(t.app, space.id);
    expect(after).toMatchObject({
      threadCount: before?.threadCount,
      postCount: before?.postCount,
      lastActivityAt: before?.lastActivityAt,
    });
    for (const role of roles) {
      const res = await a.call('GET', '/api/spaces', memberOf(role));
      const summary = res.json<{ items: { id: string; threadCount: number; postCount: number }[] }>().items;
      expect(summary.find((s) => s.id === space.id)).toMatchObject({
        threadCount: before?.threadCount,
        postCount: before?.postCount,
      });
    }
    expect(another.threadId).not.toBe(held.threadId);
  });
});

describe('a title held for a watched word', () => {
  it('shows to nobody but its author and the moderators, in an open space', async () => {
    const open = await createTestSpace(t.app);
    const word = 'wonderpil';
    const added = await a.call('POST', '/api/admin/watched-words', members.admin, {
      pattern: word,
      action: 'hold',
      space: open.id,
    });
    expect(added.statusCode).toBe(201);
    const res = await a.call('POST', `/api/spaces/${open.slug}/threads`, members.member, {
      title: `De ${word} hielp mij`,
      body: 'Echt waar.',
      idempotencyKey: key(),
    });
    expect(res.statusCode, res.body).toBe(202);
    const threadId = res.json<{ thread: { id: string } }>().thread.id;
    const moderatorOfOpen = await createMember(t.app, { moderatorOf: [open.id] });
    for (const [viewer, visible] of [
      [null, false],
      [members.author, false],
      [members.moderator, false],
      [members.member, true],
      [moderatorOfOpen, true],
      [members.admin, true],
    ] as const) {
      const list = await a.call('GET', `/api/spaces/${open.slug}/threads`, viewer);
      expect(list.body.includes(word), viewer?.username ?? 'guest').toBe(visible);
      expect((await a.call('GET', `/api/threads/${threadId}`, viewer)).statusCode).toBe(visible ? 200 : 404);
    }
  });
});

describe('a held thread takes part in nothing', () => {
  let held: Awaited<ReturnType<typeof holdThread>>;
  beforeAll(async () => {
    held = await holdThread();
  });

  it.each(['member', 'otherModerator'] as const)('%s: reply, follow, react and report are 404', async (role) => {
    const member = members[role];
    const reply = await a.call('POST', `/api/threads/${held.threadId}/posts`, member, {
      body: 'Sterkte!',
      idempotencyKey: key(),
    });
    expect(reply.statusCode, reply.body).toBe(404);
    expect((await a.call('POST', `/api/threads/${held.threadId}/follow`, member)).statusCode).toBe(404);
    expect((await a.call('GET', `/api/threads/${held.threadId}/follow`, member)).statusCode).toBe(404);
    const react = await t.app.inject({
      method: 'PUT',
      url: `/api/posts/${held.postId}/reactions/steun`,
      headers: { cookie: member.cookie },
    });
    expect(react.statusCode).toBe(404);
    expect((await a.report(member, 'thread', held.threadId)).statusCode).toBe(404);
    expect((await a.report(member, 'post', held.postId)).statusCode).toBe(404);
  });

  it('a guest cannot reply or follow either', async () => {
    const reply = await a.call('POST', `/api/threads/${held.threadId}/posts`, null, {
      body: 'Sterkte!',
      idempotencyKey: key(),
    });
    expect([401, 404]).toContain(reply.statusCode);
    expect([401, 404]).toContain((await a.call('POST', `/api/threads/${held.threadId}/follow`, null)).statusCode);
  });

  it('its author and the space moderator still can (the author held again, the moderator at once)', async () => {
    const own = await a.call('POST', `/api/threads/${held.threadId}/posts`, members.author, {
      body: 'Nog een aanvulling.',
      idempotencyKey: key(),
    });
    expect(own.statusCode, own.body).toBe(202);
    const before = await spaceCounters(t.app, space.id);
    const moderator = await a.call('POST', `/api/threads/${held.threadId}/posts`, members.moderator, {
      body: 'Welkom, we kijken even mee: meekijkwoord.',
      idempotencyKey: key(),
    });
    expect(moderator.statusCode, moderator.body).toBe(201);
    expect((await a.call('POST', `/api/threads/${held.threadId}/follow`, members.moderator)).statusCode).toBe(200);
    // A reply in a held thread counts nowhere and tells nobody else.
    expect(await spaceCounters(t.app, space.id)).toMatchObject({
      threadCount: before?.threadCount,
      postCount: before?.postCount,
      lastActivityAt: before?.lastActivityAt,
    });
    for (const role of roles) {
      expect(await found(role, 'aanvulling')).toBe(false);
      expect(await found(role, 'meekijkwoord')).toBe(false);
    }
  });

  it('approving a reply inside the still held thread tells nobody (no mention of someone who cannot see it)', async () => {
    const res = await a.call('POST', `/api/threads/${held.threadId}/posts`, members.author, {
      body: `Wat denk jij, @${members.member.username}?`,
      idempotencyKey: key(),
    });
    expect(res.statusCode, res.body).toBe(202);
    const approved = await decide('approve_post', res.json<{ post: { id: string } }>().post.id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await notifications(members.member)).filter((n) => n.threadId === held.threadId)).toEqual([]);
    expect((await a.call('GET', `/api/threads/${held.threadId}`, members.member)).statusCode).toBe(404);
  });

  it.each(roles)('thread:join as %s', async (role) => {
    const socket = await connect(role);
    const ack = await socket.emitWithAck('thread:join', { threadId: held.threadId });
    if (sees.includes(role)) expect(ack).toMatchObject({ ok: true });
    else expect(ack).toEqual({ ok: false, error: 'not_found' });
    socket.disconnect();
  });
});

describe('approve_post', () => {
  it('publishes the thread everywhere, live, with counters, fan-out once and the author told', async () => {
    const guest = await connect('guest');
    const member = await connect('member');
    const seen: { socket: string; event: string; payload: unknown }[] = [];
    for (const [name, socket] of [
      ['guest', guest],
      ['member', member],
    ] as const) {
      expect(await socket.emitWithAck('space:join', { slug: space.slug })).toEqual({ ok: true });
      socket.onAny((event: string, payload: unknown) => seen.push({ socket: name, event, payload }));
    }

    const held = await holdThread();
    // A moderator's reply in the held thread would have been a `thread:updated` to the space room.
    const modReply = await a.call('POST', `/api/threads/${held.threadId}/posts`, members.moderator, {
      body: 'We kijken ernaar.',
      idempotencyKey: key(),
    });
    expect(modReply.statusCode).toBe(201);

    const { item, openCount } = await queueItemFor(held.postId);
    expect(item).toMatchObject({ status: 'open', target: { status: 'pending' } });
    expect(item?.flags).toContain('held');
    expect(openCount).toBeGreaterThanOrEqual(1);

    const before = await spaceCounters(t.app, space.id);
    const created = waitFor<{ thread: { id: string } }>(guest, 'space:thread_created');
    const resolved = await resolveWith(item, 'approve_post', 'Goedgekeurd');
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await created).thread.id).toBe(held.threadId);
    expect(resolved.json().item).toMatchObject({ status: 'resolved', target: { status: 'published' } });
    expect((await queueItemFor(held.postId)).openCount).toBe(openCount - 1);

    // Nothing about the thread reached the space room before it was approved.
    const aboutThread = seen.filter((e) => JSON.stringify(e.payload).includes(held.threadId));
    expect(aboutThread[0]?.event).toBe('space:thread_created');
    expect(aboutThread.some((e) => e.event === 'thread:updated')).toBe(false);

    for (const role of roles) {
      expect((await a.call('GET', `/api/threads/${held.threadId}`, memberOf(role))).statusCode).toBe(200);
      expect(await listed(role, held.threadId)).toBe(true);
      expect(await found(role, held.word)).toBe(true);
    }
    const reply = await a.call('POST', `/api/threads/${held.threadId}/posts`, members.member, {
      body: 'Sterkte!',
      idempotencyKey: key(),
    });
    expect(reply.statusCode).toBe(202); // premoderated: held as a reply, but no longer refused

    // The thread and both published posts (the opening post and the moderator's reply) count now.
    const after = await spaceCounters(t.app, space.id);
    expect(after?.threadCount).toBe((before?.threadCount ?? 0) + 1);
    expect(after?.postCount).toBe((before?.postCount ?? 0) + 2);
    expect(after?.lastActivityAt?.getTime()).toBeGreaterThan(before?.lastActivityAt?.getTime() ?? 0);

    const authorHeard = (await notifications(members.author)).filter((n) => n.threadId === held.threadId);
    expect(authorHeard).toContainEqual(expect.objectContaining({ type: 'moderation_decision', outcome: 'approved' }));
    const followerHeard = (await notifications(follower)).filter(
      (n) => n.type === 'new_threads' && n.threadId === held.threadId,
    );
    expect(followerHeard).toHaveLength(1);

    // Once: the post is no longer pending.
    expectNotPending(await decide('approve_post', held.postId));
    expect(
      (await notifications(follower)).filter((n) => n.type === 'new_threads' && n.threadId === held.threadId),
    ).toHaveLength(1);
  });

  it('a held reply in a published thread bumps nothing until approved (through the actions route)', async () => {
    const open = await a.call('POST', `/api/spaces/${space.slug}/threads`, members.moderator, {
      title: 'Een open gesprek',
      body: 'Vertel maar.',
      idempotencyKey: key(),
    });
    expect(open.statusCode).toBe(201);
    const threadId = open.json<{ thread: { id: string } }>().thread.id;
    const thread = async () =>
      (await a.call('GET', `/api/threads/${threadId}`, null)).json<{
        thread: { replyCount: number; lastActivityAt: string };
      }>().thread;
    const before = { counters: await spaceCounters(t.app, space.id), thread: await thread() };

    const res = await a.call('POST', `/api/threads/${threadId}/posts`, members.author, {
      body: 'Mijn eerste antwoord.',
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(202);
    const postId = res.json<{ post: { id: string } }>().post.id;
    expect(await thread()).toEqual(before.thread);
    expect(await spaceCounters(t.app, space.id)).toMatchObject({
      postCount: before.counters?.postCount,
      lastActivityAt: before.counters?.lastActivityAt,
    });
    expect((await notifications(members.moderator)).filter((n) => n.threadId === threadId)).toEqual([]);

    const approved = await decide('approve_post', postId);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await thread()).replyCount).toBe(1);
    expect((await spaceCounters(t.app, space.id))?.postCount).toBe((before.counters?.postCount ?? 0) + 1);
    // Its queue item is resolved by the action too.
    expect((await queueItemFor(postId)).item).toBeUndefined();
    const told = (await notifications(members.moderator)).filter((n) => n.threadId === threadId);
    expect(told.filter((n) => n.type === 'reply')).toHaveLength(1);
  });

  it('only a moderator of the space or an admin approves; others get 404 / 403', async () => {
    const held = await holdThread();
    const payload = { action: 'approve_post', targetType: 'post', targetId: held.postId, reason: 'Goedgekeurd' };
    expect((await a.act(members.member, payload)).statusCode).toBe(403);
    expect([403, 404]).toContain((await a.act(members.otherModerator, payload)).statusCode);
    expect((await a.act(members.admin, payload)).statusCode).toBe(200);
  });
});

describe('reject_post', () => {
  it('keeps the thread invisible, tells the author the reason, and can be appealed', async () => {
    const held = await holdThread();
    const reason = 'Dit bevat persoonlijke gegevens van iemand anders.';
    const noReason = await a.act(members.moderator, {
      action: 'reject_post',
      targetType: 'post',
      targetId: held.postId,
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await decide('reject_post', held.postId, reason);
    expect(rejected.statusCode, rejected.body).toBe(200);
    const actionId = rejected.json<{ action: { id: string } }>().action.id;
    expect((await queueItemFor(held.postId)).item).toBeUndefined();

    for (const role of roles) {
      const visible = sees.includes(role);
      expect((await a.call('GET', `/api/threads/${held.threadId}`, memberOf(role))).statusCode).toBe(
        visible ? 200 : 404,
      );
      expect(await listed(role, held.threadId)).toBe(visible);
      expect(await found(role, held.word)).toBe(false);
    }
    expect((await notifications(follower)).filter((n) => n.threadId === held.threadId)).toEqual([]);

    const told = (await notifications(members.author)).filter((n) => n.threadId === held.threadId);
    expect(told).toContainEqual(expect.objectContaining({ type: 'moderation_decision', outcome: 'rejected', reason }));

    expectNotPending(await decide('approve_post', held.postId, 'Toch goed'));
    expectNotPending(await decide('reject_post', held.postId, reason));

    const decisions = await a.call('GET', '/api/appeals', members.author);
    expect(decisions.json().items.find((d: { id: string }) => d.id === actionId)).toMatchObject({
      action: 'reject_post',
      reason,
      appealable: true,
    });
    const appeal = await a.call('POST', '/api/appeals', members.author, {
      actionId,
      message: 'Er stond niets persoonlijks in.',
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    // Overturned by an admin: the post is published, and with it the thread.
    const decided = await a.call('POST', `/api/moderation/appeals/${appeal.json().appeal.id}/decide`, members.admin, {
      decision: 'overturn',
      reason: 'Bij nader inzien in orde.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await a.call('GET', `/api/threads/${held.threadId}`, null)).statusCode).toBe(200);
    expect(await listed('guest', held.threadId)).toBe(true);
  });

  it('through the queue: resolving with reject_post closes the held item', async () => {
    const held = await holdThread();
    const { item } = await queueItemFor(held.postId);
    const res = await resolveWith(item, 'reject_post', 'Niet passend in deze ruimte.');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item).toMatchObject({ status: 'resolved', target: { status: 'removed' } });
    expect((await a.call('GET', `/api/threads/${held.threadId}`, members.member)).statusCode).toBe(404);
  });
});
