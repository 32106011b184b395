/** Live moderation: the queue reaches online moderators of that space; hidden posts disappear for readers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanctions } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { listen, openSocket, waitFor, type TestSocket } from '../../helpers/socket';
import { createTestSpace, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let baseUrl: string;
let space: SpaceRow;
let other: SpaceRow;
let author: TestMember;
let reporter: TestMember;
let mod: TestMember;
let otherMod: TestMember;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  baseUrl = await listen(t.app);
  space = await createTestSpace(t.app, { slug: 'live-mod' });
  other = await createTestSpace(t.app, { slug: 'live-other' });
  author = await createMember(t.app);
  reporter = await createMember(t.app);
  mod = await createMember(t.app, { moderatorOf: [space.id] });
  otherMod = await createMember(t.app, { moderatorOf: [other.id] });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t.close();
});

async function connected(member: TestMember | null): Promise<TestSocket> {
  const socket = openSocket(baseUrl, member ? { cookie: member.cookie } : {});
  sockets.push(socket);
  await waitFor(socket, 'hello');
  return socket;
}

describe('moderation:join and moderation:item', () => {
  it('refuses members and guests, and other spaces', async () => {
    const member = await connected(reporter);
    expect(await member.emitWithAck('moderation:join', {})).toEqual({ ok: false, error: 'not_found' });
    const guest = await connected(null);
    expect(await guest.emitWithAck('moderation:join', { space: space.slug })).toEqual({
      ok: false,
      error: 'not_found',
    });
    const wrong = await connected(otherMod);
    expect(await wrong.emitWithAck('moderation:join', { space: space.slug })).toEqual({
      ok: false,
      error: 'not_found',
    });
  });

  it('delivers new items to moderators of that space only, without the anonymous author', async () => {
    const mine = await connected(mod);
    expect(await mine.emitWithAck('moderation:join', { space: space.slug })).toEqual({ ok: true });
    const theirs = await connected(otherMod);
    expect(await theirs.emitWithAck('moderation:join', {})).toEqual({ ok: true });
    let leaked = false;
    theirs.on('moderation:item', () => {
      leaked = true;
    });
    const { post } = await startThread(t.app, author, space.slug, { anonymous: true });
    const arrived = waitFor<{ item: { target: { id: string } } }>(mine, 'moderation:item');
    await a.report(reporter, 'post', post.id, 'unkind');
    const payload = await arrived;
    expect(payload.item.target.id).toBe(post.id);
    expect(JSON.stringify(payload)).not.toContain(author.id);
    expect(JSON.stringify(payload)).not.toContain(author.username);
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toBe(false);
  });

  it('a hidden post disappears live for readers of the thread', async () => {
    const { thread, post } = await startThread(t.app, author, space.slug);
    const readerSocket = await connected(reporter);
    expect((await readerSocket.emitWithAck('thread:join', { threadId: thread.id })).ok).toBe(true);
    const removed = waitFor<{ postId: string; status: string }>(readerSocket, 'post:removed');
    await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason: 'Onvriendelijk' });
    expect(await removed).toMatchObject({ postId: post.id, status: 'hidden' });
  });
});

describe('thread:typing from sanctioned members', () => {
  it('is dropped for members muted or banned in the space, or suspended: no indicator goes out', async () => {
    const { thread } = await startThread(t.app, author, space.slug);
    const muted = await createMember(t.app);
    const banned = await createMember(t.app);
    const suspended = await createMember(t.app);
    const free = await createMember(t.app);
    const reader = await connected(reporter);
    expect((await reader.emitWithAck('thread:join', { threadId: thread.id })).ok).toBe(true);
    const heard: unknown[] = [];
    reader.on('thread:typing', (payload) => heard.push(payload));

    const reason = 'Even afkoelen';
    const muting = { action: 'mute_user', targetType: 'user', reason, space: space.id, durationHours: 24 };
    expect((await a.act(mod, { ...muting, targetId: muted.id })).statusCode).toBe(200);
    expect(
      (await a.act(mod, { action: 'ban_user', targetType: 'user', targetId: banned.id, reason, space: space.id }))
        .statusCode,
    ).toBe(200);
    // A suspension normally ends every session at once; a socket that outlived it (another process, a
    // race) must still not type, so the suspension is written directly here, leaving the session alive.
    await t.app.kring.database.db.insert(sanctions).values({ userId: suspended.id, spaceId: null, kind: 'suspend' });

    for (const [member, code] of [
      [muted, 'muted'],
      [banned, 'banned'],
      [suspended, 'suspended'],
    ] as const) {
      const socket = await connected(member);
      expect((await socket.emitWithAck('thread:join', { threadId: thread.id })).ok).toBe(true);
      expect(await socket.emitWithAck('thread:typing', { threadId: thread.id })).toEqual({ ok: false, error: code });
    }
    // Events to one room arrive in order: once the free member's signal is heard, nothing came before it.
    const socket = await connected(free);
    expect((await socket.emitWithAck('thread:join', { threadId: thread.id })).ok).toBe(true);
    expect(await socket.emitWithAck('thread:typing', { threadId: thread.id })).toEqual({ ok: true });
    await expect.poll(() => heard.length).toBe(1);
    expect(heard).toEqual([{ threadId: thread.id }]);

    // Lifting the mute lets the member type again.
    expect(
      (await a.act(mod, { action: 'unban_user', targetType: 'user', targetId: muted.id, reason, space: space.id }))
        .statusCode,
    ).toBe(200);
    const again = await connected(muted);
    expect((await again.emitWithAck('thread:join', { threadId: thread.id })).ok).toBe(true);
    expect(await again.emitWithAck('thread:typing', { threadId: thread.id })).toEqual({ ok: true });
    await expect.poll(() => heard.length).toBe(2);
  });
});
