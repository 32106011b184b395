/** The benchmark baselines (/bench/*) exist only in bench mode, and do what the bench expects of them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember } from '../../factories/members';
import { createTestSpace, startThread } from '../../factories/threads';

describe('outside bench mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['GET', '/bench/b1'],
    ['GET', '/bench/b2/00000000-0000-4000-8000-000000000000'],
    ['POST', '/bench/b5'],
    ['GET', '/bench/heap'],
  ] as const)('%s %s is not served', async (method, url) => {
    const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: { body: 'x' } } : {}) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('in bench mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ bench: true, rateLimits: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('B1 answers hello-world JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/bench/b1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ hello: 'world' });
  });

  it('B2 reads a post by primary key, and 404s a missing one', async () => {
    const space = await createTestSpace(t.app);
    const member = await createMember(t.app);
    const { post } = await startThread(t.app, member, space.slug, { body: 'Hallo allemaal' });
    const res = await t.app.inject({ method: 'GET', url: `/bench/b2/${post.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: post.id, number: 1 });
    expect(res.json().html).toContain('Hallo allemaal');

    const missing = await t.app.inject({ method: 'GET', url: '/bench/b2/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    const malformed = await t.app.inject({ method: 'GET', url: '/bench/b2/not-a-uuid' });
    expect(malformed.statusCode).toBe(400);
  });

  it('B5 inserts one row per request', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/bench/b5', payload: { body: 'een' } });
    const second = await t.app.inject({ method: 'POST', url: '/bench/b5', payload: { body: 'twee' } });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(Number(second.json().id)).toBe(Number(first.json().id) + 1);
  });

  it('reports the heap for the heap-per-connection measure', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/bench/heap' });
    expect(res.statusCode).toBe(200);
    expect(res.json().heapUsed).toBeGreaterThan(0);
  });

  it('the baselines stay out of the public API documentation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths as object).some((p) => p.startsWith('/bench'))).toBe(false);
  });
});
