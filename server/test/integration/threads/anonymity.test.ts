/**
 * Anonymous posts: a stable per-thread alias per account, and the account never appears in any HTTP
 * response, socket payload or log line (asserted on the raw JSON, for every reader).
 */
import type { Post } from '@kring/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../../helpers/socket';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, replyTo, startThread } from '../../factories/threads';

let t: TestApp;
let baseUrl: string;
let hidden: TestMember;
let second: TestMember;
let named: TestMember;
let moderator: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false }, { captureLogs: true });
  baseUrl = await listen(t.app);
  const space = await createTestSpace(t.app, { slug: 'rouw' });
  hidden = await createMember(t.app, { username: 'Verborgen_Reiger' });
  second = await createMember(t.app, { username: 'Stille_Merel' });
  named = await createMember(t.app, { username: 'Open_Vink' });
  moderator = await createMember(t.app, { username: 'Moderator_Uil', moderatorOf: [space.id] });
});
afterAll(async () => {
  await t.close();
});

/** Nothing that identifies the account behind an anonymous post. */
function expectNoTrace(raw: string, who: TestMember, where: string): void {
  expect(raw, where).not.toContain(who.id);
  expect(raw.toLowerCase(), where).not.toContain(who.username.toLowerCase());
}

function collect(socket: TestSocket): unknown[] {
  const seen: unknown[] = [];
  socket.onAny((event: string, ...args: unknown[]) => seen.push({ event, args }));
  return seen;
}

describe('anonymous posting', () => {
  it('gives each anonymous writer a stable letter per thread, starting with the opener', async () => {
    const { thread, post } = await startThread(t.app, hidden, 'rouw', { anonymous: true, title: 'Een jaar later' });
    expect(post.author).toEqual({ kind: 'anonymous', alias: 'A' });
    expect(thread.author).toEqual({ kind: 'anonymous', alias: 'A' });
    const b = await replyTo(t.app, second, thread.id, { anonymous: true });
    const named1 = await replyTo(t.app, named, thread.id);
    const aAgain = await replyTo(t.app, hidden, thread.id, { anonymous: true });
    const bAgain = await replyTo(t.app, second, thread.id, { anonymous: true });
    expect(b.author).toEqual({ kind: 'anonymous', alias: 'B' });
    expect(named1.author).toEqual({ kind: 'member', username: 'Open_Vink' });
    expect(aAgain.author).toEqual({ kind: 'anonymous', alias: 'A' });
    expect(bAgain.author).toEqual({ kind: 'anonymous', alias: 'B' });

    // In another thread the letters start again.
    const other = await startThread(t.app, second, 'rouw', { anonymous: true });
    expect(other.post.author).toEqual({ kind: 'anonymous', alias: 'A' });
    const there = await replyTo(t.app, hidden, other.thread.id, { anonymous: true });
    expect(there.author).toEqual({ kind: 'anonymous', alias: 'B' });
  });

  it('never reveals the account in any HTTP response, to anyone', async () => {
    const { thread, post } = await startThread(t.app, hidden, 'rouw', { anonymous: true, title: 'Niemand weet wie' });
    const reply = await replyTo(t.app, hidden, thread.id, { anonymous: true, body: 'Nog iets' });
    const readers: (TestMember | null)[] = [null, named, second, moderator, hidden];
    for (const reader of readers) {
      const headers = reader ? { cookie: reader.cookie } : {};
      for (const url of [
        `/api/threads/${thread.id}`,
        `/api/threads/${thread.id}/posts`,
        `/api/threads/${thread.id}/posts?around=2`,
        '/api/spaces/rouw/threads',
        '/api/spaces/rouw/threads?filter=unanswered',
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        expect(res.statusCode).toBe(200);
        expectNoTrace(res.body, hidden, `${reader?.username ?? 'guest'} ${url}`);
      }
    }
    // The author's own write answers carry no account either (only `mine: true` for them).
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${reply.id}`,
      headers: { cookie: hidden.cookie },
      payload: { body: 'Aangepast' },
    });
    expectNoTrace(edit.body, hidden, 'PATCH response');
    const react = await t.app.inject({
      method: 'PUT',
      url: `/api/posts/${post.id}/reactions/steun`,
      headers: { cookie: named.cookie },
    });
    expectNoTrace(react.body, hidden, 'reaction response');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/posts/${reply.id}`,
      headers: { cookie: hidden.cookie },
    });
    expectNoTrace(removed.body, hidden, 'DELETE response');
  });

  it('never reveals the account in any socket payload', async () => {
    const { thread, post } = await startThread(t.app, hidden, 'rouw', { anonymous: true, title: 'Live en anoniem' });
    const watcher = openSocket(baseUrl, { cookie: named.cookie });
    const mod = openSocket(baseUrl, { cookie: moderator.cookie });
    const self = openSocket(baseUrl, { cookie: hidden.cookie });
    const spaceWatcher = openSocket(baseUrl);
    const sockets = [watcher, mod, self, spaceWatcher];
    const logs = sockets.map(collect);
    try {
      await Promise.all(sockets.map((s) => waitFor(s, 'hello')));
      for (const s of [watcher, mod, self]) {
        expect(
          await s.timeout(3_000).emitWithAck('thread:join', { threadId: thread.id, lastSeenNumber: 0 }),
        ).toMatchObject({
          ok: true,
        });
      }
      expect(await spaceWatcher.timeout(3_000).emitWithAck('space:join', { slug: 'rouw' })).toEqual({ ok: true });

      const created = waitFor<{ post: Post }>(watcher, 'post:created');
      const reply = await replyTo(t.app, hidden, thread.id, { anonymous: true, body: 'Live' });
      expect((await created).post.author).toEqual({ kind: 'anonymous', alias: 'A' });
      const updated = waitFor(watcher, 'post:updated');
      await t.app.inject({
        method: 'PATCH',
        url: `/api/posts/${reply.id}`,
        headers: { cookie: hidden.cookie },
        payload: { body: 'Live, aangepast' },
      });
      await updated;
      const reacted = waitFor(watcher, 'reactions:updated');
      await t.app.inject({
        method: 'PUT',
        url: `/api/posts/${post.id}/reactions/herkenning`,
        headers: { cookie: named.cookie },
      });
      await reacted;
      const typing = waitFor(watcher, 'thread:typing');
      self.emit('thread:typing', { threadId: thread.id });
      await typing;
      const removed = waitFor(watcher, 'post:removed');
      await t.app.inject({ method: 'DELETE', url: `/api/posts/${reply.id}`, headers: { cookie: hidden.cookie } });
      await removed;
      const newThread = waitFor(spaceWatcher, 'space:thread_created');
      await startThread(t.app, hidden, 'rouw', { anonymous: true, title: 'Nog een anonieme draad' });
      await newThread;

      const everything = JSON.stringify(logs);
      expect(everything).toContain('post:created');
      expectNoTrace(everything, hidden, 'socket payloads');
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it('writes neither the account behind an alias nor any post body to the logs', async () => {
    const { thread } = await startThread(t.app, hidden, 'rouw', {
      anonymous: true,
      title: 'Logboek',
      body: 'Geheime-tekst-die-niet-gelogd-mag-worden',
    });
    await replyTo(t.app, hidden, thread.id, { anonymous: true, body: 'Nog-een-geheime-tekst' });
    const logs = t.logs.join('\n');
    expect(logs).not.toContain('Geheime-tekst-die-niet-gelogd-mag-worden');
    expect(logs).not.toContain('Nog-een-geheime-tekst');
    expect(logs).not.toContain(hidden.token);
    expect(logs).not.toContain(hidden.id);
  });
});
