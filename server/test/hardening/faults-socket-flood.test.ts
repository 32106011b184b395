/**
 * One socket cannot stall the server: 10,000 `thread:join` (or `space:join`, or unknown ids) emits from one
 * connection, sent without waiting for acks, while `/api/health` is polled over real HTTP. Every poll answers
 * within 200 ms; the flooding socket gets `rate_limited` acks and is then disconnected; a normal client on
 * another connection keeps working. Also: the room caps per connection, the per-source limit across two
 * connections of one account, and (with TEST_REDIS_URL) that limit across two processes sharing Redis.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Post } from '@kring/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { testConfig } from '../../src/config';
import type { ZodApp } from '../../src/context';
import { MAX_SPACE_ROOMS, MAX_THREAD_ROOMS } from '../../src/modules/threads/threads.socket';
import { SOCKET_LIMITS, STRIKES } from '../../src/realtime/limits';
import { createMember, type TestMember } from '../factories/members';
import { createTestSpace, replyTo, startThread } from '../factories/threads';
import { floodFromWorker, type FloodOptions } from './fault-support/socket-flooder';
import { buildTestApp, type TestApp } from '../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../helpers/socket';

const FLOOD = 10_000;
const HEALTH_BUDGET_MS = 200;

let t: TestApp;
let baseUrl = '';
let author: TestMember;
let threadId = '';
const open: TestSocket[] = [];

beforeAll(async () => {
  // Plenty of threads for the room cap test; the socket limits are the defaults.
  t = await buildTestApp({ writeLimits: { postsPerMinute: 1_000, reactionsPerMinute: 60, reportsPer10Minutes: 10 } });
  baseUrl = await listen(t.app);
  await createTestSpace(t.app, { slug: 'stroom' });
  author = await createMember(t.app, { username: 'Stroom_Schrijver' });
  threadId = (await startThread(t.app, author, 'stroom')).thread.id;
  // A server that has run for a while has compiled its socket paths; a fresh test app has not. One small flood
  // from a member (its own source, so the guests' budget below is untouched) warms them before anything is timed.
  const warmer = await createMember(t.app);
  await floodFromWorker(
    { baseUrl, event: 'thread:join', count: 500, payload: { threadId }, cookie: warmer.cookie, timeoutMs: 60_000 },
    () => undefined,
  );
  // The test's own HTTP client loads on its first request; that is not the server's time either.
  await (await fetch(`${baseUrl}/api/health`)).arrayBuffer();
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t?.close();
});

async function connect(url: string, member?: TestMember): Promise<TestSocket> {
  const socket = openSocket(url, member ? { cookie: member.cookie } : {});
  open.push(socket);
  await waitFor(socket, 'hello', 10_000);
  return socket;
}

type Ack = { ok: boolean; error?: string };

/** Emits without waiting; each promise settles with the ack, or with 'lost' once the socket is disconnected. */
function fire(socket: TestSocket, event: string, payload: unknown): Promise<Ack | 'lost'> {
  return new Promise((resolve) => {
    const lost = () => resolve('lost');
    socket.once('disconnect', lost);
    (socket.emit as (e: string, p: unknown, ack: (a: Ack) => void) => void)(event, payload, (ack) => {
      socket.off('disconnect', lost);
      resolve(ack);
    });
  });
}

/**
 * How long this thread (the server and the test share it) has waited, runnable, for a CPU (Linux; 0
 * elsewhere). The machine is shared: time spent waiting for a core is other processes' load, not this
 * server's, and is taken out of each health latency. Time the server spends on its own work is not.
 */
function runQueueWaitMs(): number {
  try {
    const wait = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1];
    return wait === undefined ? 0 : Number(wait) / 1e6;
  } catch {
    return 0;
  }
}

interface Poll {
  ms: number;
  /** Of which waiting for a CPU. */
  waitedMs: number;
}

/** Polls `/api/health` one request after another until `done()` (and at least 5 times). */
async function pollHealth(done: () => boolean): Promise<Poll[]> {
  const polls: Poll[] = [];
  while (!done() || polls.length < 5) {
    const waitedBefore = runQueueWaitMs();
    const started = performance.now();
    const res = await fetch(`${baseUrl}/api/health`);
    await res.arrayBuffer();
    polls.push({ ms: performance.now() - started, waitedMs: runQueueWaitMs() - waitedBefore });
    expect(res.status).toBe(200);
  }
  return polls;
}

const counts = (acks: (Ack | 'lost')[]) => ({
  ok: acks.filter((a) => a !== 'lost' && a.ok).length,
  limited: acks.filter((a) => a !== 'lost' && a.error === 'rate_limited').length,
  lost: acks.filter((a) => a === 'lost').length,
});

describe('a socket flood', () => {
  const floods: [string, string, FloodOptions['payload'] | 'thread'][] = [
    ['thread:join of one thread', 'thread:join', 'thread'],
    ['thread:join of unknown ids', 'thread:join', { randomThreadId: true }],
    ['space:join', 'space:join', { slug: 'stroom' }],
  ];

  it.each(floods)('%s: health keeps answering, the flooder is refused then cut off', async (_name, event, payload) => {
    // A normal reader on another connection, joined before the flood.
    const reader = await connect(baseUrl, await createMember(t.app));
    expect(await reader.timeout(5_000).emitWithAck('thread:join', { threadId })).toMatchObject({ ok: true });

    let finished = false;
    let health: Promise<Poll[]> | undefined;
    const result = await floodFromWorker(
      { baseUrl, event, count: FLOOD, payload: payload === 'thread' ? { threadId } : payload, timeoutMs: 60_000 },
      () => {
        health = pollHealth(() => finished);
      },
    );
    finished = true;
    const polls = await health!;

    // Every health request answered, each within budget (less the time this thread waited for a CPU).
    expect(polls.length).toBeGreaterThanOrEqual(5);
    const own = polls.map((p) => p.ms - p.waitedMs);
    const worst = [...polls]
      .sort((a, b) => b.ms - b.waitedMs - (a.ms - a.waitedMs))
      .slice(0, 5)
      .map((p) => `${Math.round(p.ms)} ms (${Math.round(p.waitedMs)} waiting for a CPU)`);
    expect(Math.max(...own), `${polls.length} polls, slowest: ${worst.join(', ')}`).toBeLessThan(HEALTH_BUDGET_MS);
    // At most one connection burst did any work; then error acks; then the server ended the connection.
    const limit = SOCKET_LIMITS[event as 'thread:join'].connection.burst;
    const answered = Object.values(result.acks).reduce((sum, n) => sum + n, 0);
    expect(result.reason).toBe('io server disconnect');
    expect(result.acks.ok ?? 0).toBeLessThanOrEqual(limit);
    expect(result.acks.rate_limited).toBeGreaterThanOrEqual(1);
    expect(result.acks.rate_limited).toBeLessThanOrEqual(STRIKES.burst + 1);
    // Unknown ids answer not_found within the burst; nothing else.
    expect(answered - (result.acks.ok ?? 0) - result.acks.rate_limited!).toBe(result.acks.not_found ?? 0);
    expect(result.unanswered).toBe(FLOOD - answered);
    expect(result.unanswered).toBeGreaterThan(FLOOD / 2);

    // The normal reader still works: it gets the next reply live and can join again.
    const live = new Promise<Post>((resolve) => reader.once('post:created', ({ post }) => resolve(post)));
    const reply = await replyTo(t.app, author, threadId);
    expect((await live).number).toBe(reply.number);
    expect(await reader.timeout(5_000).emitWithAck('thread:join', { threadId })).toMatchObject({ ok: true });
    reader.close();
  });
});

describe('one event at a time per connection', () => {
  it('an event nobody handles does not hold up the next one', async () => {
    const socket = await connect(baseUrl, await createMember(t.app));
    const unanswered = fire(socket, 'no:such-event', {});
    const started = performance.now();
    expect(await fire(socket, 'thread:join', { threadId })).toMatchObject({ ok: true });
    // Far below the 10 s after which a handler that never answers stops holding up its connection.
    expect(performance.now() - started).toBeLessThan(5_000);
    socket.close();
    expect(await unanswered).toBe('lost');
  });
});

describe('room caps per connection', () => {
  it(`joins at most ${MAX_THREAD_ROOMS} threads; joining one more is refused, a joined one still passes`, async () => {
    const member = await createMember(t.app);
    const ids: string[] = [];
    for (let i = 0; i <= MAX_THREAD_ROOMS; i += 1) ids.push((await startThread(t.app, author, 'stroom')).thread.id);
    const socket = await connect(baseUrl, member);
    const first = await Promise.all(
      ids.slice(0, MAX_THREAD_ROOMS).map((id) => fire(socket, 'thread:join', { threadId: id })),
    );
    expect(first.every((a) => a !== 'lost' && a.ok)).toBe(true);
    expect(await fire(socket, 'thread:join', { threadId: ids[MAX_THREAD_ROOMS] })).toEqual({
      ok: false,
      error: 'too_many_rooms',
    });
    expect(await fire(socket, 'thread:join', { threadId: ids[0] })).toMatchObject({ ok: true });
    // Leaving one makes room for another.
    expect(await fire(socket, 'thread:leave', { threadId: ids[0] })).toEqual({ ok: true });
    expect(await fire(socket, 'thread:join', { threadId: ids[MAX_THREAD_ROOMS] })).toMatchObject({ ok: true });
    socket.close();
  });

  it(`joins at most ${MAX_SPACE_ROOMS} spaces`, async () => {
    const slugs: string[] = [];
    for (let i = 0; i <= MAX_SPACE_ROOMS; i += 1) {
      const slug = `kamer-${randomBytes(3).toString('hex')}`;
      await createTestSpace(t.app, { slug });
      slugs.push(slug);
    }
    const socket = await connect(baseUrl, await createMember(t.app));
    const first = await Promise.all(
      slugs.slice(0, MAX_SPACE_ROOMS).map((slug) => fire(socket, 'space:join', { slug })),
    );
    expect(first).toEqual(slugs.slice(0, MAX_SPACE_ROOMS).map(() => ({ ok: true })));
    expect(await fire(socket, 'space:join', { slug: slugs[MAX_SPACE_ROOMS] })).toEqual({
      ok: false,
      error: 'too_many_rooms',
    });
    expect(await fire(socket, 'space:join', { slug: slugs[0] })).toEqual({ ok: true });
    socket.close();
  });
});

/**
 * Three connections of one account each send exactly one connection burst of joins (so no connection is over
 * its own limit): together they are over the account's limit, and the last one is refused.
 */
async function overSourceLimit(urls: [string, string, string], member: TestMember) {
  const { connection, source } = SOCKET_LIMITS['thread:join'];
  expect(3 * connection.burst).toBeGreaterThan(source.burst + 20);
  const started = performance.now();
  const results: ReturnType<typeof counts>[] = [];
  for (const url of urls) {
    const socket = await connect(url, member);
    const acks = await Promise.all(
      Array.from({ length: connection.burst }, () => fire(socket, 'thread:join', { threadId })),
    );
    results.push(counts(acks));
    socket.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const [a, b, c] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]];
  expect(a).toEqual({ ok: connection.burst, limited: 0, lost: 0 });
  expect(a.ok + b.ok).toBeLessThanOrEqual(source.burst + Math.ceil(seconds * source.perSecond) + 1);
  expect(c.limited).toBeGreaterThanOrEqual(1);
  expect(a.ok + b.ok + c.ok).toBeLessThanOrEqual(source.burst + Math.ceil(seconds * source.perSecond) + 1);
}

describe('the per-source limit', () => {
  it('holds across connections of one account', async () => {
    const member = await createMember(t.app);
    await overSourceLimit([baseUrl, baseUrl, baseUrl], member);
    // Another account is not affected.
    const other = await connect(baseUrl, await createMember(t.app));
    expect(await fire(other, 'thread:join', { threadId })).toMatchObject({ ok: true });
    other.close();
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  it.runIf(Boolean(redisUrl))('holds across two processes sharing Redis', async () => {
    const redisPrefix = `kring-flood-${randomBytes(4).toString('hex')}`;
    const apps: ZodApp[] = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        apps.push(
          await buildApp(testConfig({ database: t.database.config, redisUrl: redisUrl!, redisPrefix }), {
            database: t.app.kring.database,
            migrate: false,
          }),
        );
      }
      const [one, two] = [await listen(apps[0]!), await listen(apps[1]!)];
      await overSourceLimit([one, two, one], await createMember(t.app));
    } finally {
      for (const app of apps) await app.close();
    }
  });
});
