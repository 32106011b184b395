/**
 * Server restart with connected sockets: readers (Socket.IO clients that behave like the web app — they
 * reconnect on their own and rejoin with the last post number they saw) sit in a thread while the real
 * server process is restarted on the same port and data, once gracefully (SIGTERM, a deploy) and once as a
 * crash (SIGKILL). Right after each restart a second member writes through a new connection while the
 * readers are still reconnecting. Every reader ends with every post exactly once, without gaps.
 */
import { randomUUID } from 'node:crypto';
import { io as connectClient } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { createMember } from '../factories/members';
import { createTestSpace, startThread } from '../factories/threads';
import type { TestSocket } from '../helpers/socket';
import { api, freePort, sleep, startProcess, type KringProcess } from '../multiprocess/harness';
import { faultStores, withFixtures } from './fault-support/stores';

/** A reader like the web app's ThreadState: merges posts by number, rejoins after every reconnect. */
function reader(url: string, threadId: string, cookie?: string) {
  const socket: TestSocket = connectClient(url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    // Slow enough that the restarted server takes writes before the readers are back.
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 2_000,
    randomizationFactor: 0,
  });
  const posts = new Map<number, string>();
  const conflicts: string[] = [];
  let connects = 0;
  socket.on('post:created', ({ post }) => {
    const known = posts.get(post.number);
    if (known && known !== post.id) conflicts.push(`number ${post.number}: ${known} and ${post.id}`);
    posts.set(post.number, post.id);
  });
  socket.on('connect', () => {
    connects++;
    const lastSeenNumber = posts.size ? Math.max(...posts.keys()) : 0;
    void socket
      .timeout(5_000)
      .emitWithAck('thread:join', { threadId, lastSeenNumber })
      .catch(() => undefined);
  });
  return {
    socket,
    posts,
    conflicts,
    connects: () => connects,
    numbers: () => [...posts.keys()].sort((a, b) => a - b),
  };
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await sleep(50);
}

describe.each(faultStores)('restart with connected sockets on %s', (_name, openStore) => {
  it('every reader reconnects by itself and catches up without gaps or duplicates', async () => {
    const store = await openStore();
    const fixtures = await withFixtures(store, async (app) => {
      await createTestSpace(app, { slug: 'herstart' });
      const alice = await createMember(app, { username: 'Alice_Herstart' });
      const bob = await createMember(app, { username: 'Bob_Herstart' });
      const { thread } = await startThread(app, alice, 'herstart');
      return { alice: alice.cookie, bob: bob.cookie, threadId: thread.id };
    });
    const port = await freePort();
    const options = { ...store.processOptions, port };
    let proc: KringProcess = await startProcess('restart', options);
    const readers = [
      reader(proc.url, fixtures.threadId),
      reader(proc.url, fixtures.threadId),
      reader(proc.url, fixtures.threadId, fixtures.alice),
      reader(proc.url, fixtures.threadId, fixtures.bob),
    ];
    let written = 1;
    const reply = async (cookie: string, body: string) => {
      const res = await api(proc.url, 'POST', `/api/threads/${fixtures.threadId}/posts`, {
        cookie,
        body: { body, idempotencyKey: randomUUID() },
      });
      expect(res.status, res.text).toBe(201);
      written++;
    };
    const everyoneHasAll = () => readers.every((r) => r.posts.size === written);

    try {
      await until(everyoneHasAll, 15_000);
      for (let i = 0; i < 3; i++) await reply(fixtures.alice, `Voor de herstart ${i}`);
      await until(everyoneHasAll, 10_000);
      expect(readers.map((r) => r.numbers())).toEqual(readers.map(() => [1, 2, 3, 4]));

      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        await proc.kill(signal);
        await until(() => readers.every((r) => !r.socket.connected), 5_000);
        expect(readers.map((r) => r.socket.connected)).toEqual(readers.map(() => false));
        proc = await startProcess(`restarted-after-${signal}`, options);
        // Written by a second connection while the readers are still waiting to reconnect.
        for (let i = 0; i < 4; i++) await reply(fixtures.bob, `Na ${signal} ${i}`);
        await until(everyoneHasAll, 20_000);
        for (const r of readers) {
          expect(r.socket.connected).toBe(true);
          expect(r.numbers()).toEqual(Array.from({ length: written }, (_, i) => i + 1));
          expect(r.conflicts).toEqual([]);
        }
      }
      // Two restarts: every reader connected three times, on its own.
      expect(readers.map((r) => r.connects())).toEqual(readers.map(() => 3));
      // And live delivery works again after the catch-up.
      await reply(fixtures.alice, 'Weer live');
      await until(everyoneHasAll, 5_000);
      expect(readers.map((r) => r.posts.size)).toEqual(readers.map(() => written));
    } finally {
      for (const r of readers) r.socket.close();
      await proc.kill('SIGKILL');
      await store.remove();
    }
  }, 360_000);
});
