import { describe, expect, it } from 'vitest';
import { createAccountsApi } from './accounts';
import { createApiClient } from './client';
import { createFollowsApi } from './follows';
import { createModerationApi } from './moderation';
import { createNotificationsApi } from './notifications';
import { createPostsApi } from './posts';
import { queryString } from './query';
import { createReactionsApi } from './reactions';
import { createSpacesApi } from './spaces';
import { createThreadsApi } from './threads';

interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** A client whose fetch records each request and answers with `status` and `{}`. */
function recorder(status = 200) {
  const calls: Call[] = [];
  const client = createApiClient(async (input, init) => {
    calls.push({
      method: init?.method ?? 'GET',
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return new Response('{}', { status, headers: { 'content-type': 'application/json' } });
  });
  return { client, calls };
}

describe('queryString', () => {
  it('keeps the order given, skips empty parts and writes numbers and booleans as text', () => {
    expect(queryString({ q: 'a b', archived: true, limit: 100, cursor: undefined, space: '', x: null })).toBe(
      '?q=a%20b&archived=true&limit=100',
    );
    expect(queryString({ cursor: undefined })).toBe('');
  });
});

describe('the domain functions name their endpoints', () => {
  it('accounts', async () => {
    const { client, calls } = recorder();
    const accounts = createAccountsApi(client);
    await accounts.session();
    await accounts.updateMe({ locale: 'en' });
    await accounts.deleteMe({ password: 'p', mode: 'erase' });
    await accounts.endSession('a/b');
    expect(calls).toEqual([
      { method: 'GET', url: '/api/auth/session', body: undefined },
      { method: 'PATCH', url: '/api/me', body: { locale: 'en' } },
      { method: 'DELETE', url: '/api/me', body: { password: 'p', mode: 'erase' } },
      { method: 'DELETE', url: '/api/me/sessions/a%2Fb', body: undefined },
    ]);
  });

  it('spaces, with the query in the order the caller gives it', async () => {
    const { client, calls } = recorder();
    const spaces = createSpacesApi(client);
    await spaces.list({ limit: 100, cursor: 'c1', archived: true });
    await spaces.list({ q: '', archived: undefined, limit: undefined, cursor: undefined });
    await spaces.join('rouw', {});
    await spaces.decideJoinRequest('rouw', 'u1', 'approve');
    await spaces.addModerator('rouw', 'Zon bloem');
    expect(calls).toEqual([
      { method: 'GET', url: '/api/spaces?limit=100&cursor=c1&archived=true', body: undefined },
      { method: 'GET', url: '/api/spaces', body: undefined },
      { method: 'POST', url: '/api/spaces/rouw/join', body: {} },
      { method: 'POST', url: '/api/spaces/rouw/join-requests/u1/approve', body: undefined },
      { method: 'PUT', url: '/api/spaces/rouw/moderators/Zon%20bloem', body: undefined },
    ]);
  });

  it('threads, posts and reactions', async () => {
    const { client, calls } = recorder();
    await createThreadsApi(client).list('rouw', { limit: 20, filter: 'unanswered' });
    await createThreadsApi(client).posts('t1', { around: 7, limit: 30 });
    await createPostsApi(client).edit('p1', { body: 'nieuw' });
    await createReactionsApi(client).set('p1', 'steun', true);
    await createReactionsApi(client).set('p1', 'steun', false);
    expect(calls.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'GET /api/spaces/rouw/threads?limit=20&filter=unanswered',
      'GET /api/threads/t1/posts?around=7&limit=30',
      'PATCH /api/posts/p1',
      'PUT /api/posts/p1/reactions/steun',
      'DELETE /api/posts/p1/reactions/steun',
    ]);
  });

  it('follows and notifications', async () => {
    const { client, calls } = recorder();
    await createFollowsApi(client).state('space', 'rouw');
    await createFollowsApi(client).set('thread', 't1', true);
    await createFollowsApi(client).set('thread', 't1', false);
    await createNotificationsApi(client).list();
    await createNotificationsApi(client).list({ cursor: 'n/2' });
    expect(calls.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'GET /api/spaces/rouw/follow',
      'POST /api/threads/t1/follow',
      'DELETE /api/threads/t1/follow',
      'GET /api/notifications',
      'GET /api/notifications?cursor=n%2F2',
    ]);
  });

  it('moderation: a report says whether it was new (201) or already made (200)', async () => {
    const body = { targetType: 'post', targetId: 'p1', reason: 'spam' } as const;
    expect((await createModerationApi(recorder(201).client).report(body)).created).toBe(true);
    expect((await createModerationApi(recorder(200).client).report(body)).created).toBe(false);
  });

  it('moderation: the queue and its items', async () => {
    const { client, calls } = recorder();
    const moderation = createModerationApi(client);
    await moderation.queue({ space: undefined, status: 'open', cursor: undefined });
    await moderation.claim('q1');
    await moderation.resolve('q1', { decision: 'agree', version: 2 });
    expect(calls).toEqual([
      { method: 'GET', url: '/api/moderation/queue?status=open', body: undefined },
      { method: 'POST', url: '/api/moderation/queue/q1/claim', body: {} },
      { method: 'POST', url: '/api/moderation/queue/q1/resolve', body: { decision: 'agree', version: 2 } },
    ]);
  });
});
