/** Following threads and spaces: members only, only what they may read, idempotent both ways. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, replyTo, startThread } from '../../factories/threads';

let t: TestApp;
let opener: TestMember;
let reader: TestMember;
let slug: string;
let closedSlug: string;
let threadId: string;
let closedThreadId: string;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  opener = await createMember(t.app);
  reader = await createMember(t.app);
  const admin = await createMember(t.app, { role: 'admin' });
  slug = (await createTestSpace(t.app)).slug;
  closedSlug = (await createTestSpace(t.app, { visibility: 'closed' })).slug;
  threadId = (await startThread(t.app, opener, slug)).thread.id;
  closedThreadId = (await startThread(t.app, admin, closedSlug)).thread.id;
});

afterAll(async () => {
  await t.close();
});

function call(method: 'GET' | 'POST' | 'DELETE', url: string, member?: TestMember) {
  return t.app.inject({ method, url, ...(member ? { headers: { cookie: member.cookie } } : {}) });
}

describe('thread follows', () => {
  it('starting a thread follows it, and replying does too', async () => {
    expect((await call('GET', `/api/threads/${threadId}/follow`, opener)).json()).toEqual({ following: true });
    expect((await call('GET', `/api/threads/${threadId}/follow`, reader)).json()).toEqual({ following: false });
    await replyTo(t.app, reader, threadId);
    expect((await call('GET', `/api/threads/${threadId}/follow`, reader)).json()).toEqual({ following: true });
  });

  it('follows and unfollows, repeatably', async () => {
    const member = await createMember(t.app);
    for (const [method, following] of [
      ['POST', true],
      ['POST', true],
      ['DELETE', false],
      ['DELETE', false],
    ] as const) {
      const res = await call(method, `/api/threads/${threadId}/follow`, member);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ following });
      expect((await call('GET', `/api/threads/${threadId}/follow`, member)).json()).toEqual({ following });
    }
  });

  it('answers 401 to guests', async () => {
    expect((await call('POST', `/api/threads/${threadId}/follow`)).statusCode).toBe(401);
    expect((await call('GET', `/api/threads/${threadId}/follow`)).statusCode).toBe(401);
  });

  it('answers 404 for a missing thread and for one in a space the member cannot read', async () => {
    expect((await call('POST', '/api/threads/00000000-0000-4000-8000-000000000000/follow', reader)).statusCode).toBe(
      404,
    );
    expect((await call('POST', '/api/threads/niet-een-id/follow', reader)).statusCode).toBe(404);
    expect((await call('POST', `/api/threads/${closedThreadId}/follow`, reader)).statusCode).toBe(404);
  });
});

describe('space follows', () => {
  it('follows and unfollows a space', async () => {
    expect((await call('GET', `/api/spaces/${slug}/follow`, reader)).json()).toEqual({ following: false });
    expect((await call('POST', `/api/spaces/${slug}/follow`, reader)).json()).toEqual({ following: true });
    expect((await call('GET', `/api/spaces/${slug}/follow`, reader)).json()).toEqual({ following: true });
    expect((await call('DELETE', `/api/spaces/${slug}/follow`, reader)).json()).toEqual({ following: false });
  });

  it('answers 401 to guests and 404 for missing or unreadable spaces', async () => {
    expect((await call('POST', `/api/spaces/${slug}/follow`)).statusCode).toBe(401);
    expect((await call('POST', '/api/spaces/bestaat-niet/follow', reader)).statusCode).toBe(404);
    expect((await call('POST', `/api/spaces/${closedSlug}/follow`, reader)).statusCode).toBe(404);
  });
});
