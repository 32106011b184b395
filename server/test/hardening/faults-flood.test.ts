/**
 * Flood throttling: one member firing replies (and threads, reactions, reports) as fast as a client can is
 * throttled after a burst — 429, `Retry-After`, a clear message — while another member writing at a
 * normal pace in the same thread is never throttled. Over real HTTP on a listening server.
 * The limits are configurable (KRING_POSTS_PER_MINUTE …); these tests use small ones to stay quick, and
 * one test checks the default burst for replies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestMember } from '../factories/members';
import { createTestSpace, startThread } from '../factories/threads';
import { buildTestApp, type TestApp } from '../helpers/build-app';
import { listen } from '../helpers/socket';

const LIMITS = { postsPerMinute: 6, reactionsPerMinute: 8, reportsPer10Minutes: 4 };

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: { code: string; message: string } };
  ms: number;
}

async function send(baseUrl: string, member: TestMember, method: string, url: string, body?: unknown) {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { cookie: member.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as Answer['body']) : {},
    ms: performance.now() - started,
  } satisfies Answer;
}

/** `count` requests fired at once, the way a script floods. */
const flood = (count: number, one: (i: number) => Promise<Answer>) =>
  Promise.all(Array.from({ length: count }, (_, i) => one(i)));

function expectThrottled(answers: Answer[], allowed: number, accepted: number[]) {
  const ok = answers.filter((a) => accepted.includes(a.status));
  const limited = answers.filter((a) => a.status === 429);
  expect(ok).toHaveLength(allowed);
  expect(limited).toHaveLength(answers.length - allowed);
  for (const answer of limited) {
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(answer.retryAfter)).toBeLessThanOrEqual(600);
    expect(answer.body.error?.code).toBe('rate_limited');
    expect(answer.body.error?.message).toMatch(/Try again in \d+ seconds/);
  }
}

describe('a flood of writes from one member', () => {
  let t: TestApp;
  let baseUrl = '';
  let flooder: TestMember;
  let calm: TestMember;
  let threadId = '';
  let postId = '';

  beforeAll(async () => {
    t = await buildTestApp({ writeLimits: LIMITS });
    baseUrl = await listen(t.app);
    await createTestSpace(t.app, { slug: 'vloed' });
    flooder = await createMember(t.app, { username: 'Snelle_Schrijver' });
    calm = await createMember(t.app, { username: 'Rustige_Lezer' });
    const started = await startThread(t.app, calm, 'vloed');
    threadId = started.thread.id;
    postId = started.post.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const reply = (member: TestMember, body: string) =>
    send(baseUrl, member, 'POST', `/api/threads/${threadId}/posts`, { body, idempotencyKey: randomUUID() });

  it('replies: throttled after the burst, while another member in the same thread is not', async () => {
    // The flood comes in waves of 10 concurrent replies; during every wave the other member replies once
    // (a normal pace: a handful of replies a minute, within the limit).
    const answers: Answer[] = [];
    const calmAnswers: Answer[] = [];
    for (let round = 0; round < 4; round++) {
      const [wave, calmAnswer] = await Promise.all([
        flood(10, (i) => reply(flooder, `Vloed ${round}.${i}`)),
        reply(calm, `Rustig antwoord ${round}`),
      ]);
      answers.push(...wave);
      calmAnswers.push(calmAnswer);
    }

    expectThrottled(answers, LIMITS.postsPerMinute, [201]);
    expect(calmAnswers.map((a) => a.status)).toEqual(calmAnswers.map(() => 201));
    // Normal latency for the calm member: each reply answered well within a second on this small server
    // (a generous bound that only a server stalled by the flood would break).
    const slowest = Math.max(...calmAnswers.map((a) => a.ms));
    expect(slowest).toBeLessThan(5_000);

    // The thread holds exactly the accepted replies, numbered without gaps.
    const page = await send(baseUrl, calm, 'GET', `/api/threads/${threadId}/posts?limit=100`);
    const numbers = (page.body as unknown as { items: { number: number }[] }).items.map((p) => p.number);
    expect(numbers).toEqual(Array.from({ length: 1 + LIMITS.postsPerMinute + calmAnswers.length }, (_, i) => i + 1));
  });

  it('new threads: throttled per member', async () => {
    const member = await createMember(t.app);
    const answers = await flood(LIMITS.postsPerMinute + 5, (i) =>
      send(baseUrl, member, 'POST', '/api/spaces/vloed/threads', {
        title: `Vloedvraag ${i}`,
        body: 'Een vraag, zo snel mogelijk gesteld.',
        idempotencyKey: randomUUID(),
      }),
    );
    expectThrottled(answers, LIMITS.postsPerMinute, [201]);
    // Someone else may still start a thread.
    expect(
      (
        await send(baseUrl, calm, 'POST', '/api/spaces/vloed/threads', {
          title: 'Een gewone vraag',
          body: 'Gewoon een vraag.',
          idempotencyKey: randomUUID(),
        })
      ).status,
    ).toBe(201);
  });

  it('reactions: throttled per member', async () => {
    const member = await createMember(t.app);
    const kinds = ['steun', 'herkenning', 'dank'];
    const answers = await flood(LIMITS.reactionsPerMinute + 6, (i) =>
      send(baseUrl, member, 'PUT', `/api/posts/${postId}/reactions/${kinds[i % kinds.length]}`),
    );
    expectThrottled(answers, LIMITS.reactionsPerMinute, [200]);
    // Someone else may still react (the author may not react to their own post, so a third member).
    const other = await createMember(t.app);
    expect((await send(baseUrl, other, 'PUT', `/api/posts/${postId}/reactions/steun`)).status).toBe(200);
  });

  it('reports: throttled per member', async () => {
    const member = await createMember(t.app);
    const answers = await flood(LIMITS.reportsPer10Minutes + 4, () =>
      send(baseUrl, member, 'POST', '/api/reports', { targetType: 'post', targetId: postId, reason: 'spam' }),
    );
    expectThrottled(answers, LIMITS.reportsPer10Minutes, [200, 201]);
    const other = await send(baseUrl, await createMember(t.app), 'POST', '/api/reports', {
      targetType: 'post',
      targetId: postId,
      reason: 'spam',
    });
    expect(other.status).toBe(201);
  });
});

describe('the default reply limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('allows a burst of 10 replies a minute per member, then 429', async () => {
    expect(t.app.kring.config.writeLimits.postsPerMinute).toBe(10);
    const baseUrl = await listen(t.app);
    await createTestSpace(t.app, { slug: 'standaard' });
    const member = await createMember(t.app);
    const { thread } = await startThread(t.app, member, 'standaard');
    const answers = await flood(14, (i) =>
      send(baseUrl, member, 'POST', `/api/threads/${thread.id}/posts`, {
        body: `Antwoord ${i}`,
        idempotencyKey: randomUUID(),
      }),
    );
    expectThrottled(answers, 10, [201]);
  });
});
