/**
 * Two processes behind a load balancer; process A crashes (SIGKILL). B keeps serving, and A's readers
 * reconnect through the load balancer to B and catch up on what they missed, without gaps.
 * Runs when TEST_DATABASE_URL and TEST_REDIS_URL are set.
 */
import { randomUUID } from 'node:crypto';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestMember } from '../factories/members';
import { createTestSpace, startThread } from '../factories/threads';
import type { TestSocket } from '../helpers/socket';
import {
  api,
  multiprocessEnabled,
  sleep,
  startCluster,
  startLoadBalancer,
  type Cluster,
  type KringProcess,
  type LoadBalancer,
} from './harness';

/** A reader like the web app: joins on every (re)connect with the last number it has seen. */
function reader(url: string, threadId: string) {
  const socket: TestSocket = connectClient(url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0,
  });
  const numbers = new Set<number>();
  let disconnects = 0;
  socket.on('post:created', ({ post }) => numbers.add(post.number));
  socket.on('disconnect', () => disconnects++);
  socket.on('connect', () => {
    const lastSeen = numbers.size ? Math.max(...numbers) : undefined;
    void socket
      .timeout(5_000)
      .emitWithAck('thread:join', lastSeen === undefined ? { threadId } : { threadId, lastSeenNumber: lastSeen })
      .then((result) => {
        if (result.ok && lastSeen === undefined) for (let n = 1; n <= result.latestNumber; n++) numbers.add(n);
      })
      .catch(() => undefined);
  });
  return { socket, numbers, disconnects: () => disconnects };
}

describe.runIf(multiprocessEnabled)('a process dies', () => {
  let cluster: Cluster;
  let lb: LoadBalancer;
  let a: KringProcess;
  let b: KringProcess;
  let alice: TestMember;
  const readers: ReturnType<typeof reader>[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ count: 2 });
    [a, b] = cluster.processes as [KringProcess, KringProcess];
    lb = await startLoadBalancer([a.port, b.port]);
    await createTestSpace(cluster.fixtures, { slug: 'failover' });
    alice = await createMember(cluster.fixtures, { username: 'Alice_Failover' });
  });
  afterAll(async () => {
    for (const r of readers) r.socket.close();
    await lb?.close();
    await cluster?.close();
  });

  const reply = (proc: KringProcess | LoadBalancer, body: string) =>
    api(proc.url, 'POST', `/api/threads/${threadId}/posts`, {
      cookie: alice.cookie,
      body: { body, idempotencyKey: `k-${randomUUID()}` },
    });
  let threadId = '';

  it("leaves B serving; A's clients reconnect to B and catch up without gaps", async () => {
    threadId = (await startThread(cluster.fixtures, alice, 'failover')).thread.id;
    // Round robin: half of the readers land on A, half on B.
    for (let i = 0; i < 4; i++) readers.push(reader(lb.url, threadId));
    const deadline = (ms: number) => Date.now() + ms;
    let until = deadline(10_000);
    while (readers.some((r) => !r.socket.connected || r.numbers.size < 1) && Date.now() < until) await sleep(50);
    await sleep(300); // let every join complete

    for (let i = 0; i < 3; i++) expect((await reply(a, `Voor de crash ${i}`)).status).toBe(201);
    await a.kill('SIGKILL');
    // While A's readers are reconnecting, the conversation goes on through B.
    for (let i = 0; i < 5; i++) expect((await reply(b, `Na de crash ${i}`)).status).toBe(201);
    // And through the load balancer, which now only finds B.
    for (let i = 0; i < 2; i++) expect((await reply(lb, `Via de balancer ${i}`)).status).toBe(201);

    const expected = Array.from({ length: 11 }, (_, i) => i + 1);
    until = deadline(15_000);
    while (readers.some((r) => r.numbers.size < expected.length) && Date.now() < until) await sleep(100);
    for (const r of readers) {
      expect([...r.numbers].sort((x, y) => x - y)).toEqual(expected);
      expect(r.socket.connected).toBe(true);
    }
    // Those that were on A lost their connection and came back (to B, the only one left).
    expect(readers.filter((r) => r.disconnects() > 0).length).toBeGreaterThanOrEqual(1);
    expect((await api(b.url, 'GET', '/api/health')).status).toBe(200);
    expect((await api(lb.url, 'GET', `/api/threads/${threadId}/posts`)).status).toBe(200);
  });
});
