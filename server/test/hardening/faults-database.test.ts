/**
 * PostgreSQL goes away while the server runs: requests get 503 with the documented error shape — quickly,
 * never a hang, never a 500 — the health endpoint says 503 too (so a load balancer stops sending traffic),
 * and when PostgreSQL is back the server recovers by itself, without a restart.
 * Uses a private PostgreSQL cluster (fault-support/private-postgres.ts) so no other test is disturbed; runs
 * when PostgreSQL's binaries are installed and can be run here.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { testConfig } from '../../src/config';
import type { ZodApp } from '../../src/context';
import { createMember, type TestMember } from '../factories/members';
import { createTestSpace, startThread } from '../factories/threads';
import { listen } from '../helpers/socket';
import { sleep } from '../multiprocess/harness';
import { privatePostgres, privatePostgresAvailable, type PrivatePostgres } from './fault-support/private-postgres';

const REQUEST_TIMEOUT_MS = 15_000;

interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

describe.runIf(privatePostgresAvailable)('PostgreSQL stopped while the server runs', () => {
  let cluster: PrivatePostgres;
  let app: ZodApp;
  let baseUrl = '';
  let member: TestMember;
  let threadId = '';

  beforeAll(async () => {
    cluster = await privatePostgres();
    cluster.start();
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('create database kring');
    await admin.end();
    const url = cluster.adminUrl.replace(/\/postgres$/, '/kring');
    app = await buildApp(testConfig({ database: { kind: 'postgres', url }, rateLimits: false }));
    baseUrl = await listen(app);
    await createTestSpace(app, { slug: 'storing' });
    member = await createMember(app, { username: 'Storing_Lid' });
    threadId = (await startThread(app, member, 'storing')).thread.id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    cluster?.remove();
  });

  async function request(method: string, url: string, body?: unknown): Promise<Answer> {
    const started = performance.now();
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie: member.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A hang shows up as a failed test, not a stuck run.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 2),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, ms: performance.now() - started };
  }

  const reply = (body: string) =>
    request('POST', `/api/threads/${threadId}/posts`, { body, idempotencyKey: randomUUID() });

  // Reads, a write, the session lookup (every request with a cookie) and the health check.
  const probes = () => [
    request('GET', '/api/health'),
    request('GET', '/api/me'),
    request('GET', '/api/spaces'),
    request('GET', `/api/threads/${threadId}/posts`),
    reply('Tijdens de storing'),
  ];

  /** The documented 503, in less than the request timeout: never a hang, never a 500. */
  function expectUnavailable(answers: Answer[]) {
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.body).toEqual({
        error: { code: 'service_unavailable', message: expect.stringMatching(/database/) },
      });
      expect(answer.ms).toBeLessThan(REQUEST_TIMEOUT_MS);
    }
  }

  /** Polls the health check until it is 200 again (or 20 s passed) — no restart, the pool reconnects. */
  async function healthWhenBack(): Promise<Answer> {
    const deadline = Date.now() + 20_000;
    let health = await request('GET', '/api/health');
    while (health.status !== 200 && Date.now() < deadline) {
      await sleep(200);
      health = await request('GET', '/api/health');
    }
    return health;
  }

  it('answers 503 quickly while PostgreSQL is down, and recovers by itself when it is back', async () => {
    expect((await request('GET', '/api/health')).status).toBe(200);
    expect((await reply('Voor de storing')).status).toBe(201);

    cluster.stop();
    // Twice: first with connections the pool still held (terminated by the shutdown), then fresh attempts.
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(probes());
      expectUnavailable(answers);
    }

    cluster.start();
    // No restart: the pool reconnects on the next requests.
    expect((await healthWhenBack()).status).toBe(200);
    expect((await reply('Na de storing')).status).toBe(201);
    const page = await request('GET', `/api/threads/${threadId}/posts`);
    expect(page.status).toBe(200);
    const numbers = (page.body as { items: { number: number }[] }).items.map((p) => p.number);
    // Opening post, the reply before, the one after: nothing half-written from the outage.
    expect(numbers).toEqual([1, 2, 3]);
  }, 120_000);

  it('answers 503 within the request timeout while PostgreSQL hangs (frozen), and recovers when it thaws', async () => {
    expect((await request('GET', '/api/health')).status).toBe(200);
    cluster.freeze();
    let answers: Answer[];
    try {
      answers = await Promise.all(probes());
    } finally {
      cluster.thaw();
    }
    expectUnavailable(answers);
    expect((await healthWhenBack()).status).toBe(200);
    expect((await reply('Na het bevriezen')).status).toBe(201);
  }, 120_000);
});
