/**
 * Notifications go only to the right members and never reveal an anonymous author: replies in followed
 * threads and new threads in followed spaces (digests), mentions, join-request decisions; the centre,
 * marking read, settings and the "take a break" pause; live delivery to every open tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, NotificationList } from '@kring/shared';
import { eq } from 'drizzle-orm';
import { threadFollows, users } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../../helpers/socket';
import { createMember, type TestMember } from '../../factories/members';
import { addMembership, createTestSpace, replyTo, startThread } from '../../factories/threads';

let t: TestApp;
let baseUrl: string;
let slug: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  baseUrl = await listen(t.app);
  slug = (await createTestSpace(t.app)).slug;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t.close();
});

async function list(member: TestMember, query = ''): Promise<NotificationList> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/notifications${query}`,
    headers: { cookie: member.cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationList>();
}

function markRead(member: TestMember, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/notifications/read', headers: { cookie: member.cookie }, payload });
}

function saveSettings(member: TestMember, payload: object) {
  return t.app.inject({
    method: 'PUT',
    url: '/api/notifications/settings',
    headers: { cookie: member.cookie },
    payload,
  });
}

async function connected(member: TestMember): Promise<TestSocket> {
  const socket = openSocket(baseUrl, { cookie: member.cookie });
  sockets.push(socket);
  await waitFor(socket, 'hello');
  return socket;
}

describe('replies in followed threads', () => {
  it('notify the thread’s followers once per thread while unread (a digest), never the writer', async () => {
    const opener = await createMember(t.app);
    const replier = await createMember(t.app);
    const { thread } = await startThread(t.app, opener, slug, { title: 'Wie herkent dit gevoel?' });
    await replyTo(t.app, replier, thread.id);
    await replyTo(t.app, replier, thread.id);
    const mine = await list(opener);
    expect(mine.unreadCount).toBe(1);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      type: 'reply',
      count: 2,
      threadId: thread.id,
      threadTitle: 'Wie herkent dit gevoel?',
      spaceSlug: slug,
      postNumber: 2,
      read: false,
      actorUsername: null,
    });
    // The replier follows the thread now, but hears nothing of their own replies.
    expect((await list(replier)).items).toEqual([]);

    // Once read, the next reply starts a new notification.
    expect((await markRead(opener, {})).json()).toEqual({ unreadCount: 0 });
    await replyTo(t.app, replier, thread.id);
    const after = await list(opener);
    expect(after.unreadCount).toBe(1);
    expect(after.items.map((n) => [n.count, n.read, n.postNumber])).toEqual([
      [1, false, 4],
      [2, true, 2],
    ]);
  });

  it('never reveal the account behind an anonymous reply', async () => {
    const opener = await createMember(t.app);
    const secret = await createMember(t.app);
    const { thread } = await startThread(t.app, opener, slug);
    await replyTo(t.app, secret, thread.id, { body: 'Anoniem: bij mij ook, @' + opener.username, anonymous: true });
    const res = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: opener.cookie } });
    expect(res.json<NotificationList>().items.map((n) => n.type)).toEqual(['reply']);
    expect(res.body).not.toContain(secret.username);
    expect(res.body).not.toContain(secret.id);
  });

  it('skip followers who can no longer read the space', async () => {
    const closed = await createTestSpace(t.app, { visibility: 'closed' });
    const opener = await createMember(t.app);
    const leaver = await createMember(t.app);
    await addMembership(t.app, closed.id, opener.id, 'approved');
    const { thread } = await startThread(t.app, opener, closed.slug);
    // A follow row left over from when the member could read the space.
    await t.app.inject({ method: 'POST', url: `/api/threads/${thread.id}/follow`, headers: { cookie: opener.cookie } });
    await t.app.kring.database.db.insert(threadFollows).values({ threadId: thread.id, userId: leaver.id });
    const replier = await createMember(t.app);
    await addMembership(t.app, closed.id, replier.id, 'approved');
    await replyTo(t.app, replier, thread.id);
    expect((await list(leaver)).items).toEqual([]);
    expect((await list(opener)).items.map((n) => n.type)).toEqual(['reply']);
  });
});

describe('new threads in followed spaces', () => {
  it('fold into one digest per space, not to the starter', async () => {
    const space = await createTestSpace(t.app);
    const follower = await createMember(t.app);
    const starter = await createMember(t.app);
    await t.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/follow`,
      headers: { cookie: follower.cookie },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/follow`,
      headers: { cookie: starter.cookie },
    });
    await startThread(t.app, starter, space.slug, { title: 'Eerste onderwerp hier' });
    await startThread(t.app, starter, space.slug, { title: 'Tweede onderwerp hier', anonymous: true });
    await startThread(t.app, starter, space.slug, { title: 'Derde onderwerp hier' });
    const mine = await list(follower);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ type: 'new_threads', count: 3, spaceSlug: space.slug, actorUsername: null });
    expect((await list(starter)).items).toEqual([]);
  });
});

describe('mentions', () => {
  it('notify a mentioned member who can read the space, naming the writer’s pseudonym', async () => {
    const writer = await createMember(t.app);
    const named = await createMember(t.app);
    const { thread } = await startThread(t.app, writer, slug, {
      body: `Misschien weet @${named.username.toUpperCase()} hier meer van?`,
    });
    const mine = await list(named);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ type: 'mention', threadId: thread.id, actorUsername: writer.username });
  });

  it('never come from an anonymous post', async () => {
    const writer = await createMember(t.app);
    const named = await createMember(t.app);
    await startThread(t.app, writer, slug, { body: `Vraag aan @${named.username}`, anonymous: true });
    expect((await list(named)).items).toEqual([]);
  });

  it('do not reach members who cannot read the space, or the writer themself', async () => {
    const closed = await createTestSpace(t.app, { visibility: 'closed' });
    const writer = await createMember(t.app);
    const outsider = await createMember(t.app);
    await addMembership(t.app, closed.id, writer.id, 'approved');
    await startThread(t.app, writer, closed.slug, { body: `Hoi @${outsider.username} en @${writer.username}` });
    expect((await list(outsider)).items).toEqual([]);
    expect((await list(writer)).items).toEqual([]);
  });
});

describe('join-request decisions', () => {
  it('tell the member the outcome', async () => {
    const closed = await createTestSpace(t.app, { visibility: 'closed' });
    const moderator = await createMember(t.app, { moderatorOf: [closed.id] });
    const asker = await createMember(t.app);
    const join = await t.app.inject({
      method: 'POST',
      url: `/api/spaces/${closed.slug}/join`,
      headers: { cookie: asker.cookie },
    });
    expect(join.statusCode, join.body).toBeLessThan(300);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/spaces/${closed.slug}/join-requests/${asker.id}/approve`,
      headers: { cookie: moderator.cookie },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await list(asker)).items[0]).toMatchObject({
      type: 'join_request_decided',
      outcome: 'approved',
      spaceSlug: closed.slug,
    });
  });
});

describe('the notification centre', () => {
  it('marks single notifications read, ignores other members’ ids, and pages with a cursor', async () => {
    const me = await createMember(t.app);
    const other = await createMember(t.app);
    const writer = await createMember(t.app);
    for (let i = 0; i < 3; i += 1) await startThread(t.app, writer, slug, { body: `Hallo @${me.username}` });
    await startThread(t.app, writer, slug, { body: `Hallo @${other.username}` });
    const all = await list(me);
    expect(all.unreadCount).toBe(3);
    const theirs = (await list(other)).items[0] as Notification;

    const res = await markRead(me, { ids: [all.items[0]?.id, theirs.id] });
    expect(res.json()).toEqual({ unreadCount: 2 });
    expect((await list(other)).unreadCount).toBe(1);
    expect((await list(me, '?unread=true')).items).toHaveLength(2);

    const first = await list(me, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(me, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((n) => n.id)).size).toBe(3);

    const count = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/unread-count',
      headers: { cookie: me.cookie },
    });
    expect(count.json()).toEqual({ unreadCount: 2 });
  });

  it('answers 400 for a malformed cursor, malformed ids and unknown fields', async () => {
    const me = await createMember(t.app);
    const cursor = await t.app.inject({
      method: 'GET',
      url: '/api/notifications?cursor=bm9wZQ',
      headers: { cookie: me.cookie },
    });
    expect(cursor.statusCode).toBe(400);
    expect((await markRead(me, { ids: ['niet-een-id'] })).statusCode).toBe(400);
    expect((await markRead(me, { ids: [] })).statusCode).toBe(400);
    expect((await markRead(me, { all: true })).statusCode).toBe(400);
  });

  it('answers 401 to guests', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/read'],
      ['GET', '/api/notifications/settings'],
      ['PUT', '/api/notifications/settings'],
    ] as const) {
      const res = await t.app.inject({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('settings and the pause', () => {
  it('a type switched off is not notified; switched on again it is', async () => {
    const me = await createMember(t.app);
    const writer = await createMember(t.app);
    const off = await saveSettings(me, { enabled: { mention: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<{ enabled: Record<string, boolean> }>().enabled).toMatchObject({ mention: false, reply: true });
    await startThread(t.app, writer, slug, { body: `Hoi @${me.username}` });
    expect((await list(me)).items).toEqual([]);
    await saveSettings(me, { enabled: { mention: true } });
    await startThread(t.app, writer, slug, { body: `Hoi @${me.username}` });
    expect((await list(me)).items.map((n) => n.type)).toEqual(['mention']);
  });

  it('"take a break" holds everything until the chosen moment; null ends it', async () => {
    const me = await createMember(t.app);
    const writer = await createMember(t.app);
    const until = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const paused = await saveSettings(me, { pausedUntil: until });
    expect(paused.json()).toMatchObject({ pausedUntil: until });
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/settings',
      headers: { cookie: me.cookie },
    });
    expect(read.json()).toMatchObject({ pausedUntil: until });
    await startThread(t.app, writer, slug, { body: `Hoi @${me.username}` });
    expect((await list(me)).items).toEqual([]);
    await saveSettings(me, { pausedUntil: null });
    await startThread(t.app, writer, slug, { body: `Hoi @${me.username}` });
    expect((await list(me)).items).toHaveLength(1);
  });

  it('answers 400 for a pause in the past, an unknown type and unknown fields', async () => {
    const me = await createMember(t.app);
    expect((await saveSettings(me, { pausedUntil: '2000-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await saveSettings(me, { pausedUntil: 'morgen' })).statusCode).toBe(400);
    expect((await saveSettings(me, { enabled: { everything: false } })).statusCode).toBe(400);
    expect((await saveSettings(me, { mute: true })).statusCode).toBe(400);
  });
});

describe('live delivery', () => {
  it('reaches every open tab of the member (and nobody else), with the unread count; reading updates the badge', async () => {
    const me = await createMember(t.app);
    const bystander = await createMember(t.app);
    const writer = await createMember(t.app);
    const tabA = await connected(me);
    const tabB = await connected(me);
    const other = await connected(bystander);
    let leaked = false;
    other.on('notification', () => {
      leaked = true;
    });
    const gotA = waitFor<{ notification: Notification; unreadCount: number }>(tabA, 'notification');
    const gotB = waitFor<{ notification: Notification; unreadCount: number }>(tabB, 'notification');
    await startThread(t.app, writer, slug, { body: `Hoi @${me.username}`, title: 'Live melding test' });
    const [a, b] = await Promise.all([gotA, gotB]);
    expect(a.unreadCount).toBe(1);
    expect(a.notification).toMatchObject({ type: 'mention', threadTitle: 'Live melding test' });
    expect(b.notification.id).toBe(a.notification.id);

    const readA = waitFor<{ unreadCount: number }>(tabA, 'notifications:read');
    const readB = waitFor<{ unreadCount: number }>(tabB, 'notifications:read');
    await markRead(me, {});
    expect(await readA).toEqual({ unreadCount: 0 });
    expect(await readB).toEqual({ unreadCount: 0 });
    expect(leaked).toBe(false);
  });

  it('guests’ sockets receive nothing', async () => {
    const guestSocket = openSocket(baseUrl);
    sockets.push(guestSocket);
    await waitFor(guestSocket, 'hello');
    let received = false;
    guestSocket.on('notification', () => {
      received = true;
    });
    const writer = await createMember(t.app);
    const named = await createMember(t.app);
    const named2 = await connected(named);
    const arrived = waitFor(named2, 'notification');
    await startThread(t.app, writer, slug, { body: `Hoi @${named.username}` });
    await arrived;
    expect(received).toBe(false);
  });
});

describe('account deletion and export', () => {
  it("deleting an account removes its pseudonym from others' mention notifications", async () => {
    const writer = await createMember(t.app);
    const named = await createMember(t.app);
    await startThread(t.app, writer, slug, { body: `Hoi @${named.username}` });
    expect((await list(named)).items[0]?.actorUsername).toBe(writer.username);
    const hook = t.app.kring.accountExtensions.deletionHooks.find((h) => h.name === 'notifications');
    if (!hook) throw new Error('the notifications deletion hook is not registered');
    await t.app.kring.database.db.transaction(async (tx) => {
      await hook.hook(tx, writer.id, 'erase');
      await tx.delete(users).where(eq(users.id, writer.id));
    });
    const after = await list(named);
    expect(after.items[0]).toMatchObject({ type: 'mention', actorUsername: null });
    expect(JSON.stringify(after)).not.toContain(writer.username);
  });

  it('the export lists follows and notifications', async () => {
    const member = await createMember(t.app);
    const { thread } = await startThread(t.app, member, slug);
    await t.app.inject({ method: 'POST', url: `/api/spaces/${slug}/follow`, headers: { cookie: member.cookie } });
    const sections = Object.fromEntries(
      await Promise.all(
        t.app.kring.accountExtensions.exportSections
          .filter((s) => s.name === 'follows' || s.name === 'notifications')
          .map(async (s) => [s.name, await s.section(t.app.kring.database.db, member.id)] as const),
      ),
    );
    expect(sections.follows).toMatchObject({ threads: [{ threadId: thread.id }], spaces: [{ slug }] });
    expect(sections.notifications).toMatchObject({ items: [], settings: null });
  });
});
