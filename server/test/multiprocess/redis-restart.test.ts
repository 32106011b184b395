/**
 * Redis goes away mid-conversation and comes back (empty, as after a restart without persistence):
 * the forum keeps answering, and live updates between the processes resume without restarting them.
 * Uses a private redis-server on a free port, so other test runs are not disturbed.
 * Runs when TEST_DATABASE_URL and TEST_REDIS_URL are set.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestMember } from '../factories/members';
import { createTestSpace, startThread } from '../factories/threads';
import { openSocket, waitFor, type TestSocket } from '../helpers/socket';
import {
  api,
  multiprocessEnabled,
  privateRedis,
  sleep,
  startCluster,
  type Cluster,
  type KringProcess,
  type PrivateRedis,
} from './harness';

describe.runIf(multiprocessEnabled)('Redis restarts', () => {
  let redis: PrivateRedis;
  let cluster: Cluster;
  let a: KringProcess;
  let b: KringProcess;
  let alice: TestMember;
  const open: TestSocket[] = [];

  beforeAll(async () => {
    redis = await privateRedis();
    cluster = await startCluster({ count: 2, rateLimits: true, redisUrl: redis.url });
    [a, b] = cluster.processes as [KringProcess, KringProcess];
    await createTestSpace(cluster.fixtures, { slug: 'herstart' });
    alice = await createMember(cluster.fixtures, { username: 'Alice_Restart' });
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await cluster?.close();
    await redis?.stop();
  });

  it('live updates resume after Redis comes back, without restarting Kring', async () => {
    const { thread } = await startThread(cluster.fixtures, alice, 'herstart');
    const reader = openSocket(b.url);
    open.push(reader);
    await waitFor(reader, 'hello', 10_000);
    await reader.timeout(5_000).emitWithAck('thread:join', { threadId: thread.id });
    const numbers: number[] = [];
    reader.on('post:created', ({ post }) => numbers.push(post.number));
    const reply = (body: string) =>
      api(a.url, 'POST', `/api/threads/${thread.id}/posts`, {
        cookie: alice.cookie,
        body: { body, idempotencyKey: `k-${randomUUID()}` },
      });
    const waitForNumber = async (n: number, ms: number) => {
      const deadline = Date.now() + ms;
      while (!numbers.includes(n) && Date.now() < deadline) await sleep(50);
      return numbers.includes(n);
    };

    expect((await reply('Voor de storing')).status).toBe(201);
    expect(await waitForNumber(2, 2_000)).toBe(true);

    await redis.stop();
    // Without Redis the forum still answers: posting works (rate limits let requests through), and the
    // reader's own connection to B stays open.
    const during = await reply('Tijdens de storing');
    expect(during.status, during.text).toBe(201);
    expect((await api(b.url, 'GET', `/api/threads/${thread.id}/posts`)).status).toBe(200);
    expect(reader.connected).toBe(true);

    await redis.start();
    // The event published during the outage was queued and is delivered once Redis is back …
    expect(await waitForNumber(3, 10_000)).toBe(true);
    // … and new replies flow live again, through the same processes.
    expect((await reply('Na de storing')).status).toBe(201);
    expect(await waitForNumber(4, 5_000)).toBe(true);
    expect(numbers).toEqual([2, 3, 4]);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  });
});
