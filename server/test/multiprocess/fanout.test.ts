/**
 * Two real processes (A and B) on one PostgreSQL database and one Redis: live updates, reader counts
 * and rate limits are shared between them. Runs when TEST_DATABASE_URL and TEST_REDIS_URL are set.
 */
import { randomUUID } from 'node:crypto';
import type { Post } from '@kring/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestMember } from '../factories/members';
import { createTestSpace, startThread } from '../factories/threads';
import { openSocket, waitFor, type TestSocket } from '../helpers/socket';
import { api, multiprocessEnabled, sleep, startCluster, type Cluster, type KringProcess } from './harness';

describe.runIf(multiprocessEnabled)('two processes through Redis', () => {
  let cluster: Cluster;
  let a: KringProcess;
  let b: KringProcess;
  let alice: TestMember;
  let bob: TestMember;
  const open: TestSocket[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ count: 2, rateLimits: true });
    [a, b] = cluster.processes as [KringProcess, KringProcess];
    await createTestSpace(cluster.fixtures, { slug: 'samen' });
    alice = await createMember(cluster.fixtures, { username: 'Alice_Multi' });
    bob = await createMember(cluster.fixtures, { username: 'Bob_Multi' });
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await cluster?.close();
  });

  async function connect(proc: KringProcess, member?: TestMember): Promise<TestSocket> {
    const socket = openSocket(proc.url, member ? { cookie: member.cookie } : {});
    open.push(socket);
    await waitFor(socket, 'hello', 10_000);
    return socket;
  }

  const reply = (proc: KringProcess, member: TestMember, threadId: string, body = 'Herkenbaar, sterkte!') =>
    api(proc.url, 'POST', `/api/threads/${threadId}/posts`, {
      cookie: member.cookie,
      body: { body, idempotencyKey: `k-${randomUUID()}` },
    });

  it('both processes started together and migrated the database once', async () => {
    expect((await api(a.url, 'GET', '/api/health')).status).toBe(200);
    expect((await api(b.url, 'GET', '/api/health')).status).toBe(200);
    expect(a.output().stderr + b.output().stderr).not.toMatch(/error/i);
  });

  it('a session made on one process is valid on the other (sessions live in PostgreSQL)', async () => {
    const onA = await api(a.url, 'GET', '/api/me', { cookie: alice.cookie });
    const onB = await api(b.url, 'GET', '/api/me', { cookie: alice.cookie });
    expect(onA.status).toBe(200);
    expect(onB.status).toBe(200);
    expect(onB.json()).toEqual(onA.json());
  });

  it('a reply posted through A reaches a reader connected to B within a second', async () => {
    const { thread } = await startThread(cluster.fixtures, alice, 'samen');
    const reader = await connect(b);
    expect(await reader.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id })).toMatchObject({
      ok: true,
      latestNumber: 1,
    });

    const arrived = waitFor<{ threadId: string; post: Post }>(reader, 'post:created', 5_000);
    const started = Date.now();
    const res = await reply(a, bob, thread.id, 'Via **proces A**');
    expect(res.status, res.text).toBe(201);
    const { post } = await arrived;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(post).toMatchObject({ number: 2, html: '<p>Via <strong>proces A</strong></p>' });

    // And the other way round.
    const readerOnA = await connect(a);
    await readerOnA.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    const back = waitFor<{ post: Post }>(readerOnA, 'post:created', 5_000);
    expect((await reply(b, alice, thread.id, 'Via B')).status).toBe(201);
    expect((await back).post.number).toBe(3);
  });

  it('counts readers across processes', async () => {
    const { thread } = await startThread(cluster.fixtures, alice, 'samen');
    const onA = await connect(a, alice);
    const onB = await connect(b, bob);
    const guestOnB = await connect(b);
    await onA.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    await onB.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    const counts: number[] = [];
    onA.on('thread:presence', ({ readers }) => counts.push(readers));
    await guestOnB.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    const until = async (readers: number) => {
      const deadline = Date.now() + 5_000;
      while (counts.at(-1) !== readers && Date.now() < deadline) await sleep(50);
      expect(counts.at(-1)).toBe(readers);
    };
    await until(3);

    // Alice opening the thread in a second tab on B is still one reader; the guest leaving is one less.
    const secondTab = await connect(b, alice);
    await secondTab.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    await sleep(200);
    expect(counts.at(-1)).toBe(3);
    guestOnB.close();
    await until(2);
  });

  it('typing on A is shown to readers on B', async () => {
    const { thread } = await startThread(cluster.fixtures, alice, 'samen');
    const typist = await connect(a, alice);
    const reader = await connect(b, bob);
    await typist.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    await reader.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    const typing = waitFor<{ threadId: string }>(reader, 'thread:typing', 5_000);
    typist.emit('thread:typing', { threadId: thread.id });
    expect(await typing).toEqual({ threadId: thread.id });
  });

  it('a member throttled on A is throttled on B (rate-limit counters in Redis)', async () => {
    const carol = await createMember(cluster.fixtures, { username: 'Carol_Multi' });
    const { thread } = await startThread(cluster.fixtures, alice, 'samen');
    // Replies are limited to 10 a minute per member: spend them on both processes.
    for (let i = 0; i < 10; i++) {
      const res = await reply(i % 2 === 0 ? a : b, carol, thread.id, `Bericht ${i}`);
      expect(res.status, res.text).toBe(201);
    }
    const onA = await reply(a, carol, thread.id);
    expect(onA.status).toBe(429);
    const onB = await reply(b, carol, thread.id);
    expect(onB.status).toBe(429);
    expect(onB.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Someone else is not affected.
    expect((await reply(b, bob, thread.id)).status).toBe(201);
  });
});
