/**
 * A ban in a closed space ends reading there (issue 21): the membership ends, reads answer 404, and a socket that
 * joined before the ban leaves the space's and its threads' rooms within a second. In a public space a ban stops
 * writing only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '@kring/shared';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { listen, openSocket, waitFor, type TestSocket } from '../../helpers/socket';
import { addMembership, createTestSpace, replyTo, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let baseUrl: string;
let closed: SpaceRow;
let open: SpaceRow;
let member: TestMember;
let mod: TestMember;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  baseUrl = await listen(t.app);
  closed = await createTestSpace(t.app, { slug: 'besloten-ban', visibility: 'closed' });
  open = await createTestSpace(t.app, { slug: 'open-ban' });
  member = await createMember(t.app, { createdAt: new Date(Date.now() - 30 * 86_400_000) });
  mod = await createMember(t.app, { moderatorOf: [closed.id, open.id] });
  await addMembership(t.app, closed.id, member.id);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t.close();
});

async function connected(who: TestMember): Promise<TestSocket> {
  const socket = openSocket(baseUrl, { cookie: who.cookie });
  sockets.push(socket);
  await waitFor(socket, 'hello');
  return socket;
}

const search = async (who: TestMember, q: string) =>
  (await a.call('GET', `/api/search?q=${encodeURIComponent(q)}`, who)).json<SearchResults>().items;

describe('ban in a closed space', () => {
  it('ends the membership, every read there, and the live events on a socket that joined before', async () => {
    const { thread } = await startThread(t.app, mod, closed.slug, {
      title: 'Zeldzaamwoord besloten gesprek',
      body: 'Alleen voor leden.',
    });
    expect((await a.call('GET', `/api/threads/${thread.id}`, member)).statusCode).toBe(200);
    expect(await search(member, 'zeldzaamwoord')).toHaveLength(1);
    const socket = await connected(member);
    expect(await socket.emitWithAck('thread:join', { threadId: thread.id, lastSeenNumber: 1 })).toMatchObject({
      ok: true,
    });
    expect(await socket.emitWithAck('space:join', { slug: closed.slug })).toEqual({ ok: true });
    const heard: string[] = [];
    socket.onAny((event: string) => heard.push(event));

    const ban = await a.act(mod, {
      action: 'ban_user',
      targetType: 'user',
      targetId: member.id,
      space: closed.id,
      reason: 'Herhaaldelijk grensoverschrijdend',
    });
    expect(ban.statusCode, ban.body).toBe(200);

    // Reading there is over.
    expect((await a.call('GET', `/api/threads/${thread.id}`, member)).statusCode).toBe(404);
    expect((await a.call('GET', `/api/threads/${thread.id}/posts`, member)).statusCode).toBe(404);
    expect((await a.call('GET', `/api/spaces/${closed.slug}/threads`, member)).statusCode).toBe(404);
    expect(await search(member, 'zeldzaamwoord')).toEqual([]);

    // The socket left the rooms: a new post there reaches it no more (the moderator's own socket hears it).
    const watcher = await connected(mod);
    await watcher.emitWithAck('thread:join', { threadId: thread.id, lastSeenNumber: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    heard.length = 0;
    const arrived = waitFor(watcher, 'post:created');
    await replyTo(t.app, mod, thread.id, { body: 'Na de ban' });
    await arrived;
    await socket.timeout(3_000).emitWithAck('ping');
    expect(heard.filter((event) => event !== 'notification:new')).toEqual([]);
    // And it cannot join again.
    expect(await socket.emitWithAck('thread:join', { threadId: thread.id, lastSeenNumber: 0 })).toEqual({
      ok: false,
      error: 'not_found',
    });
    // Nor ask to be let in again while the ban lasts.
    const again = await a.call('POST', `/api/spaces/${closed.slug}/join`, member, { message: 'Mag ik terug?' });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('banned');
  });
});

describe('ban in a public space', () => {
  it('stops writing but not reading', async () => {
    const { thread } = await startThread(t.app, mod, open.slug, { title: 'Open gesprek', body: 'Voor iedereen.' });
    const own = await replyTo(t.app, member, thread.id, { body: 'Mijn open reactie' });
    const ban = await a.act(mod, { action: 'ban_user', targetType: 'post', targetId: own.id, reason: 'Spam' });
    expect(ban.statusCode, ban.body).toBe(200);
    expect((await a.call('GET', `/api/threads/${thread.id}`, member)).statusCode).toBe(200);
    const write = await a.call('POST', `/api/threads/${thread.id}/posts`, member, {
      body: 'Nog eentje',
      idempotencyKey: `k-${Date.now()}`,
    });
    expect(write.statusCode).toBe(403);
  });
});
